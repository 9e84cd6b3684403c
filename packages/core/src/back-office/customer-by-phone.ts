import { schema } from '@fareway/db';
import { AppError, normalizePhone } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';

/** The user with this phone (as typed, read in the default region), for a list filter; null when nobody has it. */
export async function customerByPhone(deps: Pick<Deps, 'db' | 'config'>, typed: string): Promise<string | null> {
  const phone = normalizePhone(typed, deps.config.auth.defaultRegion);
  if (!phone) {
    throw new AppError('VALIDATION_ERROR', 'Enter a valid phone number, e.g. +94771234567', {
      details: [{ path: 'phone', message: 'not a valid phone number' }],
    });
  }
  const [user] = await deps.db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.phone, phone)).limit(1);
  return user?.id ?? null;
}
