import { readFileSync } from 'node:fs';
import { connectDatabase, newId, arrayLiteral } from '@fareway/db';
import { sql } from 'drizzle-orm';
import { BOOKING_FACTS_JOINS, BOOKING_TIME_ZONE, BOOKING_TITLE } from './src/notifications/booking-facts';
const url = readFileSync('/tmp/s6/db-url', 'utf8').trim();
const h = connectDatabase(url, { max: 1 });
const booked = await h.sql<{ id: string }[]>`select id from bookings limit 5000`;
const bookingIds = booked.map((r) => r.id);
const channels = ['email', 'sms'];
const ids = Array.from({ length: bookingIds.length * 2 }, newId);
const now = new Date().toISOString();
const q = sql`
    explain (analyze, buffers, wal) insert into notifications (id, channel, recipient, user_id, kind, locale, data, dedupe_key, created_at, next_attempt_at)
    select (${arrayLiteral(ids)}::uuid[])[(p.n - 1) * ${channels.length} + c.n], c.channel, a.address, u.id, ${'booking.hold_expired'},
           case when u.locale = any(${arrayLiteral(['en', 'si', 'ta'])}::text[]) then u.locale else 'en' end,
           jsonb_build_object('bookingId', b.id, 'kind', b.kind, 'title', ${BOOKING_TITLE}, 'startsAt', b.starts_at,
             'timeZone', ${BOOKING_TIME_ZONE}, 'currency', b.currency, 'amountMinor', b.total_minor),
           ${'booking.hold_expired'} || ':' || b.id || ':' || c.channel, ${now}::timestamptz, ${now}::timestamptz
      from unnest(${arrayLiteral(bookingIds)}::uuid[]) with ordinality as p(id, n)
      join bookings b on b.id = p.id
      join users u on u.id = b.customer_id
      ${BOOKING_FACTS_JOINS}
      cross join unnest(${arrayLiteral(channels)}::text[]) with ordinality as c(channel, n)
      cross join lateral (select case c.channel when 'sms' then u.phone else u.email end as address) a
     where a.address is not null
    on conflict (dedupe_key) do nothing`;
await h.db.transaction(async (tx) => {
  const rows = await tx.execute(q);
  for (const r of rows) console.log(Object.values(r)[0]);
  tx.rollback();
}).catch(() => {});
await h.close();
