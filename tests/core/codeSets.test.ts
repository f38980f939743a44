// Code sets: named groups of codes. Through the contract (as the app and CLI call it): names are unique ignoring
// case, members must exist, deleting a code drops it from its sets, merging codes keeps the merged code in the
// source's sets, and deleting a set leaves its codes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Code, CodeSet } from '../../src-main/contract/types';
import { callOk, directTransport, newSession } from './helpers';

async function setup() {
  const { dir, session } = newSession();
  const call = directTransport(session);
  await callOk(call, 'project.create', { path: join(dir, 'sets.gloss') });
  const code = async (name: string, parentId?: number) => (await callOk<Code>(call, 'codes.create', { name, parentId })).id;
  const frames = await code('Frames');
  const humanitarian = await code('Humanitarian', frames);
  const security = await code('Security', frames);
  const actors = await code('Actors');
  const sets = async () => (await callOk<{ codeSets: CodeSet[] }>(call, 'codes.sets.list')).codeSets;
  return { session, call, sets, ids: { frames, humanitarian, security, actors } };
}

test('a code set is created, listed with its members, renamed and re-membered; its name is unique ignoring case', async () => {
  const { session, call, sets, ids } = await setup();
  const pilot = await callOk<CodeSet>(call, 'codes.sets.create', { name: 'Pilot', codeIds: [ids.humanitarian, ids.actors] });
  assert.match(pilot.guid, /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  assert.deepEqual((await sets()).map((s) => [s.name, [...s.codeIds].sort()]), [['Pilot', [ids.humanitarian, ids.actors].sort()]]);
  const clash = await call('codes.sets.create', { name: 'pilot' });
  assert.equal(clash.ok, false);
  assert.match(!clash.ok ? clash.error.message : '', /already a code set named "pilot"/);
  const missing = await call('codes.sets.create', { name: 'Ghost', codeIds: [9999] });
  assert.equal(missing.ok, false);
  assert.match(!missing.ok ? missing.error.message : '', /no code 9999/);
  const renamed = await callOk<CodeSet>(call, 'codes.sets.update', { id: pilot.id, name: 'Pilot round', codeIds: [ids.security] });
  assert.deepEqual([renamed.name, renamed.codeIds], ['Pilot round', [ids.security]]);
  const added = await callOk<CodeSet>(call, 'codes.sets.addCodes', { id: pilot.id, codeIds: [ids.security, ids.actors] });
  assert.deepEqual([...added.codeIds].sort(), [ids.security, ids.actors].sort(), 'a code already in the set stays once');
  session.closeProject();
});

test('deleting a code drops it from its sets; merging codes puts the target in the source\'s sets; deleting a set keeps its codes', async () => {
  const { session, call, sets, ids } = await setup();
  const a = await callOk<CodeSet>(call, 'codes.sets.create', { name: 'A', codeIds: [ids.security, ids.actors] });
  await callOk(call, 'codes.merge', { sourceId: ids.security, targetId: ids.humanitarian });
  assert.deepEqual([...(await sets())[0]!.codeIds].sort(), [ids.humanitarian, ids.actors].sort());
  await callOk(call, 'codes.delete', { id: ids.actors });
  assert.deepEqual((await sets())[0]!.codeIds, [ids.humanitarian]);
  await callOk(call, 'history.undo');
  assert.deepEqual([...(await sets())[0]!.codeIds].sort(), [ids.humanitarian, ids.actors].sort(), 'undoing the delete brings the membership back');
  await callOk(call, 'codes.sets.delete', { id: a.id });
  assert.deepEqual(await sets(), []);
  const codes = (await callOk<{ codes: Code[] }>(call, 'codes.list')).codes.map((c) => c.path).sort();
  assert.deepEqual(codes, ['Actors', 'Frames', 'Frames/Humanitarian']);
  session.closeProject();
});
