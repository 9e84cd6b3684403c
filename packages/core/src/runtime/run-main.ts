import { EmbeddedPostgresError } from '@fareway/db';
import { ConfigError } from '../config/load-config';

/** An error whose message is the whole story for the person at the terminal: printed alone, exit 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

function isPlainStartupFailure(error: unknown): error is Error {
  return error instanceof ConfigError || error instanceof EmbeddedPostgresError || error instanceof StartupError;
}

/**
 * Stops a running process. `hurry` aborts on a second signal: cut the drain short
 * (close open connections, stop waiting for jobs) but still release everything,
 * the embedded database included.
 */
export type Stopper = (hurry: AbortSignal) => Promise<void>;

/** After a second signal, how long the fast stop may take before the process gives up and exits 1. */
const FAST_STOP_LIMIT_MS = 30_000;
/**
 * pnpm and npx forward a terminal's Ctrl-C to their child, which also gets it from the
 * process group: repeats this close to the first are that same keypress, not a second one.
 */
const ECHO_MS = 1_000;

/**
 * Runs a process's main: `start` returns the function that stops it. SIGINT and
 * SIGTERM stop it gracefully; a second one hurries the same stop (fast mode), which
 * still stops the database. A process started by the `pnpm start` launcher (an IPC
 * channel) also stops gracefully when the launcher dies, even by SIGKILL. A startup
 * failure prints one clear sentence and exits 1.
 */
export function runMain(name: string, start: () => Promise<Stopper>): void {
  let stop: Stopper | undefined;
  let stopping = false;
  let firstSignalAt = 0;
  const hurry = new AbortController();
  const finish = async (stopper: Stopper) => {
    try {
      await stopper(hurry.signal);
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${name}: error while stopping: ${String(error)}\n`);
      process.exit(1);
    }
  };
  const shutdown = (reason: string) => {
    if (stopping) {
      if (hurry.signal.aborted || Date.now() - firstSignalAt < ECHO_MS) return;
      process.stderr.write(
        `${name}: ${reason} again: stopping fast (open requests and running jobs are cut short; the database is still stopped)\n`,
      );
      hurry.abort();
      setTimeout(() => {
        process.stderr.write(`${name}: the fast stop did not finish in ${FAST_STOP_LIMIT_MS / 1000}s, exiting\n`);
        process.exit(1);
      }, FAST_STOP_LIMIT_MS).unref();
      return;
    }
    stopping = true;
    firstSignalAt = Date.now();
    process.stderr.write(`${name}: ${reason}: stopping (draining requests and jobs; signal again to stop faster)\n`);
    if (stop) void finish(stop);
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // The launcher holds an IPC channel to us: if it dies (even by SIGKILL), we must not outlive it.
  if (process.send) process.on('disconnect', () => shutdown('the launcher is gone'));
  start().then(
    (stopper) => {
      stop = stopper;
      if (stopping) void finish(stopper);
    },
    (error: unknown) => {
      if (isPlainStartupFailure(error)) process.stderr.write(`${name}: ${error.message}\n`);
      else process.stderr.write(`${name}: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
