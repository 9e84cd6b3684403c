import type { schema } from '@fareway/db';
import { normalizePhone } from '@fareway/domain';
import { eq, ilike, or, type SQL, sql } from 'drizzle-orm';

/** `%term%` for ILIKE, its own wildcards escaped: an admin types text, never a pattern. */
export function containsPattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * A person's phone, email and name as one text, joined by a unit separator
 * nobody types (so a term never matches across two of them): exactly the
 * expression of the trigram index `users_search_trgm_idx` (migration 0022).
 */
function searchText(users: typeof schema.users): SQL {
  return sql`(coalesce(${users.phone}, '') || E'\x1f' || coalesce(${users.email}, '') || E'\x1f' || coalesce(${users.name}, ''))`;
}

/**
 * What finds a person from what an admin types into a search box: part of
 * their name, email or phone (one trigram index scan), or the whole phone
 * typed the local way ("077 123 4567" is +94771234567, its unique index).
 */
export function personMatches(users: typeof schema.users, term: string, defaultRegion: string): SQL {
  const contains = ilike(searchText(users), containsPattern(term));
  const phone = normalizePhone(term, defaultRegion);
  return phone ? (or(contains, eq(users.phone, phone)) as SQL) : contains;
}
