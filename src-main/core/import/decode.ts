// Bytes → text. The order matters: a BOM is the strongest signal, then strict UTF-8 (which almost never
// accepts text that is really in another encoding), then, for everything else, a clear rejection.

export type DecodeResult =
  | { ok: true; text: string; encoding: string; hadBom: boolean }
  | { ok: false; reason: string };

const BINARY_SIGNATURES: { name: string; bytes: number[] }[] = [
  { name: 'a PNG image', bytes: [0x89, 0x50, 0x4e, 0x47] },
  { name: 'a JPEG image', bytes: [0xff, 0xd8, 0xff] },
  { name: 'a GIF image', bytes: [0x47, 0x49, 0x46, 0x38] },
  { name: 'a PDF document', bytes: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  { name: 'a ZIP archive or office document', bytes: [0x50, 0x4b, 0x03, 0x04] },
  { name: 'a ZIP archive', bytes: [0x50, 0x4b, 0x05, 0x06] },
  { name: 'a gzip archive', bytes: [0x1f, 0x8b] },
  { name: 'an old office document', bytes: [0xd0, 0xcf, 0x11, 0xe0] },
  { name: 'an executable', bytes: [0x7f, 0x45, 0x4c, 0x46] },
  { name: 'an executable', bytes: [0x4d, 0x5a] },
  { name: 'a SQLite database', bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65, 0x20, 0x66] },
  { name: 'a RAR archive', bytes: [0x52, 0x61, 0x72, 0x21] },
  { name: 'a 7-Zip archive', bytes: [0x37, 0x7a, 0xbc, 0xaf] },
];

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((b, i) => bytes[i] === b);
}

/** Returns why the bytes are clearly not text, or undefined. */
export function binaryReason(bytes: Uint8Array): string | undefined {
  for (const sig of BINARY_SIGNATURES) {
    if (startsWith(bytes, sig.bytes)) return `binary file (${sig.name})`;
  }
  // Text never contains NUL outside UTF-16/32, which are recognised by their BOM before this is asked.
  const probe = bytes.subarray(0, Math.min(bytes.length, 1 << 20));
  if (probe.includes(0)) return 'binary file (contains NUL bytes)';
  return undefined;
}

function decodeStrict(label: string, bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function decodeUtf32(bytes: Uint8Array, littleEndian: boolean): string | undefined {
  if (bytes.length % 4 !== 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += 4) {
    const cp = view.getUint32(i, littleEndian);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
    parts.push(String.fromCodePoint(cp));
  }
  return parts.join('');
}

/** True when a UTF-16 decode produced unpaired surrogates (TextDecoder replaces them only when not fatal). */
function hasLoneSurrogate(text: string): boolean {
  return !text.isWellFormed();
}

export function decode(bytes: Uint8Array): DecodeResult {
  if (bytes.length === 0) return { ok: false, reason: 'empty file' };

  // UTF-32 BOMs first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
  if (startsWith(bytes, [0xff, 0xfe, 0x00, 0x00])) {
    const text = decodeUtf32(bytes.subarray(4), true);
    return text === undefined ? { ok: false, reason: 'invalid UTF-32 LE text' } : { ok: true, text, encoding: 'UTF-32LE', hadBom: true };
  }
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff])) {
    const text = decodeUtf32(bytes.subarray(4), false);
    return text === undefined ? { ok: false, reason: 'invalid UTF-32 BE text' } : { ok: true, text, encoding: 'UTF-32BE', hadBom: true };
  }
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) {
    const text = decodeStrict('utf-8', bytes.subarray(3));
    return text === undefined
      ? { ok: false, reason: 'invalid UTF-8: the file starts with a UTF-8 byte order mark but has bytes that are not UTF-8' }
      : { ok: true, text, encoding: 'UTF-8', hadBom: true };
  }
  for (const [bom, label, name] of [
    [[0xff, 0xfe], 'utf-16le', 'UTF-16LE'],
    [[0xfe, 0xff], 'utf-16be', 'UTF-16BE'],
  ] as const) {
    if (startsWith(bytes, [...bom])) {
      const body = bytes.subarray(2);
      if (body.length % 2 !== 0) return { ok: false, reason: `invalid ${name} text (odd number of bytes)` };
      const text = decodeStrict(label, body);
      if (text === undefined || hasLoneSurrogate(text)) return { ok: false, reason: `invalid ${name} text (unpaired surrogate)` };
      return { ok: true, text, encoding: name, hadBom: true };
    }
  }

  const binary = binaryReason(bytes);
  if (binary) return { ok: false, reason: binary };

  const utf8 = decodeStrict('utf-8', bytes);
  if (utf8 !== undefined) return { ok: true, text: utf8, encoding: 'UTF-8', hadBom: false };

  return detectLegacy(bytes);
}

/** Extension point for legacy encodings; this version accepts only Unicode. */
function detectLegacy(bytes: Uint8Array): DecodeResult {
  const at = firstInvalidUtf8(bytes);
  return {
    ok: false,
    reason: `not valid UTF-8 (invalid byte 0x${bytes[at].toString(16).padStart(2, '0')} at offset ${at}); Gloss reads UTF-8 and UTF-16/32 with a byte order mark`,
  };
}

/** Offset of the first byte that starts an invalid UTF-8 sequence (for a specific error message). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    // The decoder is the authority on overlongs and surrogates; ask it about this one sequence.
    if (need > 0 && decodeStrict('utf-8', bytes.subarray(i, i + need + 1)) === undefined) return i;
    i += need + 1;
  }
  return Math.max(0, bytes.length - 1);
}
