import type { Attachment } from 'svelte/attachments';

/**
 * Calls `load` whenever the element comes within 400px of the viewport (infinite scroll: the
 * sentinel below the list loads the next page).
 */
export function whenVisible(load: () => void): Attachment<HTMLElement> {
  return (node) => {
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) load();
      },
      { rootMargin: '400px' },
    );
    observer.observe(node);
    return () => observer.disconnect();
  };
}
