import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error';
import {
  BOOKING_STATUSES,
  type BookingEvent,
  type BookingStatus,
  decideBookingTransition,
  isLiveStatus,
  nextBookingStatus,
} from './booking-states';

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

  it.each<[BookingStatus, BookingEvent, string, string]>([
    // from, event, the code and the message a caller sees
    ['completed', 'cancel', 'BOOKING_CANNOT_CANCEL', 'A completed booking cannot be cancelled'],
    ['expired', 'confirm', 'HOLD_EXPIRED', 'The hold lapsed before it was paid'],
    ['cancelled', 'confirm', 'BOOKING_CANNOT_CANCEL', 'The booking was cancelled'],
    ['confirmed', 'confirm', 'PAYMENT_ALREADY_PROCESSED', 'The booking is already confirmed'],
    ['completed', 'confirm', 'PAYMENT_ALREADY_PROCESSED', 'The booking is already completed'],
    ['pending', 'start', 'VALIDATION_ERROR', 'A pending booking cannot start'],
  ])('refuses %s --%s--> with %s', (from, event, code, message) => {
    try {
      decideBookingTransition(from, event);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe(code);
      expect((error as AppError).message).toBe(message);
    }
  });

  it('allows what the machine allows, and counts only holds and paid bookings as live', () => {
    expect(decideBookingTransition('pending', 'confirm')).toBe('confirmed');
    expect(decideBookingTransition('expired', 'reacquire')).toBe('confirmed');
    expect(BOOKING_STATUSES.filter(isLiveStatus)).toEqual(['pending', 'confirmed', 'active']);
  });
});
