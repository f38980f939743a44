// Bytes → text. The order matters, strongest evidence first:
//   1. a byte order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE), decoded strictly;
//   2. a binary format signature → refused;
//   3. NUL bytes: BOM-less UTF-16/32 if the detector sees that pattern and it decodes cleanly, otherwise binary;
//   4. strict UTF-8, which almost never accepts text that is really in another encoding (seven-bit ISO-2022
//      files are the exception, caught here);
//   5. the charset the file declares (an HTML page's <meta charset>, an XML declaration), if every byte decodes in
//      it (or in its Windows superset, as browsers read them);
//   6. detection of legacy encodings (detect.ts), with Windows-1252 as the fallback for thin evidence.
// Every refusal says why, and a reason that starts "binary file" means the file is not text at all.
import type { EncodingBasis } from '../../contract/types';
import { binaryKind, binarySignature, hasNulBytes } from './binary';
import { detectBomlessUnicode, detectIso2022, detectLegacy, preferWindows1252OverLatin1, WINDOWS_SUPERSET } from './detect';
import { decodeUnicode, decodeUtf16, decodeUtf32, decodeWith, findEncoding, startsWithBytes, UNICODE_ENCODINGS } from './encodings';

export type DecodeResult =
  | {
      ok: true;
      text: string;
      encoding: string;
      hadBom: boolean;
      basis: EncodingBasis;
      /** The detector's score when the encoding was detected or guessed, else null. */
      confidence: number | null;
      /** When detected or guessed: the best other encoding that gives a different text, to offer the analyst. */
      runnerUp?: string;
    }
  | { ok: false; reason: string };

export interface DecodeOptions {
  /**
   * The charset the file itself declares (e.g. from an HTML <meta>): trusted after UTF-8, before detection. When
   * absent, an XML declaration at the start of the bytes (`<?xml … encoding="…"?>`) is read instead.
   */
  declaredCharset?: string;
}

export function decode(bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };

  const bom = decodeByBom(bytes);
  if (bom) return bom;

  const signature = binarySignature(bytes);
  if (signature) return { ok: false, reason: `binary file (${signature})` };

  if (hasNulBytes(bytes)) {
    const unicode = detectBomlessUnicode(bytes);
    if (unicode?.ok) return { ...unicode, hadBom: false };
    return { ok: false, reason: `binary file (${binaryKind(bytes)})` };
  }

  const utf8 = decodeUnicode(bytes, 'UTF-8');
  if (utf8.ok) {
    const iso2022 = detectIso2022(bytes);
    if (iso2022) return iso2022.ok ? { ...iso2022, hadBom: false } : iso2022;
    return { ok: true, text: utf8.text, encoding: 'UTF-8', hadBom: false, basis: 'utf8', confidence: null };
  }

  const declared = decodeDeclared(bytes, options.declaredCharset ?? xmlDeclaredEncoding(bytes));
  if (declared) return declared;

  const detected = detectLegacy(bytes);
  return detected.ok ? { ...detected, hadBom: false } : detected;
}

/** UTF-32 BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE BOM. */
const BOMS: { bytes: readonly number[]; name: string }[] = [
  { bytes: [0xff, 0xfe, 0x00, 0x00], name: 'UTF-32LE' },
  { bytes: [0x00, 0x00, 0xfe, 0xff], name: 'UTF-32BE' },
  { bytes: [0xef, 0xbb, 0xbf], name: 'UTF-8' },
  { bytes: [0xff, 0xfe], name: 'UTF-16LE' },
  { bytes: [0xfe, 0xff], name: 'UTF-16BE' },
];

function decodeByBom(bytes: Uint8Array): DecodeResult | undefined {
  const bom = BOMS.find((b) => startsWithBytes(bytes, b.bytes));
  if (!bom) return undefined;
  let result;
  if (bom.name === 'UTF-8') {
    result = decodeUnicode(bytes, 'UTF-8');
    if (!result.ok) {
      result = {
        ok: false as const,
        reason: `invalid UTF-8: the file starts with a UTF-8 byte order mark but ${result.reason.replace(/^the bytes are not valid UTF-8 /, '')}`,
      };
    }
  } else if (bom.name.startsWith('UTF-16')) {
    result = decodeUtf16(bytes, bom.name === 'UTF-16LE');
  } else {
    result = decodeUtf32(bytes, bom.name === 'UTF-32LE');
  }
  if (!result.ok) return { ok: false, reason: result.reason };
  return { ok: true, text: result.text, encoding: bom.name, hadBom: true, basis: 'bom', confidence: null };
}

/**
 * A declared charset is believed only when every byte decodes in it (pages that declare UTF-8 and are not are
 * common; those fall through to detection). A declared Latin-1 with bytes in 0x80–0x9F is read as Windows-1252.
 */
function decodeDeclared(bytes: Uint8Array, charset: string | undefined): DecodeResult | undefined {
  let entry = findEncoding(charset);
  if (!entry || UNICODE_ENCODINGS.has(entry.name)) return undefined;
  entry = preferWindows1252OverLatin1(entry, bytes);
  let decoded = decodeWith(bytes, entry);
  const superset = findEncoding(WINDOWS_SUPERSET[entry.name]);
  if (!decoded.ok && superset) {
    entry = superset;
    decoded = decodeWith(bytes, entry);
  }
  if (!decoded.ok) return undefined;
  return { ok: true, text: decoded.text, encoding: entry.name, hadBom: false, basis: 'declared', confidence: null };
}

/** The encoding an XML declaration at the very start of the file names (ASCII-compatible encodings only). */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  if (!startsWithBytes(bytes, [0x3c, 0x3f, 0x78, 0x6d, 0x6c])) return undefined; // "<?xml"
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString('latin1');
  return /^<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head)?.[1];
}

/**
 * Decodes with an encoding the analyst chose (re-decoding an article). A BOM of that same encoding is dropped; any
 * byte the encoding does not define is an error, never a silent U+FFFD.
 */
export function decodeAs(bytes: Uint8Array, encodingName: string): DecodeResult {
  const entry = findEncoding(encodingName);
  if (!entry) return { ok: false, reason: `Gloss does not know the encoding "${encodingName}"` };
  const bom = decodeByBom(bytes);
  if (bom?.ok && bom.encoding === entry.name) return { ...bom, basis: 'chosen' };
  const decoded = decodeWith(bytes, entry);
  if (!decoded.ok) return { ok: false, reason: `cannot be read as ${entry.name}: ${decoded.reason}` };
  return { ok: true, text: decoded.text, encoding: entry.name, hadBom: false, basis: 'chosen', confidence: null };
}
