// What every soak client shares: the API, the tallies, the ledger and the run's limits.
import type { Tally } from './http.ts';
import type { Ledger } from './ledger.ts';

export interface SoakAccount {
  email: string;
  userId: string;
  token: string;
}

export interface ClientContext {
  origin: string;
  tally: Tally;
  ledger: Ledger;
  accounts: SoakAccount[];
  /** True once the run's time or request budget is spent: finish the current operation and stop. */
  done: () => boolean;
  /** True once even retries must give up (the verdict then treats those writes as in doubt). */
  abandoned: () => boolean;
  random: () => number;
  /** 4xx answers no correct client should get (bad request, auth failure…), by status. */
  unexpected: Map<number, number>;
}
