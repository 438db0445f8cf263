// Renders bench results as the Markdown that the README's Performance section shows.
import type { BenchResults, RouteResult, RunResult } from './results.ts';

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const ratio = (value: number) => `${value.toFixed(2)}×`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function run(route: RouteResult, delayMs: number, concurrency: number): RunResult | undefined {
  return route.runs.find((r) => r.delayMs === delayMs && r.concurrency === concurrency);
}

function ratioTable(results: BenchResults): string[] {
  const { delaysMs, concurrencies } = results.config;
  const configs = delaysMs.flatMap((d) => concurrencies.map((c) => [d, c] as const));
  const header = configs.map(([d, c]) => `${d} ms, c=${c}`);
  const lines = [
    `| Route | Tasks | Trips | ${header.join(' | ')} |`,
    `|---|--:|--:|${configs.map(() => '--:').join('|')}|`,
  ];
  for (const route of results.routes) {
    const cells = configs.map(([d, c]) => {
      const r = run(route, d, c);
      return r ? `${ratio(r.ratioP50)} / ${ratio(r.ratioP99)}` : '–';
    });
    const name = `${route.name} \`${route.request}\``;
    lines.push(`| ${name} | ${route.tasks} | ${route.roundTrips} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function latencyTable(results: BenchResults, delayMs: number): string[] {
  const top = Math.max(...results.config.concurrencies);
  const lines = [
    `| Route | API p50 | API p99 | Floor p50 | Floor p99 | API req/s (c=${top}) |`,
    '|---|--:|--:|--:|--:|--:|',
  ];
  for (const route of results.routes) {
    const r = run(route, delayMs, 1);
    const c8 = run(route, delayMs, top);
    if (!r) continue;
    lines.push(
      `| ${route.name} | ${ms(r.api.p50)} | ${ms(r.api.p99)} | ${ms(r.floor.p50)} | ` +
        `${ms(r.floor.p99)} | ${c8 ? Math.round(c8.api.rps) : '–'} |`,
    );
  }
  return lines;
}

/** The full Markdown report: goals, ratios per route, absolute latencies and the other figures. */
export function renderMarkdown(results: BenchResults, chartFile = 'latency.svg'): string {
  const { config, machine } = results;
  const delay = Math.max(...config.delaysMs);
  const passed = results.goals.filter((g) => g.pass).length;
  const lines = [
    `# Benchmark results${results.smoke ? ' (smoke run: tiny counts, figures meaningless)' : ''}`,
    '',
    `${results.generatedAt} · ${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · ` +
      `${config.runtime} · ${config.requests} requests per run`,
    '',
    `## Goals: ${passed} of ${results.goals.length} pass`,
    '',
    '| Goal | Target | Measured | |',
    '|---|---|---|---|',
    ...results.goals.map(
      (g) => `| ${g.name} | ${g.target} | ${g.actual} | ${g.pass ? 'pass' : '**FAIL**'} |`,
    ),
    '',
    '## Overhead over the database floor (API ÷ floor, p50 / p99)',
    '',
    'The floor is the same SQL each request sent, replayed straight to the local Neon server with ' +
      '`@neondatabase/serverless` at the same concurrency. Delay is the simulated network time ' +
      'added to every database round trip.',
    '',
    ...ratioTable(results),
    '',
    `## Latency in ms (${delay} ms delay, c=1)`,
    '',
    ...latencyTable(results, delay),
    '',
    `![p50 latency per route, API beside its floor](${chartFile})`,
    '',
    '## Other figures',
    '',
    '| Figure | Value |',
    '|---|--:|',
    `| Sign-in: password hash and token signing in workerd (p50 over the SQL floor) | ${ms(results.signIn.hashMs)} ms |`,
    `| Sign-in round trips | ${results.signIn.roundTrips} |`,
    `| Worker bundle (raw / gzipped) | ${kb(results.bundle.rawBytes)} / ${kb(results.bundle.gzipBytes)} |`,
  ];
  if (results.web) {
    lines.push(
      `| \`/\` JavaScript gzipped (${results.web.jsFiles} files) | ${kb(results.web.jsGzipBytes)} |`,
      `| LCP of \`/\` (median of ${results.web.lcpSamplesMs.length} loads; ${results.web.tasksShown} tasks listed; element: ${results.web.lcpElement.replace(/\|/g, '\\|')}) | ${Math.round(results.web.lcpMs)} ms |`,
      `| CLS of \`/\` | ${results.web.cls.toFixed(3)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
