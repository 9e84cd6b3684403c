import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import { BOOKING_STATUSES, type BookingEvent, type BookingStatus, decideBookingTransition, nextBookingStatus } from './booking-states';

describe('booking state machine', () => {
  it.each<[BookingStatus, BookingEvent, BookingStatus | null]>([
    ['pending', 'confirm', 'confirmed'],
    ['pending', 'expire', 'expired'],
    ['pending', 'cancel', 'cancelled'],
    ['pending', 'start', null],
    ['pending', 'complete', null],
    ['expired', 'reacquire', 'confirmed'],
    ['pending', 'reacquire', null],
    ['cancelled', 'reacquire', null],
    ['confirmed', 'start', 'active'],
    ['confirmed', 'cancel', 'cancelled'],
    ['confirmed', 'confirm', null],
    ['confirmed', 'expire', null],
    ['active', 'complete', 'completed'],
    ['active', 'cancel', null],
    ['completed', 'cancel', null],
    ['expired', 'confirm', null],
    ['cancelled', 'confirm', null],
    ['cancelled', 'cancel', null],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(nextBookingStatus(from, event)).toBe(to);
  });

  it('terminal states accept no event', () => {
    for (const from of ['completed', 'cancelled'] as const) {
      for (const event of ['confirm', 'reacquire', 'expire', 'cancel', 'start', 'complete'] as const) {
        expect(nextBookingStatus(from, event)).toBeNull();
      }
    }
    expect(BOOKING_STATUSES).toHaveLength(6);
  });

  it.each<[BookingStatus, BookingEvent, string]>([
    ['active', 'cancel', 'BOOKING_CANNOT_CANCEL'],
    ['completed', 'cancel', 'BOOKING_CANNOT_CANCEL'],
    ['expired', 'confirm', 'HOLD_EXPIRED'],
    ['confirmed', 'confirm', 'PAYMENT_ALREADY_PROCESSED'],
    ['pending', 'start', 'VALIDATION_ERROR'],
  ])('refuses %s --%s--> with %s', (from, event, code) => {
    try {
      decideBookingTransition(from, event);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
    }
  });
});
