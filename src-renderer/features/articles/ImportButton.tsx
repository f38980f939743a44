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
      title={pick === 'files' ? 'Import .txt, .md or .text files as articles' : 'Import every text file in a folder and its sub-folders'}
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
