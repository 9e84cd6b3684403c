import { type Database, readJournal } from '@fareway/db';
import { createGateways, type Gateways } from '@fareway/gateways';
import type { JobQueue } from '@fareway/jobs';
import type { Clock } from './clock';
import type { Config } from './config/load-config';
import type { SessionCache } from './identity/session-cache';
import type { Logger } from './logger';

/** What every use case receives: built once per process, built by tests with a fixed clock and a fresh database. */
export interface Deps {
  db: Database;
  config: Config;
  clock: Clock;
  log: Logger;
  jobs: JobQueue;
  /** The payment gateways configured here (built once per process; tests pass adapters pointed at fakes). */
  gateways: Gateways;
  /** The migrations this build ships, read once at start for `/readyz` and `system.status`. */
  journal: ReturnType<typeof readJournal>;
  /** Validated sessions cached in this process (API servers); absent: every request queries. */
  sessions?: SessionCache;
}

export function createDeps(parts: Omit<Deps, 'journal' | 'gateways'> & { journal?: Deps['journal']; gateways?: Deps['gateways'] }): Deps {
  return {
    ...parts,
    gateways: parts.gateways ?? createGateways(parts.config.payments.gateways),
    journal: parts.journal ?? readJournal(),
  };
}
