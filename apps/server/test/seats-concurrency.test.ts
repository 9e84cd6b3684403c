import { createTestDeps, type TestDeps } from '@fareway/core/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/app';
import { operatorTrip, seededRandom, signedInUsers } from './seats-fixtures';
import { apiFetch } from './support/openapi-validator';

// DESIGN.md §10: many real clients at once against the real server, then the invariant read back with SQL.
const CLIENTS = 300;
const STOPS = 6;
const SEED = Number(process.env.SEATS_SEED ?? Date.now() % 1_000_000);

let deps: TestDeps;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
  deps = await createTestDeps({ env: { PUBLIC_URL: 'http://fareway.test' } });
  deps.clock.set('2026-03-01T00:00:00Z');
  app = await buildServer(deps, { serveApps: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await app.close();
  await deps.cleanup();
});

interface Attempt {
  userId: string;
  seats: string[];
  fromStop: number;
  toStop: number;
  status: number;
  body: {
    success: boolean;
    data?: { id: string; seats: Array<{ seatNo: string }>; fromStop: number; toStop: number; status: string };
    error?: { code: string; details?: { seats?: string[] } };
  };
}

describe(`${CLIENTS} clients reserving seats on one 40-seat bus with ${STOPS} stops at once (seed ${SEED})`, () => {
  it('never sells a seat twice for overlapping legs, and answers every request with its seats or SEATS_UNAVAILABLE', async () => {
    const { tripId, seats } = await operatorTrip(deps, { rows: 10, stops: STOPS, departsAt: new Date('2026-03-02T06:00:00Z') });
    expect(seats).toHaveLength(40);
    const users = await signedInUsers(deps, CLIENTS);
    const random = seededRandom(SEED);
    const plans = users.map((user) => {
      const count = 1 + Math.floor(random() * 4);
      const pool = [...seats];
      const chosen: string[] = [];
      while (chosen.length < count) chosen.push(pool.splice(Math.floor(random() * pool.length), 1)[0] as string);
      const a = Math.floor(random() * STOPS);
      let b = Math.floor(random() * (STOPS - 1));
      if (b >= a) b += 1;
      return { user, seats: chosen, fromStop: Math.min(a, b), toStop: Math.max(a, b) };
    });

    // All at once: no request waits for another on the client side.
    const attempts: Attempt[] = await Promise.all(
      plans.map(async (plan) => {
        const res = await apiFetch(`${base}/api/v1/bookings/reserve`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${plan.user.token}` },
          body: JSON.stringify({ tripId, seatNumbers: plan.seats, fromStop: plan.fromStop, toStop: plan.toStop }),
        });
        return {
          userId: plan.user.id,
          seats: plan.seats,
          fromStop: plan.fromStop,
          toStop: plan.toStop,
          status: res.status,
          body: (await res.json()) as Attempt['body'],
        };
      }),
    );

    const statuses = attempts.map((a) => a.status);
    expect(statuses.filter((s) => s >= 500)).toEqual([]);
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    const winners = attempts.filter((a) => a.status === 200);
    const losers = attempts.filter((a) => a.status === 409);
    for (const w of winners) {
      expect(w.body.data?.status).toBe('pending');
      expect(w.body.data?.seats.map((s) => s.seatNo).sort()).toEqual([...w.seats].sort());
      expect([w.body.data?.fromStop, w.body.data?.toStop]).toEqual([w.fromStop, w.toStop]);
    }
    for (const l of losers) {
      expect(l.body.error?.code).toBe('SEATS_UNAVAILABLE');
      const taken = l.body.error?.details?.seats ?? [];
      expect(taken.length).toBeGreaterThan(0);
      // Each seat named as taken really is held by a winner on an overlapping leg.
      for (const seat of taken) {
        expect(l.seats).toContain(seat);
        expect(winners.some((w) => w.seats.includes(seat) && w.fromStop < l.toStop && l.fromStop < w.toStop)).toBe(true);
      }
    }
    expect(winners.length).toBeGreaterThan(0);
    console.info(`seats concurrency (seed ${SEED}): ${winners.length} holds, ${losers.length} SEATS_UNAVAILABLE, 0 other answers`);

    const [overlaps] = await deps.database.sql<Array<{ n: number }>>`
      select count(*)::int as n
      from seat_reservations a
      join seat_reservations b on a.trip_id = b.trip_id and a.seat_no = b.seat_no and a.id < b.id and a.legs && b.legs
      where a.trip_id = ${tripId}
        and a.status in ('pending', 'confirmed', 'active') and b.status in ('pending', 'confirmed', 'active')`;
    expect(overlaps?.n).toBe(0);
    const rows = await deps.database.sql<Array<{ booking_id: string; seat_no: string; customer_id: string }>>`
      select sr.booking_id, sr.seat_no, b.customer_id from seat_reservations sr join bookings b on b.id = sr.booking_id where sr.trip_id = ${tripId}`;
    expect(rows.length).toBe(winners.reduce((sum, w) => sum + w.seats.length, 0));
    const inDatabase = rows.map((r) => `${r.booking_id}/${r.seat_no}/${r.customer_id}`).sort();
    const answered = winners.flatMap((w) => w.seats.map((s) => `${w.body.data?.id}/${s}/${w.userId}`)).sort();
    expect(inDatabase).toEqual(answered);
  });
});
