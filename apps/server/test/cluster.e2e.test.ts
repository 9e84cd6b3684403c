import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import { rawClient, restartEmbeddedPostgres } from '@fareway/db';
import { buildSandboxEventBody, signSandboxEvent } from '@fareway/gateways';
import { queues } from '@fareway/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorTrip, seededRandom, signedInUsers } from './seats-fixtures';
import {
  type Cluster,
  call,
  clusterInvariants,
  eventually,
  findHaproxy,
  type Json,
  SANDBOX_SECRET,
  startCluster,
} from './support/cluster-harness';
import { insertUser, insertVehicle } from './support/payments-harness';

/**
 * Issue 15 §5: 3 API processes and 2 workers (the built dist, as `pnpm start:api` and
 * `pnpm start:worker` run them) on one PostgreSQL, behind HAProxy. The small variant runs
 * in `pnpm test`; `CLUSTER_FULL=1` runs the full one (500 + 500 holds, kill -9 of an API
 * process and a worker during payments, a PostgreSQL restart under load) and prints figures.
 * Every run ends by reading the invariants back from the database.
 */
const FULL = process.env.CLUSTER_FULL === '1';
const SIZE = FULL ? { rentals: 500, seats: 500, rows: 10, paid: 40 } : { rentals: 40, seats: 40, rows: 2, paid: 6 };
const HOUR = 3_600_000;
const TIMEOUT = FULL ? 900_000 : 120_000;
const haproxy = findHaproxy();
const figures: Record<string, string | number> = {};

let deps: TestDeps;
let cluster: Cluster;

function one<T>(value: T | undefined): T {
  if (value === undefined) throw new Error('missing');
  return value;
}

describe.runIf(haproxy || process.env.CI === 'true')(
  `a cluster of 3 API + 2 worker processes behind HAProxy${FULL ? ' (full)' : ''}`,
  () => {
    beforeAll(async () => {
      // Under CI a missing HAProxy fails the run instead of skipping it (.ci/run installs it).
      if (!haproxy) throw new Error('haproxy is not installed: apt-get install -y haproxy');
      deps = await createTestDeps({ jobs: 'sender' });
      cluster = await startCluster({ databaseUrl: deps.database.url, apis: 3, workers: 2, haproxy });
    }, 240_000);

    afterAll(async () => {
      await cluster?.stop();
      if (Object.keys(figures).length > 0)
        console.log(`cluster figures${FULL ? ' (CLUSTER_FULL=1)' : ''}:\n${JSON.stringify(figures, null, 2)}`);
      await deps?.cleanup();
    }, 120_000);

    /** Holds that won the race, kept for the payment scenarios. */
    const winners: Array<{ bookingId: string; token: string }> = [];

    it(
      `${SIZE.rentals} holds on one vehicle and ${SIZE.seats} on one bus at once: one winner per slot, 0 5xx, every loser a 409`,
      async () => {
        deps.clock.set(new Date());
        const random = seededRandom(15_005);
        const owner = await insertUser(deps, ['driver']);
        const vehicleId = await insertVehicle(deps, owner, { bufferMinutes: 60 });
        const trip = await operatorTrip(deps, { rows: SIZE.rows, stops: 6, departsAt: new Date(Date.now() + 3 * 24 * HOUR) });
        const users = await signedInUsers(deps, SIZE.rentals + SIZE.seats);
        const windowStart = Math.ceil(Date.now() / HOUR) * HOUR + 2 * 24 * HOUR;

        const rentals = users.slice(0, SIZE.rentals).map((user) => {
          const start = windowStart + Math.floor(random() * 240) * HOUR;
          const end = start + (1 + Math.floor(random() * 48)) * HOUR;
          return { kind: 'rental' as const, token: user.token, start, end };
        });
        const seats = users.slice(SIZE.rentals).map((user) => {
          const from = Math.floor(random() * 5);
          const to = from + 1 + Math.floor(random() * (5 - from));
          const first = trip.seats[Math.floor(random() * trip.seats.length)] ?? '';
          const second = trip.seats[Math.floor(random() * trip.seats.length)] ?? '';
          const seatNumbers = random() < 0.3 && second !== first ? [first, second] : [first];
          return { kind: 'seat' as const, token: user.token, from, to, seatNumbers };
        });

        const started = performance.now();
        const results = await Promise.all([
          ...rentals.map(async (r) => ({
            ...r,
            ...(await call(cluster.base, 'POST', '/api/v1/bookings', {
              token: r.token,
              body: { vehicleId, startDate: new Date(r.start).toISOString(), endDate: new Date(r.end).toISOString() },
            })),
          })),
          ...seats.map(async (s) => ({
            ...s,
            ...(await call(cluster.base, 'POST', '/api/v1/bookings/reserve', {
              token: s.token,
              body: { tripId: trip.tripId, seatNumbers: s.seatNumbers, fromStop: s.from, toStop: s.to },
            })),
          })),
        ]);
        const seconds = (performance.now() - started) / 1000;
        figures.holds = results.length;
        figures['holds per second (3 APIs via HAProxy)'] = Math.round(results.length / seconds);
        const fiveXX = results.filter((r) => r.status >= 500);
        figures['holds 5xx'] = fiveXX.length;
        const byStatus: Record<string, number> = {};
        for (const r of fiveXX) byStatus[r.status] = (byStatus[r.status] ?? 0) + 1;
        if (fiveXX.length > 0) figures['holds 5xx by status'] = JSON.stringify(byStatus);
        // A 5xx shows what its process logged under the request id, so a failed run says why.
        const logged = (requestId: unknown) =>
          cluster.apis
            .flatMap((api) => api.output().split('\n'))
            .filter((line) => typeof requestId === 'string' && line.includes(requestId));
        expect(
          fiveXX.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 200)}\n${logged(r.body?.error?.requestId).join('\n')}`),
        ).toEqual([]);

        const won = results.filter((r) => r.status === 200);
        const lost = results.filter((r) => r.status !== 200);
        // Every loser is a clear 409 with the code for what it lost.
        expect(
          lost
            .map((r) => `${r.kind} ${r.status} ${r.body?.error?.code}`)
            .filter((s) => s !== 'rental 409 BOOKING_CONFLICT' && s !== 'seat 409 SEATS_UNAVAILABLE'),
        ).toEqual([]);
        expect(won.every((r) => r.body?.success === true && r.body.data.status === 'pending')).toBe(true);
        // The race was real on both resources.
        expect(won.filter((r) => r.kind === 'rental').length).toBeGreaterThan(1);
        expect(lost.filter((r) => r.kind === 'rental').length).toBeGreaterThan(SIZE.rentals / 4);
        expect(lost.filter((r) => r.kind === 'seat').length).toBeGreaterThan(0);
        figures['rental winners / losers'] =
          `${won.filter((r) => r.kind === 'rental').length} / ${lost.filter((r) => r.kind === 'rental').length}`;
        figures['seat winners / losers'] =
          `${won.filter((r) => r.kind === 'seat').length} / ${lost.filter((r) => r.kind === 'seat').length}`;

        // One winner per slot: the database holds exactly the winners, and every loser overlapped a winner.
        const sql = rawClient(deps.db);
        const held = await sql<Array<{ id: string }>>`
      select id from bookings where (vehicle_id = ${vehicleId} or trip_id = ${trip.tripId}) and status = 'pending'`;
        expect(held.map((r) => r.id).sort()).toEqual(won.map((r) => r.body.data.id).sort());
        const buffer = HOUR; // the vehicle's 60-minute turnaround
        const rentalWinners = won.flatMap((r) => (r.kind === 'rental' ? [r] : []));
        for (const loser of lost.flatMap((r) => (r.kind === 'rental' ? [r] : []))) {
          expect(rentalWinners.some((w) => loser.start < w.end + buffer && w.start < loser.end + buffer)).toBe(true);
        }
        const seatWinners = won.flatMap((r) => (r.kind === 'seat' ? [r] : []));
        for (const loser of lost.flatMap((r) => (r.kind === 'seat' ? [r] : []))) {
          const blocked = seatWinners.some(
            (w) => w.seatNumbers.some((seat) => loser.seatNumbers.includes(seat)) && loser.from < w.to && w.from < loser.to,
          );
          expect(blocked).toBe(true);
        }
        // Rentals and seats alternate, so the payments below pay for both kinds.
        const wonRentals = won.filter((r) => r.kind === 'rental');
        const wonSeats = won.filter((r) => r.kind === 'seat');
        for (let i = 0; i < Math.max(wonRentals.length, wonSeats.length); i++) {
          for (const r of [wonRentals[i], wonSeats[i]]) if (r) winners.push({ bookingId: r.body.data.id, token: r.token });
        }
      },
      TIMEOUT,
    );

    /** A signed sandbox webhook as the gateway sends it (`forge` signs it wrongly). */
    function webhook(event: Json, forge?: 'tampered' | 'wrong secret') {
      const raw = buildSandboxEventBody(event);
      const now = Math.floor(Date.now() / 1000);
      const signature =
        forge === 'wrong secret' ? signSandboxEvent('not-the-sandbox-secret-at-all', raw, now) : signSandboxEvent(SANDBOX_SECRET, raw, now);
      const body =
        forge === 'tampered' ? raw.replace(`"amountMinor":${event.data.amountMinor}`, `"amountMinor":${event.data.amountMinor + 1}`) : raw;
      return { body, signature };
    }

    async function deliver(base: string, hook: { body: string; signature: string }): Promise<{ status: number; body: Json }> {
      const res = await fetch(`${base}/api/v1/payments/webhook/sandbox`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'fareway-signature': hook.signature },
        body: hook.body,
      });
      const text = await res.text();
      try {
        return { status: res.status, body: JSON.parse(text) };
      } catch {
        return { status: res.status, body: text };
      }
    }

    async function initiate(holds: Array<{ bookingId: string; token: string }>) {
      return Promise.all(
        holds.map(async (h) => {
          const res = await call(cluster.base, 'POST', '/api/v1/payments/initiate', {
            token: h.token,
            body: { bookingId: h.bookingId, provider: 'sandbox' },
          });
          expect(res.status, JSON.stringify(res.body)).toBe(200);
          return {
            ...h,
            intentId: res.body.data.id as string,
            amountMinor: res.body.data.amountMinor as number,
            currency: res.body.data.currency as string,
          };
        }),
      );
    }

    async function paymentStates(intentIds: string[]) {
      const sql = rawClient(deps.db);
      return sql<Array<{ id: string; status: string; captured: number; amount: number; captures: number; booking: string }>>`
      select p.id, p.status, p.captured_minor::int as captured, p.amount_minor::int as amount, b.status as booking,
             (select count(*)::int from ledger_journals j where j.kind in ('capture', 'orphan_capture') and j.reference = p.id::text) as captures
      from payments p join bookings b on b.id = p.booking_id where p.id in ${sql(intentIds)}`;
    }

    it(
      'a burst of duplicated, out-of-order and forged webhooks across the processes: one capture each',
      async () => {
        expect(winners.length).toBeGreaterThanOrEqual(SIZE.paid);
        const intents = await initiate(winners.splice(0, SIZE.paid));
        const deliveries: Array<{ hook: { body: string; signature: string }; genuine: boolean }> = [];
        for (const [i, intent] of intents.entries()) {
          const data = { intentId: intent.intentId, amountMinor: intent.amountMinor, currency: intent.currency };
          const succeeded = { id: `evt_cluster_${i}_ok`, type: 'payment.succeeded', data };
          const failed = { id: `evt_cluster_${i}_failed`, type: 'payment.failed', data };
          // The success three times, a failure twice (before or after it: the shuffle decides), two forgeries.
          for (let n = 0; n < 3; n++) deliveries.push({ hook: webhook(succeeded), genuine: true });
          for (let n = 0; n < 2; n++) deliveries.push({ hook: webhook(failed), genuine: true });
          deliveries.push({ hook: webhook(succeeded, 'tampered'), genuine: false });
          deliveries.push({ hook: webhook({ ...succeeded, id: `evt_cluster_${i}_forged` }, 'wrong secret'), genuine: false });
        }
        const random = seededRandom(15_015);
        for (let i = deliveries.length - 1; i > 0; i--) {
          const j = Math.floor(random() * (i + 1));
          [deliveries[i], deliveries[j]] = [deliveries[j] as (typeof deliveries)[number], deliveries[i] as (typeof deliveries)[number]];
        }
        const answers = await Promise.all(deliveries.map(async (d) => ({ ...d, answer: await deliver(cluster.base, d.hook) })));
        expect(answers.filter((a) => a.genuine && a.answer.status !== 200).map((a) => a.answer)).toEqual([]);
        expect(
          answers
            .filter((a) => !a.genuine)
            .every((a) => a.answer.status === 401 && a.answer.body?.error?.code === 'WEBHOOK_SIGNATURE_INVALID'),
        ).toBe(true);
        figures['webhooks delivered (genuine / forged)'] =
          `${answers.filter((a) => a.genuine).length} / ${answers.filter((a) => !a.genuine).length}`;

        // The workers settle every intent: a late success wins over a failure; one capture each.
        const ids = intents.map((i) => i.intentId);
        const states = await eventually(async () => {
          const rows = await paymentStates(ids);
          expect(rows.filter((r) => r.status !== 'completed')).toEqual([]);
          return rows;
        }, 90_000);
        expect(states.every((r) => r.captures === 1 && r.captured === r.amount && r.booking === 'confirmed')).toBe(true);
        const sql = rawClient(deps.db);
        const [forged] = await sql<
          Array<{ n: number }>
        >`select count(*)::int as n from payment_events where provider_event_id like 'evt_cluster_%_forged'`;
        expect(forged?.n).toBe(0);
      },
      TIMEOUT,
    );

    it(
      'logout and suspension on one API process refuse the token on the others at the next request',
      async () => {
        const [leaving, suspended] = await signedInUsers(deps, 2);
        const [admin] = await signedInUsers(deps, 1, ['admin']);
        const at = (i: number) => `http://127.0.0.1:${cluster.apis[i]?.port}`;
        // Both tokens work on every process first (a cache, if any, is warm everywhere).
        for (const user of [leaving, suspended]) {
          for (const i of [0, 1, 2]) expect((await call(at(i), 'GET', '/api/v1/auth/me', { token: user?.token })).status).toBe(200);
        }
        expect((await call(at(1), 'POST', '/api/v1/auth/logout', { token: leaving?.token, body: {} })).status).toBe(200);
        for (const i of [0, 2]) expect((await call(at(i), 'GET', '/api/v1/auth/me', { token: leaving?.token })).status).toBe(401);

        const suspend = await call(at(1), 'POST', `/api/v1/admin/users/${suspended?.id}/status`, {
          token: admin?.token,
          body: { status: 'suspended', reason: 'cluster test' },
        });
        expect(suspend.status, JSON.stringify(suspend.body)).toBe(200);
        for (const i of [0, 2]) {
          const me = await call(at(i), 'GET', '/api/v1/auth/me', { token: suspended?.token });
          expect([401, 403]).toContain(me.status);
        }
      },
      TIMEOUT,
    );

    if (FULL) {
      it('kill -9 of an API process and a worker in the middle of payments: none lost, none applied twice, stuck ones reconciled', async () => {
        // Fresh holds, one vehicle each, so every payment below is for a live hold.
        const owner = await insertUser(deps, ['driver']);
        const customers = await signedInUsers(deps, 100);
        const start = Math.ceil(Date.now() / HOUR) * HOUR + 5 * 24 * HOUR;
        const holds = await Promise.all(
          customers.map(async (customer) => {
            const vehicleId = await insertVehicle(deps, owner, { bufferMinutes: 0 });
            const res = await call(cluster.base, 'POST', '/api/v1/bookings', {
              token: customer.token,
              body: { vehicleId, startDate: new Date(start).toISOString(), endDate: new Date(start + 4 * HOUR).toISOString() },
            });
            expect(res.status, JSON.stringify(res.body)).toBe(200);
            return { bookingId: res.body.data.id as string, token: customer.token };
          }),
        );
        const intents = await initiate(holds);
        const stuck = intents.slice(0, 20); // their webhooks never come: reconciliation settles them
        const paid = intents.slice(20);
        const pending = paid.map((intent, i) => ({
          intent,
          hook: webhook({
            id: `evt_kill_${i}`,
            type: 'payment.succeeded',
            data: { intentId: intent.intentId, amountMinor: intent.amountMinor, currency: intent.currency },
          }),
        }));
        let delivered = 0;
        let retried = 0;
        let killedAt = 0;
        // A gateway retries a delivery until it is acknowledged; 8 deliveries in flight at a time.
        const sender = async () => {
          for (let next = pending.shift(); next; next = pending.shift()) {
            for (;;) {
              const answer = await deliver(cluster.base, next.hook).catch(() => ({ status: 0, body: null }));
              if (answer.status === 200) break;
              retried += 1;
              await new Promise((done) => setTimeout(done, 100));
            }
            delivered += 1;
            if (delivered === 25 && !killedAt) {
              killedAt = performance.now();
              await Promise.all([cluster.kill9(one(cluster.apis[1])), cluster.kill9(one(cluster.workers[0]))]);
            }
          }
        };
        await Promise.all(Array.from({ length: 8 }, sender));
        expect(killedAt).toBeGreaterThan(0);
        const restartStarted = performance.now();
        await Promise.all([cluster.restart(one(cluster.apis[1])), cluster.restart(one(cluster.workers[0]))]);
        figures['kill -9: API + worker back (ready) after restart, ms'] = Math.round(performance.now() - restartStarted);
        await deps.jobs.send(undefined, queues.reconcilePayments, { intentIds: stuck.map((s) => s.intentId) });
        const states = await eventually(async () => {
          const rows = await paymentStates(intents.map((i) => i.intentId));
          expect(rows.filter((r) => r.status === 'initiated' || r.status === 'pending')).toEqual([]);
          return rows;
        }, 300_000);
        figures['kill -9: every payment settled, ms after the kill'] = Math.round(performance.now() - killedAt);
        figures['kill -9: webhook deliveries retried'] = retried;
        const byId = new Map(states.map((s) => [s.id, s]));
        expect(paid.every((p) => byId.get(p.intentId)?.status === 'completed' && byId.get(p.intentId)?.captures === 1)).toBe(true);
        expect(stuck.every((s) => byId.get(s.intentId)?.status === 'failed' && byId.get(s.intentId)?.captures === 0)).toBe(true);
      }, 600_000);

      it('a PostgreSQL restart under load: the processes recover by themselves, nothing acknowledged is lost', async () => {
        const sql = rawClient(deps.db);
        const [{ dir } = { dir: '' }] = await sql<Array<{ dir: string }>>`select current_setting('data_directory') as dir`;
        const pids = [...cluster.apis, ...cluster.workers].map((p) => p.child.pid);
        const owner = await insertUser(deps, ['driver']);
        const clients = await signedInUsers(deps, 20);
        const vehicles = await Promise.all(clients.map(() => insertVehicle(deps, owner, { bufferMinutes: 0 })));
        const acknowledged = { bookings: [] as string[], intents: [] as string[], events: [] as string[] };
        let errors = 0;
        let restartedAt = 0;
        let firstAfterRestart = 0;
        let stop = false;
        const client = async (c: number) => {
          const token = clients[c]?.token ?? '';
          for (let day = 0; !stop; day++) {
            const start = Math.ceil(Date.now() / HOUR) * HOUR + (2 + day) * 24 * HOUR;
            const hold = await call(cluster.base, 'POST', '/api/v1/bookings', {
              token,
              body: { vehicleId: vehicles[c], startDate: new Date(start).toISOString(), endDate: new Date(start + 2 * HOUR).toISOString() },
            }).catch(() => ({ status: 0, body: null }));
            if (hold.status !== 200) {
              errors += 1;
              continue;
            }
            acknowledged.bookings.push(hold.body.data.id);
            if (restartedAt && !firstAfterRestart) firstAfterRestart = performance.now();
            const intent = await call(cluster.base, 'POST', '/api/v1/payments/initiate', {
              token,
              body: { bookingId: hold.body.data.id, provider: 'sandbox' },
            }).catch(() => ({ status: 0, body: null }));
            if (intent.status !== 200) continue;
            acknowledged.intents.push(intent.body.data.id);
            const eventId = `evt_restart_${intent.body.data.id}`;
            const hook = webhook({
              id: eventId,
              type: 'payment.succeeded',
              data: { intentId: intent.body.data.id, amountMinor: intent.body.data.amountMinor, currency: intent.body.data.currency },
            });
            const answer = await deliver(cluster.base, hook).catch(() => ({ status: 0, body: null }));
            if (answer.status === 200) acknowledged.events.push(eventId);
          }
        };
        const load = Promise.all(clients.map((_, c) => client(c)));
        await eventually(async () => expect(acknowledged.bookings.length).toBeGreaterThan(40), 60_000);
        const before = acknowledged.bookings.length;
        const restartStarted = performance.now();
        await restartEmbeddedPostgres(dir);
        restartedAt = performance.now();
        figures['postgres restart: pg_ctl restart took, ms'] = Math.round(restartedAt - restartStarted);
        await eventually(async () => expect(acknowledged.bookings.length).toBeGreaterThan(before + 40), 120_000);
        stop = true;
        await load;
        figures['postgres restart: first acknowledged hold after the restart, ms'] = Math.round(firstAfterRestart - restartedAt);
        figures['postgres restart: failed requests under load'] = errors;
        figures['postgres restart: acknowledged holds / intents / webhooks'] =
          `${acknowledged.bookings.length} / ${acknowledged.intents.length} / ${acknowledged.events.length}`;
        // No process died or was restarted: the same pids serve (a dead one shows why it exited).
        const dead = [...cluster.apis, ...cluster.workers].filter((p) => p.child.exitCode !== null || p.child.signalCode !== null);
        expect(dead.map((p) => `${p.name} exited (${p.child.exitCode ?? p.child.signalCode}):\n${p.output().slice(-4_000)}`)).toEqual([]);
        expect([...cluster.apis, ...cluster.workers].map((p) => p.child.pid)).toEqual(pids);
        for (const api of cluster.apis) expect((await call(`http://127.0.0.1:${api.port}`, 'GET', '/readyz')).status).toBe(200);
        // Everything acknowledged is there, and every acknowledged webhook is applied.
        const [found] = await sql<Array<{ bookings: number; intents: number; events: number }>>`
        select (select count(*)::int from bookings where id in ${sql(acknowledged.bookings)}) as bookings,
               (select count(*)::int from payments where id in ${sql(acknowledged.intents)}) as intents,
               (select count(*)::int from payment_events where provider_event_id in ${sql(acknowledged.events)}) as events`;
        expect(found).toEqual({
          bookings: acknowledged.bookings.length,
          intents: acknowledged.intents.length,
          events: acknowledged.events.length,
        });
        const paidIntents = acknowledged.events.map((e) => e.replace('evt_restart_', ''));
        await eventually(async () => {
          const rows = await paymentStates(paidIntents);
          expect(rows.filter((r) => r.status !== 'completed' || r.captures !== 1)).toEqual([]);
        }, 180_000);
      }, 600_000);
    }

    it('ends with the invariants read back from the database', async () => {
      const { checks, violations } = await clusterInvariants(deps.db);
      figures['invariant checks'] = `${checks} checks, ${violations.length} violations`;
      expect(violations).toEqual([]);
    });
  },
);
