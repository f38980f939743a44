// The REFI-QDA schemas in ../shared/corpus/refi and validation against them with Debian's xmllint (libxml2-utils),
// shared by the REFI-QDA tests.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, tempDir } from './helpers';

export const refiDir = join(repoRoot, '..', 'shared', 'corpus', 'refi');
export const qdpxDir = join(repoRoot, '..', 'shared', 'corpus', 'qdpx');
export const projectXsd = join(refiDir, 'Project.xsd');
export const codebookXsd = join(refiDir, 'Codebook.xsd');
export const GUID_RE = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

export function xsdSkip(): string | false {
  return existsSync(projectXsd) && existsSync(codebookXsd) ? false : `the REFI-QDA schemas are not at ${refiDir}`;
}

/** Validates XML against an XSD with Debian's xmllint (libxml2-utils). Absent xmllint fails the test: it is required. */
export function validate(xml: string, xsd: string): void {
  const dir = tempDir('gloss-xsd-');
  const file = join(dir, 'doc.xml');
  writeFileSync(file, xml);
  const r = spawnSync('xmllint', ['--noout', '--schema', xsd, file], { encoding: 'utf8' });
  if (r.error) assert.fail(`xmllint is needed to validate REFI-QDA output (apt-get install libxml2-utils): ${r.error.message}`);
  assert.equal(r.status, 0, `${xsd.split('/').pop()} rejects the file:\n${r.stderr}\n${xml.slice(0, 3000)}`);
}
