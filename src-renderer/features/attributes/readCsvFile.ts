export interface CsvFileText {
  name: string;
  text: string;
  /** How the bytes were read: 'UTF-8', 'UTF-16LE', 'UTF-16BE', or 'Windows-1252' when the file is not valid UTF-8. */
  encoding: string;
}

/**
 * Reads a picked CSV as text. Spreadsheets save CSV as UTF-8 (with or without BOM), as UTF-16 ("Unicode text"), or
 * in the system's legacy code page; `File.text()` would silently turn the last two into replacement characters.
 */
export async function readCsvFile(file: File): Promise<CsvFileText> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const decode = (encoding: string, fatal = false) => new TextDecoder(encoding, { fatal }).decode(bytes);
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { name: file.name, text: decode('utf-16le'), encoding: 'UTF-16LE' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { name: file.name, text: decode('utf-16be'), encoding: 'UTF-16BE' };
  try {
    return { name: file.name, text: decode('utf-8', true), encoding: 'UTF-8' };
  } catch {
    return { name: file.name, text: decode('windows-1252'), encoding: 'Windows-1252' };
  }
}
