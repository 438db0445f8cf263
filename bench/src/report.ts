// Renders bench results as the Markdown that the README's Performance section shows.
import { goalDelay, type BenchResults, type RouteResult, type RunResult } from './results.ts';
import type { Backend } from './stack.ts';

const ms = (value: number) => (value < 10 ? value.toFixed(2) : value.toFixed(1));
const ratio = (value: number) => `${value.toFixed(2)}×`;
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`;

function run(route: RouteResult, delayMs: number, concurrency: number): RunResult | undefined {
  return route.runs.find((r) => r.delayMs === delayMs && r.concurrency === concurrency);
}

const BACKEND_NAMES: Record<Backend, string> = {
  pglite: 'PGlite (the default of `npm run dev`)',
  postgres: 'PostgreSQL 15 server',
};

const routesOn = (results: BenchResults, backend: Backend) =>
  results.routes.filter((r) => r.backend === backend);

function ratioTable(results: BenchResults, backend: Backend): string[] {
  const { delaysMs, concurrencies } = results.config;
  const configs = delaysMs.flatMap((d) => concurrencies.map((c) => [d, c] as const));
  const header = configs.map(([d, c]) => `${d} ms, c=${c}`);
  const lines = [
    `| Route | Tasks | Trips | ${header.join(' | ')} |`,
    `|---|--:|--:|${configs.map(() => '--:').join('|')}|`,
  ];
  for (const route of routesOn(results, backend)) {
    const cells = configs.map(([d, c]) => {
      const r = run(route, d, c);
      return r ? `${ratio(r.ratioP50)} / ${ratio(r.ratioP99)}` : '–';
    });
    const name = `${route.name} \`${route.request}\``;
    lines.push(`| ${name} | ${route.tasks} | ${route.roundTrips} | ${cells.join(' | ')} |`);
  }
  return lines;
}

function latencyTable(results: BenchResults, backend: Backend, delayMs: number): string[] {
  const top = Math.max(...results.config.concurrencies);
  const own = routesOn(results, backend).some((r) => run(r, delayMs, 1)?.ownSql);
  const lines = [
    `| Route | API p50 | API p99 | Floor p50 | Floor p99 |${own ? ' Own SQL p50 |' : ''} API req/s (c=${top}) |`,
    `|---|--:|--:|--:|--:|${own ? '--:|' : ''}--:|`,
  ];
  for (const route of routesOn(results, backend)) {
    const r = run(route, delayMs, 1);
    const c8 = run(route, delayMs, top);
    if (!r) continue;
    const ownCell = own ? ` ${r.ownSql ? ms(r.ownSql.p50) : '–'} |` : '';
    lines.push(
      `| ${route.name} | ${ms(r.api.p50)} | ${ms(r.api.p99)} | ${ms(r.floor.p50)} | ` +
        `${ms(r.floor.p99)} |${ownCell} ${c8 ? Math.round(c8.api.rps) : '–'} |`,
    );
  }
  return lines;
}

function backendSections(results: BenchResults, backend: Backend): string[] {
  const delay = goalDelay(results.config.delaysMs);
  return [
    `## ${BACKEND_NAMES[backend]}: API ÷ floor, p50 / p99`,
    '',
    ...ratioTable(results, backend),
    '',
    `### Latency in ms on ${backend} (${delay} ms delay, c=1)`,
    '',
    ...latencyTable(results, backend, delay),
    '',
  ];
}

/** The full Markdown report: goals, ratios per route, absolute latencies and the other figures. */
export function renderMarkdown(results: BenchResults, chartFile = 'latency.svg'): string {
  const { config, machine } = results;
  const passed = results.goals.filter((g) => g.pass).length;
  const lines = [
    `# Benchmark results${results.smoke ? ' (smoke run: tiny counts, figures meaningless)' : ''}`,
    '',
    `${results.generatedAt} · ${machine.cpus} × ${machine.cpuModel} · Node ${machine.node} · ` +
      `${config.runtime} · ${config.requests} requests per run, ${config.goalRequests} in each goal's (c=1, ${goalDelay(config.delaysMs)} ms)`,
    '',
    `## Goals: ${passed} of ${results.goals.length} pass`,
    '',
    '| Goal | Target | Measured | |',
    '|---|---|---|---|',
    ...results.goals.map(
      (g) => `| ${g.name} | ${g.target} | ${g.actual} | ${g.pass ? 'pass' : '**FAIL**'} |`,
    ),
    '',
    '## Overhead over the database floor',
    '',
    "Each route's floor is the minimal statement that gives the same answer (for the first " +
      'page, each of the caller’s lists’ own `… where list_id = m.list_id order by created_at ' +
      'desc, id desc limit 51`, merged; a task’s list membership is what a correct backend must ' +
      'read at least), sent by the bench as one raw SQL-over-HTTP request (`fetch`, the Neon ' +
      'headers, the JSON body; the answer is read, not parsed) to the same Neon server, at the ' +
      'same concurrency, interleaved request by request with the API run. Delay is the ' +
      'simulated network time added to every database round trip.',
    '',
    ...config.backends.flatMap((backend) => backendSections(results, backend)),
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
      `| \`/\` JavaScript gzipped, listed by its HTML (${results.web.jsFiles} files; KB of 1,024 bytes, as its budget) | ${(results.web.jsGzipBytes / 1024).toFixed(1)} KB |`,
      `| \`/\` JavaScript gzipped, all loaded by network idle (${results.web.jsLoadedFiles} files) | ${(results.web.jsLoadedGzipBytes / 1024).toFixed(1)} KB |`,
      `| LCP of \`/\` (median of ${results.web.lcpSamplesMs.length} loads; ${results.web.tasksShown} tasks listed; element: ${results.web.lcpElement.replace(/\|/g, '\\|')}) | ${Math.round(results.web.lcpMs)} ms |`,
      `| CLS of \`/\` | ${results.web.cls.toFixed(3)} |`,
    );
  }
  return lines.join('\n') + '\n';
}
