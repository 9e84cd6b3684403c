import { uuidv7 } from 'uuidv7';

/** Every id is a UUID v7 generated in the app: time-ordered, so inserts stay at the right edge of the index. */
export function newId(): string {
  return uuidv7();
}
