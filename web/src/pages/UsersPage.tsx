// User administration (admins only): list, create, change role, disable / enable, reset a
// password, export the list as CSV. The server checks every action again; this page only
// avoids offering what would certainly be refused.
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError, ROLE_LABELS, type Session, type User, type UserId, type UserPatch } from '../api';
import { PageTitle } from '../components/AppShell';
import { CreateUserForm } from '../components/CreateUserForm';
import { ErrorNotice, StatusRegion } from '../components/Notice';
import { ResetPasswordDialog } from '../components/ResetPasswordDialog';
import { UserTable } from '../components/UserTable';
import { downloadText, toCsv } from '../csv';
import { isoTimestamp } from '../format';
import { useDocumentTitle } from '../hooks';
import { AccessDenied } from './AccessDenied';

export function UsersPage({ session }: { session: Session }) {
  if (session.user.role !== 'admin') return <AccessDenied what="User administration" />;
  return <UserAdministration currentUserId={session.user.id} />;
}

function byUsername(a: User, b: User): number {
  return a.username.localeCompare(b.username);
}

export function usersToCsv(users: readonly User[]): string {
  return toCsv(
    ['username', 'display_name', 'role', 'status', 'must_change_password', 'created_at'],
    users.map((u) => [
      u.username,
      u.display_name,
      u.role,
      u.disabled ? 'disabled' : 'active',
      u.must_change_password ? 'yes' : 'no',
      isoTimestamp(u.created_at),
    ]),
  );
}

function UserAdministration({ currentUserId }: { currentUserId: UserId }) {
  useDocumentTitle('Users');
  const [users, setUsers] = useState<User[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busyIds, setBusyIds] = useState<ReadonlySet<string>>(new Set());
  const [resetting, setResetting] = useState<User | null>(null);
  const resetOpener = useRef<HTMLElement | null>(null);

  const load = useCallback(async () => {
    setLoadError(null);
    try {
      const list = await api.listUsers();
      setUsers([...list].sort(byUsername));
    } catch (caught) {
      setLoadError(caught instanceof Error ? caught.message : 'The user list could not be loaded.');
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  function replaceUser(updated: User): void {
    setUsers((list) => (list === null ? list : list.map((u) => (u.id === updated.id ? updated : u))));
  }

  function setBusy(id: UserId, busy: boolean): void {
    setBusyIds((current) => {
      const next = new Set(current);
      if (busy) next.add(String(id));
      else next.delete(String(id));
      return next;
    });
  }

  async function update(user: User, patch: UserPatch, done: (u: User) => string): Promise<void> {
    setStatus('');
    setActionError(null);
    setBusy(user.id, true);
    try {
      const updated = await api.updateUser(user.id, patch);
      replaceUser(updated);
      setStatus(done(updated));
    } catch (caught) {
      setActionError(
        caught instanceof ApiError
          ? `${user.username}: ${caught.message}`
          : `${user.username} could not be updated.`,
      );
    } finally {
      setBusy(user.id, false);
    }
  }

  function handleCreated(user: User): void {
    setActionError(null);
    setUsers((list) => [...(list ?? []), user].sort(byUsername));
    setStatus(`User ${user.username} was created.`);
  }

  function exportCsv(): void {
    if (users === null) return;
    const day = new Date().toISOString().slice(0, 10);
    downloadText(`scij-users-${day}.csv`, usersToCsv(users));
    setStatus(`Exported ${users.length} ${users.length === 1 ? 'user' : 'users'} as CSV.`);
  }

  return (
    <>
      <PageTitle>Users</PageTitle>
      <p className="lead">
        Everyone who can sign in to SCIJ Network. Roles decide what a person can see and do;
        disabling an account signs it out and blocks sign-in until it is enabled again. Campus
        organizers and champions see only their own school’s partnership: set their school’s
        UNITID in the School column.
      </p>

      <StatusRegion message={status} />
      {actionError !== null && <ErrorNotice>{actionError}</ErrorNotice>}

      <section className="section panel" aria-labelledby="create-user-heading">
        <h2 id="create-user-heading">Add a user</h2>
        <CreateUserForm
          onCreated={handleCreated}
          onSubmitStart={() => {
            setStatus('');
            setActionError(null);
          }}
        />
      </section>

      <section className="section" aria-labelledby="user-list-heading">
        <div className="section__header">
          <h2 id="user-list-heading">
            All users{users !== null && <span className="count"> ({users.length})</span>}
          </h2>
          <button
            type="button"
            className="button"
            onClick={exportCsv}
            disabled={users === null || users.length === 0}
          >
            Export CSV
          </button>
        </div>
        {loadError !== null && (
          <ErrorNotice>
            {loadError}{' '}
            <button type="button" className="button button--small" onClick={() => void load()}>
              Try again
            </button>
          </ErrorNotice>
        )}
        {users === null && loadError === null && (
          <p className="muted" role="status">
            Loading users…
          </p>
        )}
        {users !== null && (
          <UserTable
            users={users}
            currentUserId={currentUserId}
            busyIds={busyIds}
            onChangeRole={(user, role) =>
              void update(user, { role }, (u) => `${u.username}’s role is now ${ROLE_LABELS[u.role]}.`)
            }
            onToggleDisabled={(user) =>
              void update(user, { disabled: !user.disabled }, (u) =>
                u.disabled ? `${u.username} was disabled.` : `${u.username} was enabled.`,
              )
            }
            onChangeSchool={(user, unitid) =>
              void update(user, { school_unitid: unitid }, (u) =>
                u.school_unitid === null
                  ? `${u.username} is no longer tied to a school.`
                  : `${u.username}’s school is now UNITID ${u.school_unitid}.`,
              )
            }
            onResetPassword={(user, opener) => {
              resetOpener.current = opener;
              setStatus('');
              setResetting(user);
            }}
          />
        )}
      </section>

      <ResetPasswordDialog
        user={resetting}
        onClose={(message) => {
          setResetting(null);
          if (message !== undefined) setStatus(message);
          resetOpener.current?.focus();
        }}
        reset={(user, password) => api.resetPassword(user.id, password)}
      />
    </>
  );
}
