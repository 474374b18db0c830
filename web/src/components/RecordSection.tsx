// A section of a partnership's records (outreach, evidence, homes, attorney commitments): the
// entries as a list, an "Add" button that opens the form below the list, "Edit" that swaps an
// entry for the same form, and a two-step "Delete". One form is open at a time; after saving or
// cancelling, focus returns to the button that opened it (after a delete, to the heading).
import { useState, type KeyboardEvent, type ReactNode } from 'react';
import { focusSoon } from '../forms';
import { DeleteButton } from './Partnerships';

export interface RecordFormProps<T> {
  /** The entry being edited, or null for a new one. */
  initial: T | null;
  /** Called after the server accepted the change, with a confirmation for the status line. */
  onDone(message: string): void;
  onCancel(): void;
}

interface RecordSectionProps<T extends { id: number }> {
  /** Used for element ids ("outreach"). */
  id: string;
  title: string;
  /** "an outreach entry": the add button reads "Add an outreach entry". */
  noun: string;
  intro?: ReactNode;
  /** Shown above the list (a status box). */
  summary?: ReactNode;
  items: readonly T[];
  canEdit: boolean;
  empty: string;
  /** A short name of an entry for button labels ("Edit outreach of 2025-03-01"). */
  itemName(item: T): string;
  renderItem(item: T): ReactNode;
  renderForm(props: RecordFormProps<T>): ReactNode;
  onDelete(item: T): Promise<void>;
}

export function RecordSection<T extends { id: number }>(props: RecordSectionProps<T>) {
  const { id, title, noun, items, canEdit } = props;
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const headingId = `${id}-heading`;
  const addId = `${id}-add`;
  const editId = (itemId: number) => `${id}-edit-${itemId}`;

  function close(opener: string): void {
    setEditing(null);
    focusSoon(opener);
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>, opener: string): void {
    if (event.key === 'Escape') {
      event.preventDefault();
      close(opener);
    }
  }

  function formFor(item: T | null): ReactNode {
    const opener = item === null ? addId : editId(item.id);
    return (
      <div className="record-form" onKeyDown={(e) => onKeyDown(e, opener)}>
        {props.renderForm({
          initial: item,
          onDone: () => close(opener),
          onCancel: () => close(opener),
        })}
      </div>
    );
  }

  return (
    <section className="section panel record-section" id={id} aria-labelledby={headingId} data-testid={`section-${id}`}>
      <div className="section__header">
        <h2 id={headingId} tabIndex={-1}>
          {title} <span className="count">({items.length})</span>
        </h2>
        {canEdit && editing !== 'new' && (
          <button
            id={addId}
            type="button"
            className="button button--small"
            onClick={() => setEditing('new')}
          >
            Add {noun}
          </button>
        )}
      </div>
      {props.intro !== undefined && <div className="record-section__intro">{props.intro}</div>}
      {props.summary}
      {items.length === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <ul className="record-list">
          {items.map((item) =>
            editing === item.id ? (
              <li key={item.id} className="record record--editing">
                {formFor(item)}
              </li>
            ) : (
              <li key={item.id} className="record" data-record-id={item.id}>
                <div className="record__body">{props.renderItem(item)}</div>
                {canEdit && (
                  <div className="record__actions">
                    <button
                      id={editId(item.id)}
                      type="button"
                      className="button button--small"
                      aria-label={`Edit ${props.itemName(item)}`}
                      disabled={deleting === item.id}
                      onClick={() => setEditing(item.id)}
                    >
                      Edit
                    </button>
                    <DeleteButton
                      label={`Delete ${props.itemName(item)}`}
                      disabled={deleting === item.id}
                      onConfirm={() => {
                        setDeleting(item.id);
                        void props.onDelete(item).finally(() => {
                          setDeleting(null);
                          focusSoon(headingId);
                        });
                      }}
                    />
                  </div>
                )}
              </li>
            ),
          )}
        </ul>
      )}
      {canEdit && editing === 'new' && formFor(null)}
    </section>
  );
}
