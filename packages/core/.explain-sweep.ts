import { readFileSync } from 'node:fs';
import { connectDatabase } from '@fareway/db';
import { sql } from 'drizzle-orm';
import { expireStaleHolds } from './src/bookings/expire-stale-holds';
const url = readFileSync('/tmp/s6/db-url', 'utf8').trim();
const h = connectDatabase(url, { max: 1, onNotice: (n: { message: string }) => console.log(n.message) } as never);
await h.db.transaction(async (tx) => {
  await tx.execute(sql`load 'auto_explain'`);
  await tx.execute(sql`set local auto_explain.log_min_duration = 0`);
  await tx.execute(sql`set local auto_explain.log_analyze = on`);
  await tx.execute(sql`set local auto_explain.log_timing = off`);
  await tx.execute(sql`set local auto_explain.log_nested_statements = on`);
  await tx.execute(sql`set local auto_explain.log_level = notice`);
  const ids = await expireStaleHolds(tx, {}, new Date(), undefined, { limit: 5000, notice: 'booking.hold_expired' });
  console.log('expired', ids.length);
  tx.rollback();
}).catch((e) => console.log(String(e).slice(0, 200)));
await h.close();
