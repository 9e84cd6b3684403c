import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';

/** Every id is a UUID v7 generated in the app: time-ordered, so inserts stay at the right edge of the index. */
export function newId(): string {
  return uuidv7();
}

/**
 * The same, made by Postgres for rows an INSERT ... SELECT writes (a sweep's audit rows and notices), so that
 * no id has to be made here and sent for a row that may not exist. On every supported Postgres (≥ 15; 18 has
 * uuidv7()): a random v4 whose first 48 bits become the Unix time in ms and whose version nibble becomes 7
 * (set_bit counts from the low bit of each byte: bits 52 and 53 turn 0100 into 0111; the variant stays 10).
 */
export const NEW_ID_SQL = sql`encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid()) placing substring(int8send(floor(extract(epoch from clock_timestamp()) * 1000)::bigint) from 3) from 1 for 6), 52, 1), 53, 1), 'hex')::uuid`;
