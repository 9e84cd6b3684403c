/// <reference path="./pg-boss-internals.d.ts" />
import Manager from 'pg-boss/src/manager.js';

type Settle = (this: { emit(event: string, value: unknown): boolean }, ...args: unknown[]) => Promise<unknown>;

/** Waits between tries while the database is unreachable: about a minute in all. */
export const COMPLETION_RETRY_DELAYS_MS = [250, 500, 1_000, 2_000, 4_000, 8_000, 15_000, 30_000];

function settleLater(settle: Settle, manager: ThisParameterType<Settle>, args: unknown[], error: unknown, attempt: number): void {
  const delay = COMPLETION_RETRY_DELAYS_MS[attempt];
  if (delay === undefined) {
    manager.emit('error', error instanceof Error ? error : new Error(String(error)));
    return;
  }
  setTimeout(() => {
    settle.apply(manager, args).catch((again: unknown) => settleLater(settle, manager, args, again, attempt + 1));
  }, delay).unref();
}

/**
 * pg-boss 10.4.2 (the last 10.x) finishes each job its `work()` loop ran by calling
 * `this.complete(...)` or `this.fail(...)` without awaiting or catching them. While the
 * database is unreachable (a PostgreSQL restart) that query rejects with nobody listening,
 * and Node ends the process on the unhandled rejection: the full cluster run lost both
 * workers that way. Here each of the two keeps its promise (callers that await it still see
 * the failure), and the guard tries the same completion again while the database comes back
 * (backing off, for about a minute), so the job's outcome is recorded seconds after the
 * restart instead of waiting for its expiry; if it still cannot, it reports the failure as
 * pg-boss's `error` event (which our JobQueue logs) and the job is retried once its expiry
 * passes — the at-least-once contract every handler is written for. Completing or failing
 * a job twice changes nothing the second time. Applied once, before any PgBoss is
 * constructed (its constructor copies these methods).
 */
export function guardJobCompletion(): void {
  const proto = Manager.prototype;
  if (proto.__farewayCompletionGuard) return;
  for (const name of ['complete', 'fail'] as const) {
    const original = proto[name];
    if (typeof original !== 'function')
      throw new Error(`pg-boss changed: Manager.prototype.${name} is missing (see pg-boss-completion-guard.ts)`);
    const settle = original as Settle;
    const guarded = function (this: ThisParameterType<Settle>, ...args: unknown[]) {
      const settled = settle.apply(this, args);
      settled.catch((error: unknown) => settleLater(settle, this, args, error, 0));
      return settled;
    };
    // PgBoss publishes the manager's methods under their function names (boss.fail, boss.complete): keep them.
    Object.defineProperty(guarded, 'name', { value: name });
    proto[name] = guarded;
  }
  proto.__farewayCompletionGuard = true;
}
