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
 * Runs a process's main: `start` returns the function that stops it. SIGINT and
 * SIGTERM stop it gracefully (a second signal forces the exit); a startup failure
 * prints one clear sentence and exits 1.
 */
export function runMain(name: string, start: () => Promise<() => Promise<void>>): void {
  let stop: (() => Promise<void>) | undefined;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      process.stderr.write(`${name}: second ${signal}, exiting now\n`);
      process.exit(1);
    }
    stopping = true;
    try {
      await stop?.();
      process.exit(0);
    } catch (error) {
      process.stderr.write(`${name}: error while stopping: ${String(error)}\n`);
      process.exit(1);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  start().then(
    (stopper) => {
      stop = stopper;
      if (stopping) void stopper().then(() => process.exit(0));
    },
    (error: unknown) => {
      if (isPlainStartupFailure(error)) process.stderr.write(`${name}: ${error.message}\n`);
      else process.stderr.write(`${name}: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
