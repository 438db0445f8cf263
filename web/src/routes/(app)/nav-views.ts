import type { Pathname } from '$app/types';

/** An entry of the sidebar's views: a page over tasks of every list (`/today`, …). */
export interface NavView {
  path: Pathname;
  label: string;
  /** A one-character mark shown before the label (decorative). */
  icon: string;
}

/** The sidebar's views, in order, above the user's lists. Add a view's page and its entry. */
export const NAV_VIEWS: NavView[] = [
  { path: '/', label: 'All tasks', icon: '☰' },
  { path: '/today', label: 'Today', icon: '◉' },
  { path: '/upcoming', label: 'Upcoming', icon: '▦' },
];
