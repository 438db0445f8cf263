import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import Toasts from './Toasts.svelte';
import { TOAST_MS, toasts } from './toasts.svelte';

afterEach(() => {
  toasts.items = [];
  vi.useRealTimers();
});

describe('Toasts', () => {
  it('announces messages politely and errors assertively', async () => {
    render(Toasts);
    toasts.show('Deleted “Milk”');
    toasts.error('Couldn’t save “Milk”');
    await vi.waitFor(() => expect(screen.getByText('Deleted “Milk”')).toBeTruthy());
    expect(screen.getByRole('status').textContent).toContain('Deleted “Milk”');
    expect(screen.getByRole('alert').textContent).toContain('Couldn’t save “Milk”');
  });

  it('Undo runs the action instead of the expiry; otherwise the toast expires once', async () => {
    vi.useFakeTimers();
    render(Toasts);
    const undo = vi.fn();
    const expire = vi.fn();
    toasts.show('Deleted “A”', { action: { label: 'Undo', run: undo }, onExpire: expire });
    await vi.advanceTimersByTimeAsync(10);
    await fireEvent.click(screen.getByRole('button', { name: 'Undo' }));
    expect(undo).toHaveBeenCalledOnce();
    expect(expire).not.toHaveBeenCalled();

    const expireB = vi.fn();
    toasts.show('Deleted “B”', { onExpire: expireB });
    await vi.advanceTimersByTimeAsync(TOAST_MS + 10);
    expect(expireB).toHaveBeenCalledOnce();
    expect(screen.queryByText('Deleted “B”')).toBeNull();
  });
});
