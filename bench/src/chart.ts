// Draws p50 latency per route, the API bar beside its floor bar with a p99 whisker, one panel per
// simulated network delay. Plain SVG so it renders on GitHub and needs no dependency.
import type { BenchResults } from './results.ts';

const COLORS = { api: '#2563eb', floor: '#9ca3af', text: '#111827', grid: '#e5e7eb' };
const LABEL_WIDTH = 150;
const PANEL_WIDTH = 330;
const PANEL_GAP = 40;
const ROW_HEIGHT = 34;
const TOP = 64;

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A step of 1, 2 or 5 × 10^n giving about five grid lines up to `max`. */
function gridStep(max: number): number {
  const raw = max / 5;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw) ?? raw;
}

function bar(x: number, y: number, width: number, color: string, title: string): string {
  return `<rect x="${x}" y="${y}" width="${Math.max(1, width).toFixed(1)}" height="11" fill="${color}"><title>${escape(title)}</title></rect>`;
}

/** SVG of the c=1 runs: one row per route, one panel per delay. */
export function renderChart(results: BenchResults): string {
  const delays = [...results.config.delaysMs].sort((a, b) => b - a);
  const routes = results.routes;
  const height = TOP + routes.length * ROW_HEIGHT + 40;
  const width = LABEL_WIDTH + delays.length * (PANEL_WIDTH + PANEL_GAP);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="20" font-size="15" font-weight="600" fill="${COLORS.text}">p50 latency per route (ms, c=1, whisker = p99): API vs. its database floor</text>`,
    `<rect x="8" y="32" width="11" height="11" fill="${COLORS.api}"/><text x="24" y="42">API (workerd)</text>`,
    `<rect x="130" y="32" width="11" height="11" fill="${COLORS.floor}"/><text x="146" y="42">floor (same SQL, Neon client)</text>`,
  ];
  routes.forEach((route, row) => {
    const y = TOP + row * ROW_HEIGHT + 20;
    parts.push(`<text x="8" y="${y}" fill="${COLORS.text}">${escape(route.name)}</text>`);
  });
  delays.forEach((delay, panel) => {
    const left = LABEL_WIDTH + panel * (PANEL_WIDTH + PANEL_GAP);
    const runs = routes.map((r) => r.runs.find((x) => x.delayMs === delay && x.concurrency === 1));
    const max = Math.max(1, ...runs.flatMap((r) => (r ? [r.api.p99, r.floor.p99] : [])));
    const step = gridStep(max);
    const top = Math.ceil(max / step) * step;
    const scale = (value: number) => (value / top) * PANEL_WIDTH;
    parts.push(
      `<text x="${left}" y="${TOP - 8}" font-weight="600">${delay} ms simulated network delay</text>`,
    );
    for (let tick = 0; tick <= top + 1e-9; tick += step) {
      const x = left + scale(tick);
      const bottom = TOP + routes.length * ROW_HEIGHT;
      parts.push(
        `<line x1="${x}" y1="${TOP}" x2="${x}" y2="${bottom}" stroke="${COLORS.grid}"/>`,
        `<text x="${x}" y="${bottom + 14}" text-anchor="middle" fill="#6b7280">${Number(tick.toPrecision(3))}</text>`,
      );
    }
    runs.forEach((run, row) => {
      if (!run) return;
      const y = TOP + row * ROW_HEIGHT + 5;
      for (const [kind, summary, dy] of [
        ['api', run.api, 0],
        ['floor', run.floor, 12],
      ] as const) {
        const title = `${routes[row]!.name} ${kind}: p50 ${summary.p50} ms, p99 ${summary.p99} ms`;
        parts.push(bar(left, y + dy, scale(summary.p50), COLORS[kind], title));
        const whisker = left + scale(summary.p99);
        parts.push(
          `<line x1="${left + scale(summary.p50)}" y1="${y + dy + 5.5}" x2="${whisker}" y2="${y + dy + 5.5}" stroke="${COLORS[kind]}"/>`,
          `<line x1="${whisker}" y1="${y + dy + 2}" x2="${whisker}" y2="${y + dy + 9}" stroke="${COLORS[kind]}"/>`,
        );
      }
    });
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
