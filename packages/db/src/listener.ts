import postgres from 'postgres';
import { type DatabaseOrTransaction, rawClient } from './transaction';

export interface ListenHandlers {
  onNotify(payload: string): void;
  /** Subscribed (again). Anything sent while the channel was down is lost: drop what depends on it. */
  onUp(): void;
  /** The connection is gone or unresponsive: notifications may be missed until `onUp`. */
  onDown(error: unknown): void;
}

export interface ChannelListener {
  /** True while LISTEN is in force on a connection that answered its last heartbeat. */
  readonly live: boolean;
  /** NOTIFYs `payload` on the channel from the listening connection (dropped while it is down). */
  notify(payload: string): void;
  close(): Promise<void>;
}

export interface ListenOptions {
  /** Delay before re-subscribing after a loss. */
  retryMs?: number;
  /** A `select 1` on the listening connection this often; no answer within the same time counts as a loss. */
  heartbeatMs?: number;
}

/**
 * LISTENs on `channel` over a dedicated connection (same server and credentials as
 * `db`'s pool) and says when the subscription is lost and when it is back.
 * postgres.js's own `listen` re-subscribes silently and gives up for good when the
 * server is down at that moment; a cache that trusts notifications must know when
 * it may have missed one, so this keeps its own connection, a heartbeat, and retries.
 */
export function listenToChannel(
  db: DatabaseOrTransaction,
  channel: string,
  handlers: ListenHandlers,
  options: ListenOptions = {},
): ChannelListener {
  const retryMs = options.retryMs ?? 500;
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  const parent = rawClient(db).options;
  let client: postgres.Sql | null = null;
  let live = false;
  let closed = false;
  let retry: NodeJS.Timeout | undefined;
  let heartbeat: NodeJS.Timeout | undefined;

  const lose = (owner: postgres.Sql, error: unknown) => {
    if (client !== owner) return; // an old connection closing late
    client = null;
    live = false;
    clearInterval(heartbeat);
    handlers.onDown(error);
    owner.end({ timeout: 0 }).catch(() => {});
    if (!closed) {
      retry = setTimeout(connect, retryMs);
      retry.unref();
    }
  };

  const connect = async () => {
    if (closed) return;
    const owner: postgres.Sql = postgres({
      ...(parent as unknown as postgres.Options<Record<string, never>>),
      max: 1,
      idle_timeout: undefined,
      max_lifetime: null,
      fetch_types: false,
      keep_alive: 5,
      connection: { ...parent.connection, application_name: 'fareway-listen' },
      onnotice: () => {},
      onnotify: (name: string, payload: string) => {
        if (name === channel) handlers.onNotify(payload);
      },
      onclose: () => lose(owner, new Error('listening connection closed')),
    } as postgres.Options<Record<string, never>>);
    client = owner;
    try {
      await owner.unsafe(`listen "${channel.replace(/"/g, '""')}"`);
      if (client !== owner || closed) return;
      live = true;
      handlers.onUp();
      heartbeat = setInterval(() => {
        let timer: NodeJS.Timeout | undefined;
        const late = new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('listening connection did not answer its heartbeat')), heartbeatMs);
        });
        Promise.race([owner`select 1`, late])
          .catch((error) => lose(owner, error))
          .finally(() => clearTimeout(timer));
      }, heartbeatMs);
      heartbeat.unref();
    } catch (error) {
      lose(owner, error);
    }
  };
  void connect();

  return {
    get live() {
      return live;
    },
    notify(payload) {
      const owner = client;
      if (live && owner) owner`select pg_notify(${channel}, ${payload})`.catch((error) => lose(owner, error));
    },
    async close() {
      closed = true;
      live = false;
      clearTimeout(retry);
      clearInterval(heartbeat);
      const owner = client;
      client = null;
      await owner?.end({ timeout: 1 });
    },
  };
}
