import { describe, expect, it } from 'vitest';
import type { BookingRow } from '../src/bookings/public-booking';
import { assertPayableHold } from '../src/payments/assert-payable-hold';

// Which bookings can still be paid (issue 17: the mutation run found only `confirmed` and a lapsed
// hold tried): every status, and the hold's expiry to the millisecond. Pure: no database.

const now = new Date('2026-03-01T12:00:00Z');
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs);
const booking = (status: BookingRow['status'], expiresAt: Date | null) => ({ status, expiresAt }) as BookingRow;

function outcome(status: BookingRow['status'], expiresAt: Date | null): string {
  try {
    assertPayableHold(booking(status, expiresAt), now);
    return 'payable';
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return `${code}: ${message}`;
  }
}

const paid = 'PAYMENT_ALREADY_PROCESSED: This booking is already paid';
const lapsed = 'HOLD_EXPIRED: The hold lapsed before it was paid; book again';

describe('assertPayableHold', () => {
  it.each([
    ['pending', at(1), 'payable'],
    ['pending', at(0), lapsed],
    ['pending', at(-1), lapsed],
    ['pending', null, lapsed],
    ['confirmed', at(60_000), paid],
    ['active', at(60_000), paid],
    ['completed', at(60_000), paid],
    ['confirmed', null, paid],
    ['cancelled', at(60_000), lapsed],
    ['expired', at(60_000), lapsed],
  ] as const)('a %s booking whose hold ends at %s: %s', (status, expiresAt, expected) => {
    expect(outcome(status, expiresAt)).toBe(expected);
  });
});
