// Child-process entry: runs the measured loop (timed-pairs.ts) for its parent, one job at a time,
// with a heap of its own; exits when the parent goes away.
import { runPairs, type PairsJob, type PairsOutcome } from './timed-pairs.ts';

export type LoadRequest = { id: number; job: PairsJob };
export type LoadReply = { id: number; outcome: PairsOutcome } | { id: number; error: string };

process.on('disconnect', () => process.exit(0));
process.on('message', (request: LoadRequest) => {
  runPairs(request.job).then(
    (outcome) => process.send?.({ id: request.id, outcome } satisfies LoadReply),
    (error: unknown) =>
      process.send?.({ id: request.id, error: String(error) } satisfies LoadReply),
  );
});
process.send?.('ready');
