// Nothing the renderer sends reaches the core unvalidated. Malformed, out-of-range and conflicting payloads go through
// the dispatcher directly and through the Electron IPC handler (with a fake event: the handler imports no Electron),
// and must come back as typed errors that leave the project exactly as it was.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { callNames, calls, isCallName } from '../../src-main/contract/calls';
import { dispatch } from '../../src-main/core/dispatch';
import { createIpcHandler, isTrustedSenderUrl } from '../../src-main/hosts/electron/ipc';
import {
  buildContractFixture,
  callOk,
  callsNeedingAProject,
  directTransport,
  newSession,
  runBadCalls,
  snapshot,
  type Transport,
} from './helpers';

/** What Electron would hand the handler for a call from a frame showing `url`. */
function fakeEvent(url: string | undefined): IpcMainInvokeEvent {
  return { senderFrame: url === undefined ? null : { url }, sender: {} } as unknown as IpcMainInvokeEvent;
}

describe('the contract table', () => {
  test('every call is named namespace.verb, its request schema refuses a non-object and an unknown field, and only its own names count as calls', () => {
    assert.ok(callNames.length > 20);
    for (const name of callNames) {
      assert.match(name, /^[a-z]+(\.[a-z][A-Za-z]*)+$/, `${name} is not a namespace.verb call name`);
      // A schema that let anything through (z.any(), a loose object) would pass every other check in this file.
      assert.equal(calls[name].request.safeParse(42).success, false, `${name} accepts a number as its request`);
      assert.equal(calls[name].request.safeParse({ notAField: true }).success, false, `${name} accepts an unknown field`);
    }
    for (const name of ['__proto__', 'constructor', 'hasOwnProperty', 'toString', '', 'codes', 'codes.', 42, null, undefined, {}]) {
      assert.equal(isCallName(name), false, String(name));
    }
  });
});

describe('dispatch', () => {
  test('bad payloads come back as typed errors and change nothing', async () => {
    const { dir, session } = newSession();
    const call = directTransport(session);
    const projectPath = join(dir, 'contract.gloss');
    const fixture = await buildContractFixture(call, projectPath);
    const { problems, checked } = await runBadCalls(call, fixture, dir, projectPath, () => session.currentProject?.db);
    assert.deepEqual(problems, []);
    assert.ok(checked > 60, `${checked} bad calls checked`);
  });

  test('call names that are not strings are unknown calls', async () => {
    const { session } = newSession();
    for (const name of [42, null, undefined, { toString: () => 'app.info' }, ['app.info']]) {
      const reply = await dispatch(session, name, {});
      assert.equal(reply.ok, false);
      assert.equal(!reply.ok && reply.error.code, 'unknown_call', String(name));
    }
  });

  test('calls that need a project answer no_project when none is open, and write nothing', async () => {
    const { session } = newSession();
    for (const [name, payload] of callsNeedingAProject) {
      const reply = await dispatch(session, name, payload);
      assert.equal(reply.ok ? 'ok' : reply.error.code, 'no_project', name);
    }
    assert.equal(existsSync('/tmp/never-written.json'), false);
    assert.deepEqual(await callOk(directTransport(session), 'project.current'), null);
  });

  test('a missing payload is an empty request, not a crash', async () => {
    const { session } = newSession();
    const info = await callOk<{ host: string; sqliteVersion: string }>(directTransport(session), 'app.info', undefined);
    assert.equal(info.host, 'cli');
    assert.match(info.sqliteVersion, /^3\.\d+\.\d+$/);
    const bad = await dispatch(session, 'articles.get', undefined);
    assert.equal(!bad.ok && bad.error.code, 'invalid_request');
  });
});

describe('Electron IPC handler', () => {
  const trusted = (event: IpcMainInvokeEvent) => isTrustedSenderUrl(event.senderFrame?.url);

  test('calls from our window are dispatched; bad payloads are typed errors that change nothing', async () => {
    const { dir, session } = newSession();
    const handler = createIpcHandler(session, trusted);
    const window = fakeEvent('gloss://app/index.html');
    const call: Transport = (name, payload) => handler(window, name, payload);
    const projectPath = join(dir, 'ipc.gloss');
    const fixture = await buildContractFixture(call, projectPath);
    assert.equal((await callOk<{ codes: unknown[] }>(call, 'codes.list')).codes.length, 5);
    const { problems, checked } = await runBadCalls(call, fixture, dir, projectPath, () => session.currentProject?.db);
    assert.deepEqual(problems, []);
    assert.ok(checked > 60);
  });

  test('calls from any other sender are refused before they reach the core', async () => {
    const { dir, session } = newSession();
    const handler = createIpcHandler(session, trusted);
    const ours: Transport = (name, payload) => handler(fakeEvent('gloss://app/index.html'), name, payload);
    await callOk(ours, 'project.create', { path: join(dir, 'p.gloss') });
    const before = snapshot(session.currentProject!.db);
    for (const url of ['https://evil.example/', 'gloss://app.evil.example/index.html', 'gloss://apps/index.html', 'file:///etc/passwd', 'devtools://x', '', undefined]) {
      const reply = await handler(fakeEvent(url), 'codes.create', { name: 'Injected' });
      assert.deepEqual(reply, { ok: false, error: { code: 'forbidden', message: 'This call did not come from the Gloss window.' } }, String(url));
      const close = await handler(fakeEvent(url), 'project.close', {});
      assert.equal(close.ok, false, `${String(url)} may not close the project`);
    }
    assert.deepEqual(snapshot(session.currentProject!.db), before);
  });

  test('the dev server is trusted only when one is configured, and only its own origin', () => {
    assert.equal(isTrustedSenderUrl('http://localhost:5173/', undefined), false);
    assert.equal(isTrustedSenderUrl('http://localhost:5173/', 'http://localhost:5173/'), true);
    assert.equal(isTrustedSenderUrl('http://localhost:51730/', 'http://localhost:5173/'), false);
    // electron-vite sets ELECTRON_RENDERER_URL without a trailing slash.
    assert.equal(isTrustedSenderUrl('http://localhost:5173/index.html', 'http://localhost:5173'), true);
    assert.equal(isTrustedSenderUrl('http://localhost:51730/', 'http://localhost:5173'), false);
    assert.equal(isTrustedSenderUrl('http://localhost:5173.evil.example/', 'http://localhost:5173'), false);
    assert.equal(isTrustedSenderUrl('http://localhost:5173@evil.example/', 'http://localhost:5173'), false);
    assert.equal(isTrustedSenderUrl('gloss://app/index.html#/x'), true);
    assert.equal(isTrustedSenderUrl('gloss://app'), false);
  });
});
