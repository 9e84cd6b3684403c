import { withTransaction } from '@fareway/db';
import { reminderDue } from '@fareway/domain';
import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';
import { loadBookingFacts } from './booking-facts';
import { queueNotification } from './queue-notification';

/**
 * The `send-reminders` job: for each confirmed booking starting within the
 * largest reminder lead (REMINDER_HOURS, 24 h and 2 h by default), queues the
 * tightest reminder whose window holds its start, once per booking per lead
 * (key `booking.reminder:<id>:<lead>h`, unique in the outbox). Two runs at once
 * or a rerun after a crash queue nothing twice.
 */
export async function sendReminders(deps: Pick<Deps, 'db' | 'clock' | 'config'>): Promise<{ queued: number }> {
  const leads = deps.config.notifications.reminderHours;
  if (leads.length === 0) return { queued: 0 };
  const now = deps.clock.now();
  const horizon = new Date(now.getTime() + Math.max(...leads) * 3_600_000);
  const due = await deps.db.execute<{ id: string }>(sql`
    select id from bookings where status = 'confirmed' and starts_at > ${now.toISOString()}::timestamptz and starts_at <= ${horizon.toISOString()}::timestamptz`);
  const facts = await loadBookingFacts(
    deps.db,
    due.map((r) => r.id),
  );
  const wanted = [...facts.values()].flatMap((f) => {
    const lead = reminderDue(f.startsAt, now, leads);
    return lead === null ? [] : [{ facts: f, lead, key: `booking.reminder:${f.bookingId}:${lead}h` }];
  });
  if (wanted.length === 0) return { queued: 0 };
  // Skip those already queued without rendering them again (the unique key still has the last word).
  const existing = await deps.db.execute<{ dedupe_key: string }>(sql`
    select dedupe_key from notifications where dedupe_key in ${wanted.flatMap((w) => [`${w.key}:sms`, `${w.key}:email`])}`);
  const done = new Set(existing.map((r) => r.dedupe_key.replace(/:(sms|email)$/, '')));
  let queued = 0;
  await withTransaction(deps.db, async (tx) => {
    for (const { facts: f, lead, key } of wanted) {
      if (done.has(key)) continue;
      const hoursBefore = Math.max(1, Math.round((f.startsAt.getTime() - now.getTime()) / 3_600_000));
      const ids = await queueNotification(tx, deps, {
        userId: f.customerId,
        key,
        template: 'booking.reminder',
        data: {
          bookingId: f.bookingId,
          kind: f.kind,
          title: f.title,
          startsAt: f.startsAt,
          timeZone: f.timeZone,
          amountMinor: f.totalMinor,
          currency: f.currency,
          hoursBefore: Math.min(hoursBefore, lead),
        },
      });
      if (ids.length > 0) queued++;
    }
  });
  return { queued };
}
