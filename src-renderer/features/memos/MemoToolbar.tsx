import { useEffect, useState, type ReactNode } from 'react';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createLinkNode, $toggleLink } from '@lexical/link';
import { INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND, REMOVE_LIST_COMMAND } from '@lexical/list';
import {
  $createTextNode,
  $getSelection,
  $insertNodes,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_NORMAL,
  FORMAT_TEXT_COMMAND,
  KEY_MODIFIER_COMMAND,
  type BaseSelection,
} from 'lexical';
import { MemoLinkField } from './MemoLinkField';
import { useMemoFormats } from './useMemoFormats';

const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
const mod = isMac ? '⌘' : 'Ctrl+';
const LINK_REL = 'noopener noreferrer';

/** Bold, italic, the two kinds of list and links: the formatting a research memo needs, and no more. */
export function MemoToolbar({ label }: { label: string }) {
  const [editor] = useLexicalComposerContext();
  const formats = useMemoFormats(editor);
  // The selection the link is for, kept while focus is in the address field.
  const [linking, setLinking] = useState<{ selection: BaseSelection | null } | null>(null);

  const startLink = () => {
    const selection = editor.read(() => $getSelection()?.clone() ?? null);
    setLinking({ selection });
  };

  useEffect(
    () =>
      editor.registerCommand(
        KEY_MODIFIER_COMMAND,
        (event: KeyboardEvent) => {
          if (!(isMac ? event.metaKey : event.ctrlKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return false;
          event.preventDefault();
          const selection = editor.read(() => $getSelection()?.clone() ?? null);
          setLinking({ selection });
          return true;
        },
        COMMAND_PRIORITY_NORMAL,
      ),
    [editor],
  );

  const finishLink = (url: string | null) => {
    const saved = linking?.selection ?? null;
    setLinking(null);
    editor.update(() => {
      if (saved) $setSelection(saved.clone());
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) return;
      if (url !== null && selection.isCollapsed() && !formats.link) {
        // Nothing selected: the address itself becomes the link text.
        const link = $createLinkNode(url, { rel: LINK_REL });
        link.append($createTextNode(url));
        $insertNodes([link]);
        return;
      }
      $toggleLink(url, { rel: LINK_REL });
    });
    editor.focus();
  };

  const toggleList = (type: 'bullet' | 'number') => {
    if (formats.list === type) editor.dispatchCommand(REMOVE_LIST_COMMAND, undefined);
    else editor.dispatchCommand(type === 'bullet' ? INSERT_UNORDERED_LIST_COMMAND : INSERT_ORDERED_LIST_COMMAND, undefined);
  };

  return (
    <>
      <div className="memo-toolbar" role="toolbar" aria-label={`Formatting for ${label}`}>
        <ToolButton pressed={formats.bold} title={`Bold (${mod}B)`} testId="memo-bold" onPress={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold')}>
          <strong>B</strong>
        </ToolButton>
        <ToolButton pressed={formats.italic} title={`Italic (${mod}I)`} testId="memo-italic" onPress={() => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic')}>
          <em>I</em>
        </ToolButton>
        <ToolButton pressed={formats.list === 'bullet'} title="Bulleted list" testId="memo-bullets" onPress={() => toggleList('bullet')}>
          • List
        </ToolButton>
        <ToolButton pressed={formats.list === 'number'} title="Numbered list" name="1. List (numbered)" testId="memo-numbers" onPress={() => toggleList('number')}>
          1. List
        </ToolButton>
        <ToolButton pressed={formats.link !== null} title={`Link (${mod}K); ${mod}click a link to open it`} testId="memo-link" onPress={startLink}>
          Link
        </ToolButton>
      </div>
      {linking && (
        <MemoLinkField
          initialUrl={formats.link ?? ''}
          onApply={(url) => finishLink(url)}
          onRemove={formats.link ? () => finishLink(null) : null}
          onCancel={() => {
            setLinking(null);
            editor.focus();
          }}
        />
      )}
    </>
  );
}

/** `name`, when the visible label is words of its own, must contain them (the label a speech user says). */
function ToolButton({ pressed, title, name, testId, onPress, children }: { pressed: boolean; title: string; name?: string; testId: string; onPress(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={pressed ? 'memo-tool pressed' : 'memo-tool'}
      aria-pressed={pressed}
      title={title}
      aria-label={name ?? title}
      data-testid={testId}
      // Pressing must not take focus (and the selection) away from the text being formatted.
      onMouseDown={(e) => e.preventDefault()}
      onClick={onPress}
    >
      {children}
    </button>
  );
}
