import { type DatabaseOrTransaction, NEW_ID_SQL, schema } from '@fareway/db';
import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../audit/record-audit';
import { bookingNoticesAsDataSql } from '../notifications/queue-booking-notice';
import { emitBookingEventsByIds } from '../webhooks/emit-partner-event';

/**
 * Turns lapsed holds into `expired` (the trigger frees their inventory rows) and
 * audits them, set-based: one statement however many — the UPDATE, and fed by
 * what it returns, the INSERT of one audit row per booking and, with `notice`,
 * the INSERT of each customer's notice (as template + data). Run under the
 * vehicle's or trip's lock before a hold is inserted, so an expired hold never
 * blocks anyone even if the sweep job has not run yet. The sweep passes `limit`:
 * it takes a chunk and skips rows another sweep has locked, so two sweeps at
 * once share the work and each hold is expired (and audited, and noticed) once.
 */
export async function expireStaleHolds(
  tx: DatabaseOrTransaction,
  scope: { vehicleId?: string; tripId?: string; customerId?: string },
  now: Date,
  origin: RequestOrigin = SYSTEM_ORIGIN,
  options: { limit?: number; notice?: 'booking.hold_expired' } = {},
): Promise<string[]> {
  const b = schema.bookings;
  const filters: SQL[] = [eq(b.status, 'pending'), lte(b.expiresAt, now)];
  if (scope.vehicleId) filters.push(eq(b.vehicleId, scope.vehicleId));
  if (scope.tripId) filters.push(eq(b.tripId, scope.tripId));
  if (scope.customerId) filters.push(eq(b.customerId, scope.customerId));
  const at = now.toISOString();
  // The chunk is picked once (ARRAY(...) is an init plan) and updated through the primary key: no join that
  // reads the whole table per chunk. Its rows are locked by the pick, so they are still pending when updated.
  const which =
    options.limit === undefined
      ? and(...filters)
      : sql`${b.status} = 'pending' and ${b.id} = any(array(select ${b.id} from ${b} where ${and(...filters)} limit ${options.limit} for update skip locked))`;
  const rows = await tx.execute<{ id: string }>(sql`
    with expired as (
      update ${b} set status = 'expired', updated_at = ${at}::timestamptz where ${which}
      returning id, kind, customer_id, vehicle_id, trip_id, from_stop, to_stop, starts_at, currency, total_minor
    ),
    audited as (
      insert into ${schema.auditLog} (id, at, actor_user_id, action, subject_type, subject_id, before, after, ip, request_id)
      select ${NEW_ID_SQL}, ${at}::timestamptz, null, 'booking.expired', 'booking', e.id::text,
        '{"status":"pending"}'::jsonb, '{"status":"expired"}'::jsonb, ${origin.ip}::text, ${origin.requestId}::text
      from expired e
    )
    ${options.notice ? sql`, noticed as (${bookingNoticesAsDataSql(sql`expired`, options.notice, now)})` : sql``}
    select id from expired`);
  const ids = rows.map((row) => row.id);
  await emitBookingEventsByIds(tx, 'booking.expired', ids, now);
  return ids;
}
