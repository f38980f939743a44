import { useRef, useState } from 'react';
import type { Article, Code } from '../../../src-main/contract/types';
import type { ArticleCodings } from './useArticleCodings';
import { api } from '../../api/api';
import { useAppStore } from '../../app/store';
import { CodePicker, type PickerAnchor } from './CodePicker';
import { useApplyCode } from './useApplyCode';
import { refetchCodes, useCodes } from '../codebook/useCodes';

/** The whole-article button sits outside the text, so it has no text element to mark as saving. */
const noRoot = () => null;

/** Applies a code to the entire article (0..length), e.g. for article-level variables such as outlet or genre. */
export function CodeWholeArticleButton({ article, codings }: { article: Article; codings: Pick<ArticleCodings, 'addProvisional'> }) {
  const { attempt } = useAppStore();
  const codes = useCodes();
  const applyCode = useApplyCode(article.id, codings, noRoot);
  const button = useRef<HTMLButtonElement>(null);
  const [anchor, setAnchor] = useState<PickerAnchor | null>(null);

  const apply = async (code: Code) => {
    setAnchor(null);
    await applyCode(code.id, { start: 0, end: article.length });
  };
  const create = async (path: string) => {
    setAnchor(null);
    const code = await attempt(() => api['codes.create']({ codePath: path }));
    if (!code) return;
    await refetchCodes();
    await apply(code);
  };

  return (
    <>
      <button
        ref={button}
        type="button"
        data-testid="code-whole-article"
        disabled={article.length === 0}
        aria-haspopup="dialog"
        aria-expanded={anchor !== null}
        title="Apply a code to the entire article"
        onClick={() => {
          const r = button.current?.getBoundingClientRect();
          setAnchor(anchor || !r ? null : { left: r.left, top: r.top, bottom: r.bottom });
        }}
      >
        Code whole article…
      </button>
      {anchor && (
        <CodePicker
          codes={codes}
          anchor={anchor}
          initialQuery=""
          label="Apply a code to the whole article"
          onPick={(code) => void apply(code)}
          onCreate={(path) => void create(path)}
          onClose={() => setAnchor(null)}
        />
      )}
    </>
  );
}
