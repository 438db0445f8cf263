// Draws p50 latency per route, the API bar beside its floor bar, one panel per simulated network
// delay (p99 is in the table: a whisker would set the scale). Plain SVG: renders on GitHub.
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

function bar(x: number, y: number, width: number, color: string, title: string, label: string) {
  const w = Math.max(1, width);
  return (
    `<rect x="${x}" y="${y}" width="${w.toFixed(1)}" height="11" fill="${color}"><title>${escape(title)}</title></rect>` +
    `<text x="${(x + w + 4).toFixed(1)}" y="${y + 9.5}" font-size="10" fill="#374151">${label}</text>`
  );
}

/** SVG of the c=1 runs: one row per route, one panel per backend × delay. */
export function renderChart(results: BenchResults): string {
  const delays = [...results.config.delaysMs].sort((a, b) => b - a);
  const panels = results.config.backends.flatMap((backend) =>
    delays.map((delay) => ({ backend, delay })),
  );
  const first = results.config.backends[0];
  const routes = results.routes.filter((r) => r.backend === first);
  const height = TOP + routes.length * ROW_HEIGHT + 40;
  const width = LABEL_WIDTH + panels.length * (PANEL_WIDTH + PANEL_GAP);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="8" y="20" font-size="15" font-weight="600" fill="${COLORS.text}">p50 latency per route (ms, concurrency 1): the API beside its database floor</text>`,
    `<rect x="8" y="32" width="11" height="11" fill="${COLORS.api}"/><text x="24" y="42">API (workerd)</text>`,
    `<rect x="130" y="32" width="11" height="11" fill="${COLORS.floor}"/><text x="146" y="42">floor (minimal statement, raw SQL over HTTP)</text>`,
  ];
  routes.forEach((route, row) => {
    const y = TOP + row * ROW_HEIGHT + 20;
    parts.push(`<text x="8" y="${y}" fill="${COLORS.text}">${escape(route.name)}</text>`);
  });
  panels.forEach(({ backend, delay }, panel) => {
    const left = LABEL_WIDTH + panel * (PANEL_WIDTH + PANEL_GAP);
    const runs = routes.map((route) =>
      results.routes
        .find((r) => r.backend === backend && r.name === route.name)
        ?.runs.find((x) => x.delayMs === delay && x.concurrency === 1),
    );
    const max = Math.max(1, ...runs.flatMap((r) => (r ? [r.api.p50, r.floor.p50] : []))) * 1.15;
    const step = gridStep(max);
    const top = Math.ceil(max / step) * step;
    const scale = (value: number) => (value / top) * PANEL_WIDTH;
    parts.push(
      `<text x="${left}" y="${TOP - 8}" font-weight="600">${backend}, ${delay} ms network delay</text>`,
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
        const label = summary.p50.toFixed(summary.p50 < 10 ? 2 : 1);
        parts.push(bar(left, y + dy, scale(summary.p50), COLORS[kind], title, label));
      }
    });
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
