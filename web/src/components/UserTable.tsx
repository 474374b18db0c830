import { useState } from 'react';
import { isRole, ROLE_LABELS, type Role, type User, type UserId } from '../api';
import { formatDate, formatTimestamp, isoTimestamp } from '../format';
import { ROLE_OPTIONS } from './CreateUserForm';

interface UserTableProps {
  users: readonly User[];
  currentUserId: UserId;
  busyIds: ReadonlySet<string>;
  onChangeRole(user: User, role: Role): void;
  onToggleDisabled(user: User): void;
  onResetPassword(user: User, opener: HTMLElement): void;
  /** Sets the school (IPEDS UNITID, or null) of an organizer or champion. */
  onChangeSchool(user: User, unitid: number | null): void;
}

/** Organizers and champions are scoped to one school's partnership. */
export function hasSchool(role: Role): boolean {
  return role === 'organizer' || role === 'champion';
}

export function UserTable(props: UserTableProps) {
  const { users } = props;
  if (users.length === 0) return <p className="muted">No users yet.</p>;
  return (
    <div className="table-scroll" role="region" aria-label="Users table" tabIndex={0}>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Display name</th>
            <th scope="col">Role</th>
            <th scope="col">School</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {users.map((user) => (
            <UserRow
              key={String(user.id)}
              user={user}
              isSelf={String(user.id) === String(props.currentUserId)}
              busy={props.busyIds.has(String(user.id))}
              {...props}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

interface UserRowProps extends UserTableProps {
  user: User;
  isSelf: boolean;
  busy: boolean;
}

function UserRow({ user, isSelf, busy, onChangeRole, onToggleDisabled, onResetPassword, onChangeSchool }: UserRowProps) {
  const [role, setRole] = useState<string>(user.role);
  const [lastSeenRole, setLastSeenRole] = useState<Role>(user.role);
  // Follow the server's value when it changes (after a save), keeping unsaved edits otherwise.
  if (user.role !== lastSeenRole) {
    setLastSeenRole(user.role);
    setRole(user.role);
  }
  const roleSelectId = `role-${String(user.id)}`;
  const changed = role !== user.role;

  return (
    <tr className={user.disabled ? 'row--disabled' : undefined} data-username={user.username}>
      <th scope="row" className="cell-username">
        {user.username}
        {isSelf && <span className="muted"> (you)</span>}
      </th>
      <td>{user.display_name}</td>
      <td>
        {isSelf ? (
          ROLE_LABELS[user.role]
        ) : (
          <div className="inline-control">
            <label htmlFor={roleSelectId} className="visually-hidden">
              Role for {user.username}
            </label>
            <select
              id={roleSelectId}
              className="input select input--compact"
              value={role}
              disabled={busy}
              onChange={(event) => setRole(event.target.value)}
            >
              {ROLE_OPTIONS.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </select>
            {changed && (
              <button
                type="button"
                className="button button--small button--primary"
                disabled={busy}
                onClick={() => {
                  if (isRole(role)) onChangeRole(user, role);
                }}
                aria-label={`Save role for ${user.username}`}
              >
                Save
              </button>
            )}
          </div>
        )}
      </td>
      <td>
        {hasSchool(user.role) ? (
          <SchoolCell user={user} busy={busy} onSave={onChangeSchool} />
        ) : user.school_unitid !== null ? (
          String(user.school_unitid)
        ) : (
          <span className="muted">—</span>
        )}
      </td>
      <td>
        <span className={user.disabled ? 'status status--disabled' : 'status status--active'}>
          {user.disabled ? 'Disabled' : 'Active'}
        </span>
        {user.must_change_password && !user.disabled && (
          <span className="status-note">Must change password</span>
        )}
      </td>
      <td className="cell-created">
        <time dateTime={isoTimestamp(user.created_at) || undefined} title={formatTimestamp(user.created_at)}>
          {formatDate(user.created_at)}
        </time>
      </td>
      <td className="cell-actions">
        <div className="cell-actions__buttons">
          {!isSelf && (
            <button
              type="button"
              className="button button--small"
              disabled={busy}
              onClick={() => onToggleDisabled(user)}
              aria-label={`${user.disabled ? 'Enable' : 'Disable'} ${user.username}`}
            >
              {user.disabled ? 'Enable' : 'Disable'}
            </button>
          )}
          <button
            type="button"
            className="button button--small"
            disabled={busy}
            onClick={(event) => onResetPassword(user, event.currentTarget)}
            aria-label={`Reset password for ${user.username}`}
          >
            Reset password
          </button>
        </div>
      </td>
    </tr>
  );
}

function SchoolCell({ user, busy, onSave }: { user: User; busy: boolean; onSave(user: User, unitid: number | null): void }) {
  const saved = user.school_unitid === null ? '' : String(user.school_unitid);
  const [text, setText] = useState(saved);
  const [lastSeen, setLastSeen] = useState(saved);
  if (saved !== lastSeen) {
    setLastSeen(saved);
    setText(saved);
  }
  const trimmed = text.trim();
  const valid = trimmed === '' || /^\d{1,9}$/.test(trimmed);
  const changed = trimmed !== saved;
  const id = `school-${String(user.id)}`;
  return (
    <form
      className="inline-control"
      onSubmit={(event) => {
        event.preventDefault();
        if (valid && changed) onSave(user, trimmed === '' ? null : Number(trimmed));
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        School UNITID for {user.username}
      </label>
      <input
        id={id}
        className="input input--compact input--unitid"
        inputMode="numeric"
        value={text}
        disabled={busy}
        placeholder="none"
        onChange={(event) => setText(event.target.value)}
        aria-invalid={valid ? undefined : true}
        aria-describedby={valid ? undefined : `${id}-error`}
      />
      {changed && (
        <button
          type="submit"
          className="button button--small button--primary"
          disabled={busy || !valid}
          aria-label={`Save school for ${user.username}`}
        >
          Save
        </button>
      )}
      {!valid && (
        <span id={`${id}-error`} className="field__error">
          Digits only
        </span>
      )}
    </form>
  );
}
