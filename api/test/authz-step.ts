import type { ShareRole } from '@tasks/shared';
import fc from 'fast-check';
import type { Model } from './authz-model.ts';

// One step of the authorization property: an operation, the list it targets, the caller, and
// the random choices the operation needs (another user, a task or invitation, a role, a flag).

export type Step = {
  op: string;
  list: number;
  caller: number;
  target: number;
  pick: number;
  role: ShareRole;
  flag: boolean;
};
export type StepRunner = (model: Model, step: Step, label: string) => Promise<void>;

/**
 * The arbitrary of a step over `ops`, for a model of `users` users and `lists` lists whose first
 * `shared` are the shared ones, which most steps target (the others are Inboxes).
 */
export const stepArbitrary = (ops: string[], users: number, lists: number, shared: number) =>
  fc.record({
    op: fc.constantFrom(...ops),
    list: fc.oneof(
      { weight: 3, arbitrary: fc.nat(shared - 1) },
      { weight: 1, arbitrary: fc.nat(lists - 1) },
    ),
    caller: fc.nat(users - 1),
    target: fc.nat(users - 1),
    pick: fc.nat(1_000),
    role: fc.constantFrom<ShareRole>('editor', 'viewer'),
    flag: fc.boolean(),
  });
