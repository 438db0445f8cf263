import { afterEach, describe, expect, it, vi } from 'vitest';
import { toasts } from '$lib/components/toasts.svelte';
import { closeOffer, offerUndo, retitle, undoLast, withdraw } from './undo.svelte';

afterEach(() => {
  toasts.items = [];
});

describe('the undo on offer', () => {
  it('z takes the newest offer once; a newer offer closes the older as if it expired', () => {
    const [first, second, sent] = [vi.fn(), vi.fn(), vi.fn()];
    offerUndo('Deleted “A”', first, sent);
    offerUndo('Completed “B”', second);
    expect(sent).toHaveBeenCalledOnce();
    expect(toasts.items.map((toast) => toast.message)).toEqual(['Completed “B”']);
    expect(undoLast()).toBe(true);
    expect(second).toHaveBeenCalledOnce();
    expect(undoLast()).toBe(false);
    expect(first).not.toHaveBeenCalled();
  });

  it('nothing is on offer once the window closed or its button was taken', () => {
    const [undo, expire] = [vi.fn(), vi.fn()];
    const id = offerUndo('Moved “A”', undo, expire);
    toasts.dismiss(id);
    expect(expire).toHaveBeenCalledOnce();
    expect(undoLast()).toBe(false);
    const button = offerUndo('Moved “B”', undo);
    toasts.act(button);
    expect(undoLast()).toBe(false);
    expect(undo).toHaveBeenCalledOnce();
  });

  it('a refused change withdraws its offer without expiring it; an answer can retitle it', () => {
    const [undo, expire] = [vi.fn(), vi.fn()];
    const id = offerUndo('Completed “A”', undo, expire);
    retitle(id, '“A” done. Next due Mon, Mar 2.');
    expect(toasts.items[0]?.message).toBe('“A” done. Next due Mon, Mar 2.');
    withdraw(id);
    expect(toasts.items).toEqual([]);
    expect(undoLast()).toBe(false);
    expect(expire).not.toHaveBeenCalled();
  });

  it('a change whose offer waits for its answer closes the older offer at once', () => {
    const expire = vi.fn();
    offerUndo('Deleted “A”', vi.fn(), expire);
    closeOffer();
    expect(expire).toHaveBeenCalledOnce();
    expect(undoLast()).toBe(false);
  });
});
