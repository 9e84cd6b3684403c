import { type Database, readJournal } from '@fareway/db';
import type { JobQueue } from '@fareway/jobs';
import type { Clock } from './clock';
import type { Config } from './config/load-config';
import type { Logger } from './logger';

/** What every use case receives: built once per process, built by tests with a fixed clock and a fresh database. */
export interface Deps {
  db: Database;
  config: Config;
  clock: Clock;
  log: Logger;
  jobs: JobQueue;
  /** The migrations this build ships, read once at start for `/readyz` and `system.status`. */
  journal: ReturnType<typeof readJournal>;
}

export function createDeps(parts: Omit<Deps, 'journal'> & { journal?: Deps['journal'] }): Deps {
  return { ...parts, journal: parts.journal ?? readJournal() };
}
