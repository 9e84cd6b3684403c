import { schema } from '@fareway/db';
import { count, desc } from 'drizzle-orm';
import type { Deps } from '../deps';
import { personMatches } from './person-search';
import { type PublicUser, toPublicUser } from './users';

export interface Page<T> {
  items: T[];
  meta: { page: number; limit: number; total: number };
}

/** Admin: users, newest first, optionally filtered by phone, email or name (index-backed: migration 0022). */
export async function listUsers(
  deps: Pick<Deps, 'db' | 'config'>,
  input: { page: number; limit: number; search?: string },
): Promise<Page<PublicUser>> {
  const where = input.search ? personMatches(schema.users, input.search, deps.config.auth.defaultRegion) : undefined;
  const [rows, [total]] = await Promise.all([
    deps.db
      .select()
      .from(schema.users)
      .where(where)
      .orderBy(desc(schema.users.createdAt), desc(schema.users.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(schema.users).where(where),
  ]);
  return { items: rows.map(toPublicUser), meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 } };
}
