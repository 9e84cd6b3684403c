// The rental-hold load bench/rental-holds and bench/profile-holds share: the API server in
// this process on the bench database, vehicles and signed-in users, and a hold plan where
// every hold lands on a free range (we measure the path, not a sold-out car).
import { createDeps, createLogger, type Deps, issueSession, loadConfig, systemClock } from '@fareway/core';
import { newId } from '@fareway/db';
import { JobQueue } from '@fareway/jobs';
import { buildServer } from '@fareway/server/app';
import type { FastifyInstance } from 'fastify';
import { type BenchDatabase, UNREACHED_RATE_LIMITS } from './lib';

const DAY = 86_400_000;

export interface HoldServer {
  deps: Deps;
  app: FastifyInstance;
  base: string;
}

/**
 * The API server (no SPAs) in this process on the bench database, listening on a free port, with
 * rate-limit budgets the load never reaches; `env` adds or overrides config variables.
 */
export async function startBenchServer(database: BenchDatabase, env: Record<string, string> = {}): Promise<HoldServer> {
  const config = loadConfig({ ...UNREACHED_RATE_LIMITS, NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_POOL_MAX: '20', ...env });
  const deps = createDeps({
    db: database.db,
    config,
    clock: systemClock,
    log: createLogger('silent'),
    jobs: new JobQueue({ connectionString: database.url, role: 'sender' }),
  });
  const app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  return { deps, app, base: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

/** The hold benches' server: a customer may hold many cars, and holds outlast a loaded machine. */
export function startHoldServer(database: BenchDatabase): Promise<HoldServer> {
  // A loaded machine must not see holds lapse before payment initiate is measured on them.
  return startBenchServer(database, { HOLDS_MAX_PER_USER: '100', RENTAL_HOLD_MINUTES: '60' });
}

export interface HoldFixture {
  owner: string;
  vehicles: string[];
  users: string[];
  tokens: string[];
  /** Hold i's JSON body: vehicle i mod V, a one-day range every other day (buffer included, never overlapping). */
  holdBody(i: number): string;
  /** POSTs `body` with user `token`; anything but `ok` throws. */
  post(path: string, token: string | undefined, body: string, ok?: number): Promise<number>;
  restHold(i: number): Promise<void>;
  trpcHold(i: number): Promise<void>;
  /** Empties payments, occupancies and bookings between phases. */
  reset(): Promise<void>;
}

/** `vehicles` approved cars of one owner and `users` signed-in customers; hold i is user i mod U's. */
export async function holdFixture(
  database: BenchDatabase,
  server: HoldServer,
  size: { vehicles: number; users: number },
): Promise<HoldFixture> {
  const { sql } = database;
  const owner = newId();
  await sql`insert into users (id, phone, roles, status, created_at, updated_at) values (${owner}, '+94779990001', '{customer,driver}', 'active', now(), now())`;
  const vehicles = Array.from({ length: size.vehicles }, () => newId());
  await sql`
    insert into vehicles (id, owner_user_id, make, model, year, type, seats, transmission, fuel, city, time_zone,
                          daily_rate_minor, currency, buffer_minutes, status, created_at, updated_at)
    select id, ${owner}, 'Toyota', 'Aqua', 2020, 'car', 4, 'automatic', 'hybrid', 'Benchpura', 'Asia/Colombo', 950000, 'LKR', 60, 'approved', now(), now()
    from unnest(${sql.array(vehicles)}::uuid[]) as v(id)`;
  const users = Array.from({ length: size.users }, () => newId());
  await sql`
    insert into users (id, phone, roles, status, created_at, updated_at)
    select id, '+9476' || (1000000 + n), '{customer}', 'active', now(), now()
    from unnest(${sql.array(users)}::uuid[]) with ordinality as u(id, n)`;
  const tokens: string[] = [];
  for (const id of users) tokens.push((await issueSession(server.deps.db, id, new Date(), 30, { ip: null, requestId: null })).token);

  const holdBody = (i: number) => {
    const start = new Date(Math.ceil(Date.now() / DAY) * DAY + (2 + 2 * Math.floor(i / size.vehicles)) * DAY);
    return JSON.stringify({
      vehicleId: vehicles[i % size.vehicles] ?? '',
      startDate: start.toISOString(),
      endDate: new Date(start.getTime() + DAY).toISOString(),
    });
  };
  const post = async (path: string, token: string | undefined, body: string, ok = 200) => {
    const res = await fetch(`${server.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const text = await res.text();
    if (res.status !== ok) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 200)}`);
    return res.status;
  };
  return {
    owner,
    vehicles,
    users,
    tokens,
    holdBody,
    post,
    restHold: (i) => post('/api/v1/bookings', tokens[i % size.users], holdBody(i)).then(() => {}),
    trpcHold: (i) => post('/trpc/bookings.create', tokens[i % size.users], holdBody(i)).then(() => {}),
    async reset() {
      await sql`delete from payments`;
      await sql`delete from vehicle_occupancies`;
      await sql`delete from bookings`;
    },
  };
}
