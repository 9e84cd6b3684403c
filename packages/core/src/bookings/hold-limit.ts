import { AppError } from '@fareway/domain';

/**
 * Nobody may hold a whole bus or every car: a user has at most `max` unpaid,
 * unexpired holds, rentals and seats together. The holds count them in their
 * one read, under the holder's lock (holdLocks), so two concurrent holds
 * cannot both pass.
 */
export function holdLimitReached(max: number): AppError {
  return new AppError('HOLD_LIMIT_REACHED', `You already have ${max} unpaid holds; pay for or cancel one first`, {
    retryAfterSeconds: 60,
  });
}
