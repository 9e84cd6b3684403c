import { type ChildProcess, spawn, spawnSync } from 'node:child_process';

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as wait } from 'node:timers/promises';
import { checkMoneyInvariants } from '@fareway/core';
import { type DatabaseOrTransaction, findFreePort, rawClient } from '@fareway/db';

/**
 * A cluster on one machine, as production runs it: N API processes (`pnpm start:api`,
 * the built dist) and M workers (`pnpm start:worker`) on one PostgreSQL, behind HAProxy
 * checking /readyz. Every process is its own process group, killed whole when the test ends.
 */
export const root = resolve(import.meta.dirname, '../../../..');
const startRole = join(root, 'scripts/start-role.mjs');
export const SANDBOX_SECRET = 'cluster-sandbox-webhook-secret-0123456789';

/** Where HAProxy is: PATH, or Debian's /usr/sbin (not on a non-root PATH). */
export function findHaproxy(): string | undefined {
  for (const candidate of ['haproxy', '/usr/sbin/haproxy', '/usr/local/sbin/haproxy']) {
    if (spawnSync(candidate, ['-v'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  return undefined;
}

export interface Proc {
  role: 'api' | 'worker';
  name: string;
  port: number;
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export interface Cluster {
  /** Through HAProxy. */
  base: string;
  apis: Proc[];
  workers: Proc[];
  /** `kill -9` of the whole process group. */
  kill9(proc: Proc): Promise<void>;
  /** Starts the same role again on the same port (HAProxy finds it by its health check); resolves once it is ready. */
  restart(proc: Proc): Promise<Proc>;
  stop(): Promise<void>;
}

function spawnGroup(command: string, args: string[], env: Record<string, string>): Omit<Proc, 'role' | 'name' | 'port'> {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let text = '';
  const keep = (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-200_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
  return { child, output: () => text, exited };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {}
}

/** Polls `check` until it passes or `timeoutMs` ends (then rethrows its last failure); never a fixed sleep. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 60_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await wait(everyMs);
    }
  }
}

async function readyz(port: number): Promise<void> {
  const res = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2_000) });
  if (res.status !== 200) throw new Error(`readyz ${res.status}`);
}

export async function startCluster(options: { databaseUrl: string; apis: number; workers: number; haproxy: string }): Promise<Cluster> {
  const dir = await mkdtemp(join(tmpdir(), 'fareway-cluster-'));
  const frontend = await findFreePort();
  const base = `http://127.0.0.1:${frontend}`;
  const env = (extra: Record<string, string>): Record<string, string> => ({
    DATABASE_URL: options.databaseUrl,
    NODE_ENV: 'development',
    TZ: 'UTC',
    HOST: '127.0.0.1',
    PUBLIC_URL: base,
    LOG_LEVEL: 'info',
    SEED_DEMO: 'false',
    SANDBOX_WEBHOOK_SECRET: SANDBOX_SECRET,
    // The clients are all on 127.0.0.1: per-IP budgets would measure the harness, not the cluster.
    RATE_LIMIT_PER_MINUTE: '1000000',
    HOLDS_MAX_PER_USER: '100',
    // The full run pays for holds minutes after the race: they must still be live.
    RENTAL_HOLD_MINUTES: '30',
    DATABASE_POOL_MAX: '10',
    SHUTDOWN_GRACE_MS: '5000',
    ...extra,
  });
  const all: Proc[] = [];
  const startApi = async (name: string, port: number): Promise<Proc> => {
    const proc: Proc = { role: 'api', name, port, ...spawnGroup(process.execPath, [startRole, 'api'], env({ PORT: String(port) })) };
    all.push(proc);
    await Promise.race([
      eventually(() => readyz(port), 90_000, 200),
      proc.exited.then((code) => {
        throw new Error(`${name} exited with ${code}:\n${proc.output().slice(-3_000)}`);
      }),
    ]);
    return proc;
  };
  const startWorker = async (name: string): Promise<Proc> => {
    const proc: Proc = { role: 'worker', name, port: 0, ...spawnGroup(process.execPath, [startRole, 'worker'], env({})) };
    all.push(proc);
    await Promise.race([
      eventually(async () => {
        if (!proc.output().includes('"msg":"worker started"')) throw new Error(`${name} not started`);
      }, 90_000),
      proc.exited.then((code) => {
        throw new Error(`${name} exited with ${code}:\n${proc.output().slice(-3_000)}`);
      }),
    ]);
    return proc;
  };

  let haproxy: ReturnType<typeof spawnGroup> | undefined;
  const stop = async () => {
    for (const proc of all) killGroup(proc.child, 'SIGKILL');
    if (haproxy) killGroup(haproxy.child, 'SIGKILL');
    await Promise.all([...all.map((p) => p.exited), haproxy?.exited]);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const ports = await Promise.all(Array.from({ length: options.apis }, () => findFreePort()));
    // The first process migrates (the others find nothing to do under the advisory lock); start them together.
    const apis = await Promise.all(ports.map((port, i) => startApi(`api${i + 1}`, port)));
    const workers = await Promise.all(Array.from({ length: options.workers }, (_, i) => startWorker(`worker${i + 1}`)));
    const config = join(dir, 'haproxy.cfg');
    await writeFile(
      config,
      [
        'global',
        '  maxconn 4096',
        'defaults',
        '  mode http',
        '  timeout connect 2s',
        '  timeout client 60s',
        '  timeout server 60s',
        // A request that never reached a dead server is sent to another one.
        '  retries 3',
        '  option redispatch',
        '  retry-on conn-failure empty-response',
        `frontend fareway`,
        `  bind 127.0.0.1:${frontend}`,
        '  default_backend api',
        'backend api',
        '  balance roundrobin',
        '  option httpchk GET /readyz',
        '  http-check expect status 200',
        // /readyz queries the database through the process's own pool: under a burst it can
        // wait behind the requests, so give it time before calling a busy server down (else
        // all three go down together and HAProxy answers 503 itself).
        '  timeout check 5s',
        '  default-server inter 1s fall 3 rise 1',
        ...apis.map((api) => `  server ${api.name} 127.0.0.1:${api.port} check`),
        '',
      ].join('\n'),
    );
    haproxy = spawnGroup(options.haproxy, ['-db', '-f', config], {});
    const proxy = haproxy;
    await Promise.race([
      eventually(async () => {
        const res = await fetch(`${base}/readyz`);
        if (res.status !== 200) throw new Error(`haproxy ${res.status}`);
      }, 30_000),
      proxy.exited.then((code) => {
        throw new Error(`haproxy exited with ${code}:\n${proxy.output()}`);
      }),
    ]);

    return {
      base,
      apis,
      workers,
      async kill9(proc) {
        killGroup(proc.child, 'SIGKILL');
        await proc.exited;
      },
      async restart(proc) {
        const again = proc.role === 'api' ? await startApi(proc.name, proc.port) : await startWorker(proc.name);
        const list = proc.role === 'api' ? apis : workers;
        list[list.indexOf(proc)] = again;
        return again;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Loosely typed JSON (what JSON.parse gives) for reading responses. */
// biome-ignore lint/suspicious/noExplicitAny: responses are read loosely
export type Json = any;

export async function call(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: Json }> {
  const res = await fetch(base + path, {
    method,
    headers: {
      ...(options.body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: Json = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body };
}

const LIVE = `('pending', 'confirmed', 'active')`;

/**
 * The invariants, read back from the database: no two live occupancies of a vehicle
 * overlap, no seat is live twice on overlapping legs, no segment of a trip sells more
 * seats than the bus has, one capture per intent, and the money invariants (every
 * journal and the ledger sum to zero, refunds ≤ captured). Returns the violations.
 */
export async function clusterInvariants(db: DatabaseOrTransaction): Promise<{ checks: number; violations: string[] }> {
  const sql = rawClient(db);
  const violations: string[] = [];
  const [rentals] = await sql<Array<{ n: number }>>`
    select count(*)::int as n from vehicle_occupancies a join vehicle_occupancies b
      on a.vehicle_id = b.vehicle_id and a.id < b.id and a.blocked_period && b.blocked_period
    where a.status in ('pending', 'confirmed', 'active', 'blackout') and b.status in ('pending', 'confirmed', 'active', 'blackout')`;
  if (rentals?.n) violations.push(`${rentals.n} overlapping live vehicle occupancies`);
  const [seats] = await sql<Array<{ n: number }>>`
    select count(*)::int as n from seat_reservations a join seat_reservations b
      on a.trip_id = b.trip_id and a.seat_no = b.seat_no and a.id < b.id and a.legs && b.legs
    where a.status in ${sql.unsafe(LIVE)} and b.status in ${sql.unsafe(LIVE)}`;
  if (seats?.n) violations.push(`${seats.n} seats live twice on overlapping legs`);
  // Sold ≤ capacity on every segment [i, i+1) of every trip.
  const oversold = await sql<Array<{ trip_id: string; segment: number; sold: number; capacity: number }>>`
    with capacity as (
      select t.id as trip_id, (select count(*) from jsonb_array_elements(l.cells) c where c->>'kind' = 'seat')::int as capacity,
             (select count(*) from trip_stops s where s.trip_id = t.id)::int as stops
      from trips t join seat_layouts l on l.id = t.layout_id)
    select c.trip_id, g.segment, count(r.id)::int as sold, c.capacity
    from capacity c cross join lateral generate_series(0, c.stops - 2) as g(segment)
    left join seat_reservations r on r.trip_id = c.trip_id and r.status in ${sql.unsafe(LIVE)} and r.legs @> g.segment
    group by c.trip_id, g.segment, c.capacity having count(r.id) > c.capacity`;
  for (const row of oversold) violations.push(`trip ${row.trip_id} segment ${row.segment}: ${row.sold} sold > ${row.capacity} seats`);
  const doubled = await sql<Array<{ reference: string; n: number }>>`
    select reference, count(*)::int as n from ledger_journals where kind in ('capture', 'orphan_capture')
    group by reference having count(*) > 1`;
  for (const row of doubled) violations.push(`payment ${row.reference} captured ${row.n} times`);
  const capturedWithoutJournal = await sql<Array<{ id: string }>>`
    select p.id from payments p where p.captured_minor > 0 and p.provider <> 'wallet'
      and not exists (select 1 from ledger_journals j where j.kind in ('capture', 'orphan_capture', 'top_up') and j.reference = p.id::text)`;
  for (const row of capturedWithoutJournal) violations.push(`payment ${row.id} captured without a journal`);
  violations.push(...(await checkMoneyInvariants(db)));
  return { checks: 6, violations };
}
