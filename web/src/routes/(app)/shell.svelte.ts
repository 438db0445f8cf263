import { getContext, setContext } from 'svelte';
import type { TaskList } from './task-list.svelte';

const KEY = Symbol('shell');

/** What the app's frame (header, sidebar, help) shares with the page inside it. */
export class Shell {
  /** The sidebar's drawer, on narrow screens. */
  drawer = $state(false);
  help = $state(false);
  /** The task page on screen, so signing out first sends its pending writes. */
  tasks: TaskList | undefined;
  /** Settles once the change feed's starting cursor is fixed (the layout follows the feed). */
  feedStarted: Promise<void> = Promise.resolve();
}

export const provideShell = (shell: Shell) => setContext(KEY, shell);
export const useShell = () => getContext<Shell>(KEY);
