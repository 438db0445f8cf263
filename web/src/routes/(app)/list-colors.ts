import type { ListColor } from '@tasks/shared';

/** The swatch of each palette colour (shared's LIST_COLORS); readable on both themes. */
export const SWATCH: Record<ListColor, string> = {
  gray: '#64748b',
  red: '#dc2626',
  orange: '#ea580c',
  yellow: '#ca8a04',
  green: '#16a34a',
  teal: '#0d9488',
  blue: '#2563eb',
  purple: '#9333ea',
  pink: '#db2777',
};
