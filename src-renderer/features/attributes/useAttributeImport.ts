import { useCallback, useEffect, useRef, useState } from 'react';
import { useChanged } from '../../app/useChanged';
import { api } from '../../api/api';
import type { AttributeImportReport } from '../../../src-main/contract/types';
import type { CsvFileText } from './readCsvFile';

export type MatchBy = 'file' | 'title';

export interface AttributeImport {
  preview: AttributeImportReport | null;
  previewing: boolean;
  error: string | null;
  applying: boolean;
  /** Writes the previewed plan (as one undo step); resolves to the report, or undefined when it failed. */
  apply(): Promise<AttributeImportReport | undefined>;
}

/**
 * The CSV import's two steps: a preview (writes nothing) whenever the file or the matching changes, then the same
 * plan applied. A preview that arrives after the analyst changed the choice again is dropped.
 */
export function useAttributeImport(file: CsvFileText | null, matchBy: MatchBy): AttributeImport {
  const [preview, setPreview] = useState<AttributeImportReport | null>(null);
  const [previewing, setPreviewing] = useState(file !== null);
  const [applying, setApplying] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = useRef(0);

  // Another file or match: the last preview goes at once, and the new one is asked for.
  if (useChanged(file, matchBy)) {
    setPreview(null);
    setError(null);
    setPreviewing(file !== null);
  }
  useEffect(() => {
    const mine = ++request.current;
    if (!file) return;
    api['attributes.importCsv']({ csvText: file.text, matchBy, preview: true }).then(
      (r) => mine === request.current && setPreview(r),
      (err: unknown) => mine === request.current && setError((err as Error).message),
    ).finally(() => mine === request.current && setPreviewing(false));
  }, [file, matchBy]);

  const apply = useCallback(async () => {
    if (!file) return undefined;
    setApplying(true);
    setError(null);
    try {
      return await api['attributes.importCsv']({ csvText: file.text, matchBy, preview: false });
    } catch (err) {
      setError((err as Error).message);
      return undefined;
    } finally {
      setApplying(false);
    }
  }, [file, matchBy]);

  return { preview, previewing, error, applying, apply };
}
