import { useEffect, useRef, useState } from 'react';
import { useChanged } from '../../app/useChanged';
import type { Code } from '../../../src-main/contract/types';
import { plural } from '../../app/format';
import { MemoEditor } from '../memos/MemoEditor';

interface CodeEditorProps {
  code: Code;
  shortcut?: number;
  onSave(changes: { name?: string; color?: string; description?: string }): Promise<boolean>;
  onClose(): void;
}

/** Name, colour and description of the selected code. Colour applies at once; text fields on Save or when left. */
export function CodeEditor({ code, shortcut, onSave, onClose }: CodeEditorProps) {
  const [name, setName] = useState(code.name);
  const [description, setDescription] = useState(code.description);
  const [color, setColor] = useState(code.color);
  const colorTimer = useRef<ReturnType<typeof setTimeout>>(undefined);

  // Another code selected, or this one changed elsewhere (renamed inline, merged into): show what is stored.
  if (useChanged(code.id, code.name, code.description, code.color)) {
    setName(code.name);
    setDescription(code.description);
    setColor(code.color);
  }
  useEffect(() => () => clearTimeout(colorTimer.current), []);

  const dirty = name.trim() !== code.name || description !== code.description;
  const save = async () => {
    if (!dirty || !name.trim()) return;
    const changes: { name?: string; description?: string } = {};
    if (name.trim() !== code.name) changes.name = name.trim();
    if (description !== code.description) changes.description = description;
    await onSave(changes);
  };

  // The picker fires while the user drags through colours; only the colour they settle on is stored.
  const pickColor = (value: string) => {
    setColor(value);
    clearTimeout(colorTimer.current);
    colorTimer.current = setTimeout(() => {
      if (value.toLowerCase() !== code.color.toLowerCase()) void onSave({ color: value });
    }, 350);
  };

  return (
    <section className="code-editor" data-testid="code-editor" aria-label={`Edit code ${code.name}`}>
      <header className="code-editor-head">
        <span className="code-editor-path" title={code.path}>
          {code.path}
        </span>
        <button type="button" className="icon-button" aria-label="Close code editor" onClick={onClose}>
          ×
        </button>
      </header>
      <div className="code-editor-row">
        <label className="field code-editor-name">
          <span>Name</span>
          <input
            data-testid="code-edit-name"
            value={name}
            maxLength={200}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') void save();
              if (e.key === 'Escape') setName(code.name);
            }}
            onBlur={() => void save()}
          />
        </label>
        <label className="field code-editor-color">
          <span>Colour</span>
          <input type="color" data-testid="code-edit-color" value={color} onChange={(e) => pickColor(e.target.value)} />
        </label>
      </div>
      <label className="field">
        <span>Description</span>
        <textarea
          data-testid="code-edit-description"
          rows={4}
          value={description}
          placeholder="When to apply this code; examples; what it excludes"
          onChange={(e) => setDescription(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void save();
          }}
          onBlur={() => void save()}
        />
      </label>
      <div className="code-editor-memo">
        <span className="code-editor-memo-label" aria-hidden="true">
          Memo
        </span>
        <MemoEditor
          target={{ kind: 'code', id: code.id }}
          label={`Memo for code ${code.path}`}
          testId="code-memo"
          placeholder="Doubts, boundary cases, decisions about this code…"
        />
      </div>
      <footer className="code-editor-foot">
        <span className="muted">
          {plural(code.codingCount, 'coding')}
          {shortcut !== undefined && ` · key ${shortcut} in the reader`}
        </span>
        <button type="button" className="primary" disabled={!dirty || !name.trim()} data-testid="code-edit-save" onClick={() => void save()}>
          Save
        </button>
      </footer>
    </section>
  );
}
