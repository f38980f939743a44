import { useImport } from './import/ImportProvider';

interface ImportButtonProps {
  pick: 'files' | 'folder';
  className?: string;
}

export function ImportButton({ pick, className }: ImportButtonProps) {
  const { importFromPicker, progress } = useImport();
  return (
    <button
      type="button"
      className={className}
      data-testid={pick === 'files' ? 'import-files-button' : 'import-folder-button'}
      disabled={progress !== null}
      title={pick === 'files' ? 'Import text, HTML, Word (.docx), PDF or RTF files as articles' : 'Import every article file (text, HTML, Word, PDF, RTF) in a folder and its sub-folders'}
      onClick={() => importFromPicker(pick)}
    >
      {pick === 'files' ? 'Import files…' : 'Import folder…'}
    </button>
  );
}

/** Both import buttons, as the toolbar shows them. */
export function ImportButtons() {
  return (
    <>
      <ImportButton pick="files" />
      <ImportButton pick="folder" />
    </>
  );
}
