import { describe, expect, it } from 'vitest';
import { findAppError } from '../errors/app-error';
import { decideTripTransition, isTripBookable, nextTripState, TRIP_STATES, type TripEvent, type TripState } from './trip-states';

describe('trip state machine', () => {
  it.each<[TripState, TripEvent, TripState | null]>([
    ['scheduled', 'board', 'boarding'],
    ['scheduled', 'depart', 'departed'],
    ['scheduled', 'complete', null],
    ['scheduled', 'cancel', 'cancelled'],
    ['boarding', 'board', null],
    ['boarding', 'depart', 'departed'],
    ['boarding', 'complete', null],
    ['boarding', 'cancel', 'cancelled'],
    ['departed', 'board', null],
    ['departed', 'depart', null],
    ['departed', 'complete', 'completed'],
    ['departed', 'cancel', null],
    ['completed', 'board', null],
    ['completed', 'depart', null],
    ['completed', 'complete', null],
    ['completed', 'cancel', null],
    ['cancelled', 'board', null],
    ['cancelled', 'depart', null],
    ['cancelled', 'complete', null],
    ['cancelled', 'cancel', null],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(nextTripState(from, event)).toBe(to);
    if (to) expect(decideTripTransition(from, event)).toBe(to);
    else {
      let caught: unknown;
      try {
        decideTripTransition(from, event);
      } catch (error) {
        caught = error;
      }
      expect(findAppError(caught)?.code).toBe('VALIDATION_ERROR');
    }
  });

  it.each(TRIP_STATES.map((s) => [s, s === 'scheduled' || s === 'boarding'] as const))('%s sells seats: %s', (state, bookable) => {
    expect(isTripBookable(state)).toBe(bookable);
  });

  it('refuses a move naming it, and points the client at the status', () => {
    expect(() => decideTripTransition('completed', 'depart')).toThrow(
      expect.objectContaining({
        code: 'VALIDATION_ERROR',
        message: 'A completed trip cannot depart',
        details: [{ path: 'status', message: 'not allowed from completed' }],
      }),
    );
  });
});
