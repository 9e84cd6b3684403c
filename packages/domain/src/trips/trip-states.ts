import { AppError } from '../errors/app-error';

/** A trip's life: scheduled → boarding → departed → completed, or cancelled before it leaves. */
export const TRIP_STATES = ['scheduled', 'boarding', 'departed', 'completed', 'cancelled'] as const;
export type TripState = (typeof TRIP_STATES)[number];

export type TripEvent = 'board' | 'depart' | 'complete' | 'cancel';

/** The whole machine: event → (from → to). Anything absent is refused. */
const TRANSITIONS: Record<TripEvent, Partial<Record<TripState, TripState>>> = {
  board: { scheduled: 'boarding' },
  // An operator may skip boarding (a roadside pick-up start).
  depart: { scheduled: 'departed', boarding: 'departed' },
  complete: { departed: 'completed' },
  cancel: { scheduled: 'cancelled', boarding: 'cancelled' },
};

/** The event that moves a trip to `to`, for APIs that take the target state. */
export const TRIP_EVENT_FOR: Record<Exclude<TripState, 'scheduled'>, TripEvent> = {
  boarding: 'board',
  departed: 'depart',
  completed: 'complete',
  cancelled: 'cancel',
};

export function nextTripState(from: TripState, event: TripEvent): TripState | null {
  return TRANSITIONS[event][from] ?? null;
}

/** The next state, or a VALIDATION_ERROR naming the refused move. */
export function decideTripTransition(from: TripState, event: TripEvent): TripState {
  const to = nextTripState(from, event);
  if (to) return to;
  throw new AppError('VALIDATION_ERROR', `A ${from} trip cannot ${event}`, {
    details: [{ path: 'status', message: `not allowed from ${from}` }],
  });
}

/** Only trips that have not left (nor been cancelled) sell seats. */
export function isTripBookable(state: TripState): boolean {
  return state === 'scheduled' || state === 'boarding';
}
