import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleShortcut, type ShortcutHandlers } from './keyboard';

function handlers(): ShortcutHandlers {
  return {
    newTask: vi.fn(),
    search: vi.fn(),
    move: vi.fn(),
    toggle: vi.fn(),
    edit: vi.fn(),
    remove: vi.fn(),
    help: vi.fn(),
    undo: vi.fn(),
  };
}

function press(key: string, target: Element = document.body, init: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', { key, cancelable: true, bubbles: true, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
}

afterEach(() => document.body.replaceChildren());

describe('keyboard shortcuts', () => {
  it('maps each key to its action and claims the key press', () => {
    const on = handlers();
    for (const key of ['n', '/', 'j', 'k', 'x', 'e', 'Delete', '?']) {
      const event = press(key);
      expect(handleShortcut(event, on)).toBe(true);
      expect(event.defaultPrevented).toBe(true);
    }
    expect(on.move).toHaveBeenNthCalledWith(1, 1);
    expect(on.move).toHaveBeenNthCalledWith(2, -1);
    expect(on.newTask).toHaveBeenCalledOnce();
    expect(on.help).toHaveBeenCalledOnce();
  });

  it('leaves typing, browser shortcuts and open dialogs alone', () => {
    const on = handlers();
    const field = document.createElement('input');
    const box = Object.assign(document.createElement('input'), { type: 'checkbox' });
    const area = document.createElement('textarea');
    document.body.append(field, box, area);
    expect(handleShortcut(press('n', field), on)).toBe(false);
    expect(handleShortcut(press('x', area), on)).toBe(false);
    expect(handleShortcut(press('n', document.body, { ctrlKey: true }), on)).toBe(false);
    expect(handleShortcut(press('j', box), on)).toBe(true);
    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    document.body.append(dialog);
    expect(handleShortcut(press('n'), on)).toBe(false);
    expect(on.newTask).not.toHaveBeenCalled();
  });

  it('undoes with z, Ctrl+Z and Cmd+Z, but not while typing or with Shift (redo)', () => {
    const on = handlers();
    const field = document.createElement('input');
    document.body.append(field);
    expect(handleShortcut(press('z'), on)).toBe(true);
    expect(handleShortcut(press('z', document.body, { ctrlKey: true }), on)).toBe(true);
    const mac = press('Z', document.body, { metaKey: true });
    expect(handleShortcut(mac, on)).toBe(true);
    expect(mac.defaultPrevented).toBe(true);
    expect(handleShortcut(press('z', field), on)).toBe(false);
    expect(handleShortcut(press('z', field, { ctrlKey: true }), on)).toBe(false);
    const redo = { ctrlKey: true, shiftKey: true };
    expect(handleShortcut(press('Z', document.body, redo), on)).toBe(false);
    expect(on.undo).toHaveBeenCalledTimes(3);
  });
});
