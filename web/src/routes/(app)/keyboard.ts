/** The tasks page's single-key shortcuts (listed in HelpDialog.svelte). */
export interface ShortcutHandlers {
  newTask: () => void;
  search: () => void;
  move: (step: 1 | -1) => void;
  toggle: () => void;
  edit: () => void;
  remove: () => void;
  help: () => void;
  /** `z`, Ctrl+Z or Cmd+Z: undo the last change (the browser's own undo while typing). */
  undo: () => void;
}

const TEXT_INPUTS = new Set(['checkbox', 'radio', 'button', 'submit', 'reset']);

/** Whether the key press belongs to a field the user is typing in (or an open dialog). */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('dialog[open]')) return true;
  if (target instanceof HTMLInputElement) return !TEXT_INPUTS.has(target.type);
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** Runs the shortcut for a key press, if it is one; returns whether it was. */
export function handleShortcut(event: KeyboardEvent, on: ShortcutHandlers): boolean {
  if (event.defaultPrevented || event.altKey) return false;
  if (isTyping(event.target) || document.querySelector('dialog[open]')) return false;
  const modified = event.ctrlKey || event.metaKey;
  if (modified && !event.shiftKey && event.key.toLowerCase() === 'z') {
    event.preventDefault();
    on.undo();
    return true;
  }
  if (modified) return false;
  const actions: Record<string, () => void> = {
    n: on.newTask,
    '/': on.search,
    j: () => on.move(1),
    k: () => on.move(-1),
    x: on.toggle,
    e: on.edit,
    Delete: on.remove,
    '?': on.help,
    z: on.undo,
  };
  const action = actions[event.key];
  if (!action) return false;
  event.preventDefault();
  action();
  return true;
}
