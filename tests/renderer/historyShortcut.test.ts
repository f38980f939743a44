// Undo and redo keys: Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y, Cmd instead of Ctrl on macOS (README, "Code"). A Latin layout
// is read by the letter on the key (so QWERTZ and AZERTY work as labelled); any other layout by the key's place.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { historyShortcut, type ShortcutKeys } from '../../src-renderer/app/historyShortcut';

const press = (key: string, code: string, mods: Partial<Omit<ShortcutKeys, 'key' | 'code'>> = {}): ShortcutKeys => ({
  key,
  code,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

// The same three keys on both platforms, with the platform's modifier (Shift may or may not capitalise the letter).
for (const { platform, mac, modifier, label } of [
  { platform: 'Windows and Linux', mac: false, modifier: { ctrlKey: true }, label: 'Ctrl' },
  { platform: 'macOS', mac: true, modifier: { metaKey: true }, label: 'Cmd' },
]) {
  test(`historyShortcut on ${platform}: ${label}+Z undoes, ${label}+Shift+Z and ${label}+Y redo`, () => {
    const on = (e: ShortcutKeys) => historyShortcut(e, mac);
    assert.equal(on(press('z', 'KeyZ', modifier)), 'undo');
    for (const letter of ['z', 'Z']) assert.equal(on(press(letter, 'KeyZ', { ...modifier, shiftKey: true })), 'redo', `${label}+Shift+${letter}`);
    assert.equal(on(press('y', 'KeyY', modifier)), 'redo');
  });
}

describe('historyShortcut on Windows and Linux (Ctrl)', () => {
  const on = (e: ShortcutKeys) => historyShortcut(e, false);

  test('anything else is not a history key', () => {
    assert.equal(on(press('z', 'KeyZ')), null, 'Z alone');
    assert.equal(on(press('z', 'KeyZ', { metaKey: true })), null, 'Meta+Z is not Ctrl+Z here');
    assert.equal(on(press('z', 'KeyZ', { ctrlKey: true, metaKey: true })), null, 'Ctrl+Meta+Z');
    assert.equal(on(press('z', 'KeyZ', { ctrlKey: true, altKey: true })), null, 'Ctrl+Alt+Z (AltGr on some layouts)');
    assert.equal(on(press('Y', 'KeyY', { ctrlKey: true, shiftKey: true })), null, 'Ctrl+Shift+Y');
    assert.equal(on(press('x', 'KeyX', { ctrlKey: true })), null, 'Ctrl+X');
    assert.equal(on(press('Control', 'ControlLeft', { ctrlKey: true })), null, 'Ctrl alone');
  });

  test('Latin layouts go by the letter, wherever the key sits', () => {
    // German QWERTZ: Z is where US Y is, and the other way round.
    assert.equal(on(press('z', 'KeyY', { ctrlKey: true })), 'undo');
    assert.equal(on(press('y', 'KeyZ', { ctrlKey: true })), 'redo');
    // French AZERTY: W sits where US Z is; Ctrl on that key is Ctrl+W, not undo.
    assert.equal(on(press('w', 'KeyZ', { ctrlKey: true })), null);
    assert.equal(on(press('z', 'KeyW', { ctrlKey: true })), 'undo');
  });

  test('other layouts go by the key’s place (Arabic, Hebrew, Russian)', () => {
    assert.equal(on(press('ئ', 'KeyZ', { ctrlKey: true })), 'undo');
    assert.equal(on(press('ז', 'KeyZ', { ctrlKey: true })), 'undo');
    assert.equal(on(press('Я', 'KeyZ', { ctrlKey: true, shiftKey: true })), 'redo');
    assert.equal(on(press('н', 'KeyY', { ctrlKey: true })), 'redo');
    assert.equal(on(press('ч', 'KeyX', { ctrlKey: true })), null);
  });
});

describe('historyShortcut on macOS (Cmd)', () => {
  const on = (e: ShortcutKeys) => historyShortcut(e, true);

  test('Ctrl+Z does nothing, nor Cmd with Ctrl or Option', () => {
    assert.equal(on(press('z', 'KeyZ', { ctrlKey: true })), null);
    assert.equal(on(press('z', 'KeyZ', { metaKey: true, ctrlKey: true })), null);
    assert.equal(on(press('Ω', 'KeyZ', { metaKey: true, altKey: true })), null);
  });
});
