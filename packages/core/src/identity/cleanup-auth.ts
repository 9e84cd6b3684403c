import { sql } from 'drizzle-orm';
import type { Deps } from '../deps';

const BATCH = 5_000;
/** Codes are kept an hour past their expiry: the per-number send window reads recent codes (OTP_RULES, 5 min). */
const CODE_GRACE_MS = 60 * 60_000;

/**
 * `cleanup-auth`: deletes sign-in codes an hour past their expiry and sessions
 * past theirs, in batches so no statement holds locks for long. Neither is
 * accepted any more before this runs (verify and validateSession check the
 * times), so a run twice at once or cut short changes nothing but the table size.
 */
export async function cleanupAuth(deps: Pick<Deps, 'db' | 'clock'>): Promise<{ otpCodes: number; sessions: number }> {
  const now = deps.clock.now();
  const codesBefore = new Date(now.getTime() - CODE_GRACE_MS).toISOString();
  const otpCodes = await deleteInBatches(
    deps,
    sql`delete from otp_codes where id in (
      select id from otp_codes where expires_at < ${codesBefore}::timestamptz limit ${BATCH} for update skip locked)`,
  );
  const sessions = await deleteInBatches(
    deps,
    sql`delete from sessions where id in (
      select id from sessions where expires_at <= ${now.toISOString()}::timestamptz limit ${BATCH} for update skip locked)`,
  );
  return { otpCodes, sessions };
}

async function deleteInBatches(deps: Pick<Deps, 'db'>, statement: ReturnType<typeof sql>): Promise<number> {
  let deleted = 0;
  for (;;) {
    const result = await deps.db.execute(statement);
    const count = (result as unknown as { count: number }).count;
    deleted += count;
    if (count < BATCH) return deleted;
  }
}
