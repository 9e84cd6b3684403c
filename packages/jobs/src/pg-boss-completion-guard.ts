/// <reference path="./pg-boss-internals.d.ts" />
import Manager from 'pg-boss/src/manager.js';

type Settle = (this: { emit(event: string, value: unknown): boolean }, ...args: unknown[]) => Promise<unknown>;

/**
 * pg-boss 10.4.2 (the last 10.x) finishes each job its `work()` loop ran by calling
 * `this.complete(...)` or `this.fail(...)` without awaiting or catching them. While the
 * database is unreachable (a PostgreSQL restart) that query rejects with nobody listening,
 * and Node ends the process on the unhandled rejection: the full cluster run lost both
 * workers that way. Here each of the two keeps its promise (callers that await it still see
 * the failure) but also reports the failure as pg-boss's `error` event, which our JobQueue
 * logs. The job stays `active` and is retried once its expiry passes — the at-least-once
 * contract every handler is written for. Applied once, before any PgBoss is constructed
 * (its constructor copies these methods).
 */
export function guardJobCompletion(): void {
  const proto = Manager.prototype;
  if (proto.__farewayCompletionGuard) return;
  for (const name of ['complete', 'fail'] as const) {
    const original = proto[name];
    if (typeof original !== 'function')
      throw new Error(`pg-boss changed: Manager.prototype.${name} is missing (see pg-boss-completion-guard.ts)`);
    const settle = original as Settle;
    proto[name] = function guarded(this: ThisParameterType<Settle>, ...args: unknown[]) {
      const settled = settle.apply(this, args);
      settled.catch((error: unknown) => {
        this.emit('error', error instanceof Error ? error : new Error(String(error)));
      });
      return settled;
    };
  }
  proto.__farewayCompletionGuard = true;
}
