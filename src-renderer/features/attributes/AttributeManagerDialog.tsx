import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { AttributeDefinition, AttributeType } from '../../../src-main/contract/types';
import { Dialog } from '../../app/Dialog';
import { formatNumber } from '../../app/format';
import { useAttributeActions } from './useAttributeActions';
import { useAttributeDefinitions } from './useAttributeDefinitions';
import { TYPE_LABELS } from './attributeValues';
import './attributes.css';

const TYPES: AttributeType[] = ['text', 'number', 'date', 'boolean'];

/** The project's attributes: the built-in ones, and the analyst's own, which can be defined, renamed and deleted here. */
export function AttributeManagerDialog({ onClose, readOnly }: { onClose(): void; readOnly?: boolean }) {
  const { definitions } = useAttributeDefinitions();
  const actions = useAttributeActions();
  const [renaming, setRenaming] = useState<string | null>(null);
  // After a rename the field goes; focus returns to that row's Rename button, so Esc and Tab still work in the dialog.
  const [refocus, setRefocus] = useState<string | null>(null);
  const table = useRef<HTMLTableElement>(null);
  useEffect(() => {
    if (refocus === null) return;
    const rows = table.current?.querySelectorAll<HTMLElement>('[data-testid="attribute-definition"]') ?? [];
    const row = [...rows].find((r) => r.dataset.attribute === refocus);
    row?.querySelector<HTMLElement>('[data-testid="attribute-rename"]')?.focus();
  }, [refocus, definitions]);

  // The actions report their own failures (a notice) and resolve: a click or an Enter need not await them.
  const finishRename = async (d: AttributeDefinition, name: string | null) => {
    const renamed = name && name !== d.name ? await actions.rename(d, name) : undefined;
    setRenaming(null);
    setRefocus(renamed?.name ?? d.name);
  };
  const removeAttribute = async (d: AttributeDefinition) => {
    // The row and its button go with the attribute: the dialog keeps focus, so Esc still closes it.
    if (await actions.remove(d)) table.current?.closest<HTMLElement>('[role="dialog"]')?.focus();
  };

  return (
    <>
      <Dialog
        title="Article attributes"
        onClose={onClose}
        testId="attribute-manager"
        className="attribute-manager-dialog"
        actions={
          <button type="button" className="primary" onClick={onClose}>
            Close
          </button>
        }
      >
        <p className="muted">
          Attributes describe articles (outlet, date, author…). Set them in an article’s details or import them from a CSV; filter the
          article list and group counts by them.
        </p>
        <table className="attribute-table" ref={table}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Type</th>
              <th scope="col" className="num">
                Articles with a value
              </th>
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {definitions?.map((d) => (
              <tr key={d.id} data-testid="attribute-definition" data-attribute={d.name}>
                <td dir="auto">
                  {renaming === d.name ? (
                    <RenameField
                      initial={d.name}
                      onDone={(name) => void finishRename(d, name)}
                    />
                  ) : (
                    d.name
                  )}
                </td>
                <td>{TYPE_LABELS[d.type]}</td>
                <td className="num">{formatNumber(d.articleCount)}</td>
                <td className="attribute-actions">
                  {d.builtIn ? (
                    <span className="muted" title="Built-in attributes cannot be renamed or deleted">
                      built-in
                    </span>
                  ) : (
                    <>
                      <button type="button" className="link" disabled={readOnly} onClick={() => setRenaming(d.name)} data-testid="attribute-rename">
                        Rename
                      </button>
                      <button
                        type="button"
                        className="link danger-link"
                        disabled={readOnly}
                        onClick={() => void removeAttribute(d)}
                        data-testid="attribute-delete"
                      >
                        Delete…
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {!readOnly && <DefineAttributeForm existing={definitions ?? []} onDefine={actions.define} />}
      </Dialog>
      {actions.confirmDialog}
    </>
  );
}

function DefineAttributeForm({
  existing,
  onDefine,
}: {
  existing: AttributeDefinition[];
  onDefine(name: string, type: AttributeType): Promise<AttributeDefinition | undefined>;
}) {
  const [name, setName] = useState('');
  const [type, setType] = useState<AttributeType>('text');
  const trimmed = name.trim();
  const taken = existing.some((d) => d.name.toLowerCase() === trimmed.toLowerCase());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!trimmed || taken) return;
    if (await onDefine(trimmed, type)) setName('');
  };
  return (
    <form className="define-attribute" onSubmit={(e) => void submit(e)} aria-label="Define a new attribute">
      <label className="field">
        <span>New attribute</span>
        <input value={name} maxLength={100} dir="auto" placeholder="e.g. section" onChange={(e) => setName(e.target.value)} data-testid="new-attribute-name" />
      </label>
      <label className="field">
        <span>Type</span>
        <select value={type} onChange={(e) => setType(e.target.value as AttributeType)} data-testid="new-attribute-type">
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!trimmed || taken} data-testid="new-attribute-define">
        Define
      </button>
      {taken && <span className="muted define-attribute-taken">An attribute with this name exists.</span>}
    </form>
  );
}

/** Enter saves, Esc keeps the old name; leaving the field saves too, as in the article list. */
function RenameField({ initial, onDone }: { initial: string; onDone(name: string | null): void }) {
  const [value, setValue] = useState(initial);
  // Enter and the blur that may follow while the rename is saved must finish once.
  const finished = useRef(false);
  const finish = (name: string | null) => {
    if (finished.current) return;
    finished.current = true;
    onDone(name);
  };
  return (
    <input
      className="inline-rename"
      aria-label={`New name for ${initial}`}
      data-testid="attribute-rename-input"
      value={value}
      autoFocus
      maxLength={100}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          finish(value.trim() || null);
        } else if (e.key === 'Escape') {
          e.stopPropagation();
          finish(null);
        }
      }}
      onBlur={() => finish(value.trim() || null)}
    />
  );
}
