// Bytes of an annotation file → text, and a carried article text → the form the offset map needs.
import { joinCodePath, splitCodePath } from '../../../contract/codePath';
import { decode } from '../../import/decode';
import type { AnnotationInput, ReadOutcome } from './model';

export function textOfFile(bytes: Uint8Array): { ok: true; text: string; encoding: string; hadBom: boolean } | { ok: false; reason: string } {
  const d = decode(bytes);
  if (!d.ok) return d;
  return { ok: true, text: d.text, encoding: d.encoding, hadBom: d.hadBom };
}

/** The annotation file's text (and encoding); undefined when it is not text, with the file rejected in `out` and why. */
export function fileTextOrReject(input: AnnotationInput, out: ReadOutcome): { text: string; encoding: string } | undefined {
  const decoded = textOfFile(input.bytes);
  if (decoded.ok) return decoded;
  out.rejected.push({ file: input.name, reason: decoded.reason });
  return undefined;
}

/** The annotation file's JSON value (and encoding); undefined when it is not text or not JSON, with the file rejected in `out`. */
export function fileJsonOrReject(input: AnnotationInput, out: ReadOutcome): { value: unknown; encoding: string } | undefined {
  const decoded = fileTextOrReject(input, out);
  if (!decoded) return undefined;
  const parsed = parseJson(decoded.text);
  if (parsed.ok) return { value: parsed.value, encoding: decoded.encoding };
  out.rejected.push({ file: input.name, reason: parsed.reason });
  return undefined;
}

/** A text carried inside a JSON file: a leading BOM character is the source's BOM, not text. */
export function carriedText(text: string): { original: string; hadBom: boolean } {
  return text.startsWith('\ufeff') ? { original: text.slice(1), hadBom: true } : { original: text, hadBom: false };
}

export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; reason: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    return { ok: false, reason: `not valid JSON (${(err as Error).message})` };
  }
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const isOffset = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** A code label as a code path: levels trimmed; "/" inside a label makes levels, "\\/" does not (contract/codePath.ts). */
export function labelOf(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = joinCodePath(splitCodePath(v).filter((p) => p.length > 0));
  return t.length > 0 && t.length <= 1000 ? t : undefined;
}
