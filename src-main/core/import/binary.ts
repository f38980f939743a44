// Telling "not text at all" from "text in an encoding we have yet to identify". A file is refused as binary only on
// clear evidence: a format signature long enough that no prose starts with it, or NUL bytes that no Unicode
// decoding explains. Short or letter-like signatures ("MZ", "BM", "GIF8") are left out on purpose: a note that
// starts "MZ Holdings said…" is text, and real executables and bitmaps are caught by their NUL bytes anyway.

const SIGNATURES: { name: string; at?: number; bytes: readonly number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38, 0x37, 0x61] }, // GIF87a
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38, 0x39, 0x61] }, // GIF89a
  { name: 'a WebP image', at: 8, bytes: [0x57, 0x45, 0x42, 0x50] }, // RIFF....WEBP (RIFF checked below)
  { name: 'a TIFF image', bytes: [0x49, 0x49, 0x2a, 0x00] },
  { name: 'a TIFF image', bytes: [0x4d, 0x4d, 0x00, 0x2a] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  { name: 'a ZIP archive or office document (docx, xlsx, odt…)', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'a ZIP archive', bytes: [0x50, 0x4b, 0x07, 0x08] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'a bzip2 archive', bytes: [0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59] },
  { name: 'an xz archive', bytes: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00] },
  { name: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07] },
  { name: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c] },
  { name: 'an old office document (doc, xls, ppt)', bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  { name: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] }, // ELF
  { name: 'an executable', bytes: [0xcf, 0xfa, 0xed, 0xfe] }, // Mach-O
  { name: 'an executable', bytes: [0xca, 0xfe, 0xba, 0xbe] },
  { name: 'a SQLite database (perhaps a Gloss project)', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66, 0x6f, 0x72, 0x6d, 0x61, 0x74, 0x20, 0x33, 0x00] },
  { name: 'an MP4 or QuickTime video', at: 4, bytes: [0x66, 0x74, 0x79, 0x70] }, // ....ftyp
  { name: 'an MP3 file', bytes: [0x49, 0x44, 0x33, 0x03] },
  { name: 'an MP3 file', bytes: [0x49, 0x44, 0x33, 0x04] },
  { name: 'an Ogg media file', bytes: [0x4f, 0x67, 0x67, 0x53, 0x00] },
  { name: 'a WebAssembly module', bytes: [0x00, 0x61, 0x73, 0x6d] },
];

function hasAt(bytes: Uint8Array, at: number, sig: readonly number[]): boolean {
  if (bytes.length < at + sig.length) return false;
  for (let i = 0; i < sig.length; i++) if (bytes[at + i] !== sig[i]) return false;
  return true;
}

/** The format a file's first bytes announce, when they announce one that is not text. */
export function binarySignature(bytes: Uint8Array): string | undefined {
  for (const sig of SIGNATURES) {
    const at = sig.at ?? 0;
    if (at === 8 && !hasAt(bytes, 0, [0x52, 0x49, 0x46, 0x46])) continue; // WebP sits inside a RIFF container
    if (hasAt(bytes, at, sig.bytes)) return sig.name;
  }
  return undefined;
}

/** Signatures too short to trust alone; they only name the format of a file already known to be binary. */
const WEAK_SIGNATURES: { name: string; bytes: readonly number[] }[] = [
  { name: 'an executable', bytes: [0x4d, 0x5a] }, // MZ
  { name: 'a bitmap image', bytes: [0x42, 0x4d] }, // BM
  { name: 'a RIFF media file', bytes: [0x52, 0x49, 0x46, 0x46] },
  { name: 'a font', bytes: [0x00, 0x01, 0x00, 0x00] },
  { name: 'an icon', bytes: [0x00, 0x00, 0x01, 0x00] },
];

/** What a file with NUL bytes probably is, for the rejection message. */
export function binaryKind(bytes: Uint8Array): string {
  return binarySignature(bytes) ?? WEAK_SIGNATURES.find((s) => hasAt(bytes, 0, s.bytes))?.name ?? 'contains NUL bytes';
}

/** How far into a file NUL bytes are looked for: enough to see any header, cheap on a 64 MB file. */
const PROBE_BYTES = 1 << 20;

export function hasNulBytes(bytes: Uint8Array): boolean {
  return bytes.subarray(0, Math.min(bytes.length, PROBE_BYTES)).includes(0);
}

/**
 * True when decoded text is implausible as prose: control characters other than tab, line breaks, form feed, the
 * DOS end-of-file mark and escape make up more than 1 in 200 characters (or any NUL). Used on the output of a
 * detected (not declared) encoding, where a wrong guess over binary data would otherwise pass as "text".
 */
export function looksLikeBinaryText(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d && c !== 0x1a && c !== 0x1b) || c === 0x7f) {
      controls++;
    }
  }
  return controls > Math.max(2, text.length / 200);
}
