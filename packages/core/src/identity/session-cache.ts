import { randomUUID } from 'node:crypto';
import { type ChannelListener, type Database, type ListenOptions, listenToChannel, rawClient } from '@fareway/db';
import type { Logger } from '../logger';
import type { ValidSession } from './validate-session';

/** The channel drizzle/0030_session_notify.sql's triggers NOTIFY on. */
export const SESSION_CHANNEL = 'fareway_sessions';
/** The application_name of listening connections (db's listenToChannel): counted to know who must acknowledge. */
const LISTENER_NAME = 'fareway-listen';

interface Entry {
  sessionId: string;
  expiresAt: Date;
  user: ValidSession['user'];
  storedAtMs: number;
}

export interface SessionCacheOptions {
  /** How long an entry may answer without asking the database (the NOTIFY evicts it sooner). */
  ttlMs: number;
  maxEntries?: number;
  log?: Logger;
  listen?: ListenOptions;
}

/**
 * Validated sessions kept per process so most requests skip the session query
 * (issue 16). Safe because every change to a session or its user NOTIFYs from
 * the changing transaction (drizzle/0030), which evicts the entry in every
 * process before, in practice, the client's next request arrives; and the
 * revoking use cases wait for that notification to come back to their own
 * process before they answer. While the channel is down (or not yet
 * subscribed) the cache is bypassed and every request queries, and it starts
 * empty again when the channel is back, since notifications may have been missed.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  /** Who waits for which payload to be acknowledged, and by which processes so far. */
  private readonly echoes = new Map<string, Set<(process: string) => void>>();
  private readonly id = randomUUID();
  private readonly listener: ChannelListener;
  private readonly maxEntries: number;
  /** Bumped by every notification: an entry read from the database during one is not stored. */
  private version = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly db: Database,
    private readonly options: SessionCacheOptions,
  ) {
    this.maxEntries = options.maxEntries ?? 10_000;
    this.listener = listenToChannel(
      db,
      SESSION_CHANNEL,
      {
        onNotify: (payload) => this.evict(payload),
        onUp: () => {
          this.flush();
          options.log?.info('session cache on: revocations arrive by NOTIFY');
        },
        onDown: (error) => {
          this.flush();
          options.log?.warn(
            { err: error },
            'session notifications lost: every request checks its session in the database until they are back',
          );
        },
      },
      options.listen,
    );
  }

  /** True while notifications are known to arrive; otherwise callers must query. */
  get live(): boolean {
    return this.listener.live;
  }

  /** The entry for this session if the cache may answer for it at `nowMs`. */
  lookup(sessionId: string, nowMs: number): Omit<Entry, 'storedAtMs'> | undefined {
    if (!this.listener.live) return undefined;
    const entry = this.entries.get(sessionId);
    if (!entry || nowMs - entry.storedAtMs >= this.options.ttlMs || nowMs < entry.storedAtMs) {
      this.misses += 1;
      return undefined;
    }
    this.hits += 1;
    return entry;
  }

  /** Taken before a database read; `store` refuses the read if a notification arrived meanwhile. */
  mark(): number {
    return this.version;
  }

  store(mark: number, session: Omit<Entry, 'storedAtMs'>, nowMs: number): void {
    if (!this.listener.live || mark !== this.version) return;
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (a Map iterates in insertion order).
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(session.sessionId, { ...session, storedAtMs: nowMs });
  }

  /**
   * Resolves once every process listening on this database has evicted what
   * `payload` names and said so (each acknowledges on the channel), after
   * `timeoutMs` (a process that died or hangs), or at once while this process's
   * channel is down. Call it BEFORE the revoking transaction commits and await
   * it after, before answering: then the client's next request finds no process
   * still trusting the revoked session.
   */
  expect(payload: string, timeoutMs = 1_000): Promise<void> {
    if (!this.listener.live) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const acknowledged = new Set<string>();
      let listeners = Number.POSITIVE_INFINITY;
      const waiters = this.echoes.get(payload) ?? new Set<(process: string) => void>();
      this.echoes.set(payload, waiters);
      const finish = () => {
        clearTimeout(timer);
        waiters.delete(ack);
        if (waiters.size === 0) this.echoes.delete(payload);
        resolve();
      };
      const ack = (process: string) => {
        acknowledged.add(process);
        if (acknowledged.size >= listeners) finish();
      };
      const timer = setTimeout(finish, timeoutMs);
      timer.unref();
      waiters.add(ack);
      rawClient(this.db)<Array<{ n: number }>>`
        select count(*)::int as n from pg_stat_activity where application_name = ${LISTENER_NAME} and datname = current_database()`
        .then(([row]) => {
          listeners = Math.max(1, row?.n ?? 1);
          if (acknowledged.size >= listeners) finish();
        })
        .catch(finish);
    });
  }

  async close(): Promise<void> {
    await this.listener.close();
    this.flush();
  }

  private flush(): void {
    this.version += 1;
    this.entries.clear();
  }

  private evict(payload: string): void {
    if (payload.startsWith('a:')) {
      // `a:<process>:<payload>`: a process has evicted what <payload> names.
      const at = payload.indexOf(':', 2);
      const process = payload.slice(2, at);
      for (const ack of [...(this.echoes.get(payload.slice(at + 1)) ?? [])]) ack(process);
      return;
    }
    this.version += 1;
    if (payload === '*') this.entries.clear();
    else if (payload.startsWith('s:')) this.entries.delete(payload.slice(2));
    else if (payload.startsWith('u:')) {
      const userId = payload.slice(2);
      for (const [id, entry] of this.entries) if (entry.user.id === userId) this.entries.delete(id);
    }
    this.listener.notify(`a:${this.id}:${payload}`);
  }
}
