// REFI-QDA GUIDs. Producers write them in either case, with or without braces (ATLAS.ti uppercase, NVivo lowercase,
// some tools "{…}"); QualCoder compares them case-sensitively. Gloss reads every form and writes one: uppercase,
// no braces.
import { createHash } from 'node:crypto';

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** The canonical form of a GUID (uppercase, no braces), or null when the text is not one. */
export function normaliseGuid(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const m = GUID.exec(raw.trim());
  return m ? m[1]!.toUpperCase() : null;
}

/**
 * A GUID derived from a name: the same name always gives the same GUID (a name-based UUID, version 5 layout). Used
 * for things Gloss keeps no row for — the REFI <Coding> inside a selection, a coding's memo as a note, a coder
 * never seen in an imported file — so they too are stable across exports.
 */
export function derivedGuid(name: string): string {
  const h = createHash('sha1').update(`gloss-refi:${name}`, 'utf8').digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex').toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
