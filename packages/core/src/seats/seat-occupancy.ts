import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { and, eq, inArray, type Placeholder, type SQL, sql } from 'drizzle-orm';

const sr = schema.seatReservations;
const b = schema.bookings;

/**
 * A reservation row occupies its seat when it is sold (confirmed, active) or
 * held by an unpaid hold that has not lapsed at `now`. A lapsed hold nobody has
 * swept yet still reads `pending`, so time decides here, not the status alone.
 */
export function liveAt(now: Date | Placeholder<string>): SQL {
  const at = now instanceof Date ? now.toISOString() : now;
  return sql`(${sr.status} in ('confirmed', 'active') or (${sr.status} = 'pending' and ${b.expiresAt} > ${at}::timestamptz))`;
}

/** The rows whose legs share a segment with [fromStop, toStop) (numbers, or SQL for a statement built once). */
export function legOverlaps(fromStop: number | SQL, toStop: number | SQL): SQL {
  return sql`${sr.legs} && int4range(${fromStop}::int, ${toStop}::int)`;
}

/** Seats of the trip occupied for any part of [fromStop, toStop), as 'held' or 'sold' (sold wins). */
export async function seatStatesForLeg(
  tx: DatabaseOrTransaction,
  input: { tripId: string; fromStop: number; toStop: number; now: Date; seatNos?: string[] },
): Promise<Map<string, 'held' | 'sold'>> {
  const filters = [eq(sr.tripId, input.tripId), legOverlaps(input.fromStop, input.toStop), liveAt(input.now)];
  if (input.seatNos) filters.push(inArray(sr.seatNo, input.seatNos));
  const rows = await tx
    .select({ seatNo: sr.seatNo, sold: sql<boolean>`bool_or(${sr.status} <> 'pending')` })
    .from(sr)
    .innerJoin(b, eq(b.id, sr.bookingId))
    .where(and(...filters))
    .groupBy(sr.seatNo)
    .prepare(input.seatNos ? 'seat_states_for_seats' : 'seat_states_for_leg')
    .execute();
  return new Map(rows.map((r) => [r.seatNo, r.sold ? 'sold' : 'held']));
}

/** Which of `seatNos` are taken for the leg (sorted), for SEATS_UNAVAILABLE's details. */
export async function findTakenSeats(
  tx: DatabaseOrTransaction,
  input: { tripId: string; fromStop: number; toStop: number; now: Date; seatNos: string[] },
): Promise<string[]> {
  const states = await seatStatesForLeg(tx, input);
  return [...states.keys()].sort(compareSeatNos);
}

const seatOrder = new Intl.Collator('en', { numeric: true });

/** "2A" before "10A": seat labels sort by their number, then the rest (one collator: localeCompare with options builds one per call). */
export function compareSeatNos(a: string, b: string): number {
  return seatOrder.compare(a, b);
}
