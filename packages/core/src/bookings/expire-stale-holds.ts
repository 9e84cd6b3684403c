import { type DatabaseOrTransaction, newId, schema } from '@fareway/db';
import { and, eq, lte, type SQL, sql } from 'drizzle-orm';
import { type RequestOrigin, SYSTEM_ORIGIN } from '../audit/record-audit';
import { emitBookingEventsByIds } from '../webhooks/emit-partner-event';

/**
 * Turns lapsed holds into `expired` (the trigger frees their inventory rows) and
 * audits them, set-based: one UPDATE and one multi-row INSERT however many. Run
 * under the vehicle's or trip's lock before a hold is inserted, so an expired
 * hold never blocks anyone even if the sweep job has not run yet. The sweep
 * passes `limit`: it takes a chunk and skips rows another sweep has locked, so
 * two sweeps at once share the work and each hold is expired (and audited) once.
 */
export async function expireStaleHolds(
  tx: DatabaseOrTransaction,
  scope: { vehicleId?: string; tripId?: string; customerId?: string },
  now: Date,
  origin: RequestOrigin = SYSTEM_ORIGIN,
  options: { limit?: number } = {},
): Promise<string[]> {
  const b = schema.bookings;
  const filters: SQL[] = [eq(b.status, 'pending'), lte(b.expiresAt, now)];
  if (scope.vehicleId) filters.push(eq(b.vehicleId, scope.vehicleId));
  if (scope.tripId) filters.push(eq(b.tripId, scope.tripId));
  if (scope.customerId) filters.push(eq(b.customerId, scope.customerId));
  let expired: { id: string }[];
  if (options.limit === undefined) {
    expired = await tx
      .update(b)
      .set({ status: 'expired', updatedAt: now })
      .where(and(...filters))
      .returning({ id: b.id });
  } else {
    // A CTE runs once: exactly `limit` rows picked (an IN (… LIMIT) subquery may be evaluated again per row).
    const rows = await tx.execute<{ id: string }>(sql`
      with picked as (select ${b.id} from ${b} where ${and(...filters)} limit ${options.limit} for update skip locked)
      update ${b} set status = 'expired', updated_at = ${now.toISOString()}::timestamptz
      from picked where ${b.id} = picked.id
      returning ${b.id}`);
    expired = [...rows];
  }
  if (expired.length > 0) {
    // One INSERT for the lot: the ids (UUID v7, made here) and subjects travel as two arrays, not 10 parameters a row.
    const auditIds = expired.map(() => newId());
    await tx.execute(sql`
      insert into ${schema.auditLog} (id, at, actor_user_id, action, subject_type, subject_id, before, after, ip, request_id)
      select a.id, ${now.toISOString()}::timestamptz, null, 'booking.expired', 'booking', a.subject,
        '{"status":"pending"}'::jsonb, '{"status":"expired"}'::jsonb, ${origin.ip}, ${origin.requestId}
      from unnest(${`{${auditIds.join(',')}}`}::uuid[], ${`{${expired.map((r) => r.id).join(',')}}`}::text[]) as a(id, subject)`);
  }
  await emitBookingEventsByIds(
    tx,
    'booking.expired',
    expired.map((row) => row.id),
    now,
  );
  return expired.map((row) => row.id);
}
