import { AppError } from '../errors/app-error';

/** A listing's life: drafted by its owner, reviewed by an admin, suspended and reinstated by one. */
export const VEHICLE_STATES = ['draft', 'pending_review', 'approved', 'rejected', 'suspended'] as const;
export type VehicleState = (typeof VEHICLE_STATES)[number];

export type VehicleEvent = 'submit' | 'approve' | 'reject' | 'suspend' | 'reinstate' | 'key_facts_changed';

/** The whole machine: event → (from → to). Anything absent is refused. */
const TRANSITIONS: Record<VehicleEvent, Partial<Record<VehicleState, VehicleState>>> = {
  submit: { draft: 'pending_review', rejected: 'pending_review' },
  approve: { pending_review: 'approved' },
  reject: { pending_review: 'rejected' },
  suspend: { approved: 'suspended' },
  reinstate: { suspended: 'approved' },
  // An approved listing whose make, model, seats, city... change is reviewed again:
  // customers must find what an admin looked at. Drafts and rejected ones stay as they are.
  key_facts_changed: { draft: 'draft', rejected: 'rejected', approved: 'pending_review' },
};

/** What a refused event would have done, for the message ("cannot be suspended", not "suspendd"). */
const REFUSED: Record<VehicleEvent, string> = {
  submit: 'be submitted for review',
  approve: 'be approved',
  reject: 'be rejected',
  suspend: 'be suspended',
  reinstate: 'be reinstated',
  key_facts_changed: 'be edited',
};

export function nextVehicleState(from: VehicleState, event: VehicleEvent): VehicleState | null {
  return TRANSITIONS[event][from] ?? null;
}

export function decideVehicleTransition(from: VehicleState, event: VehicleEvent): VehicleState {
  const to = nextVehicleState(from, event);
  if (to) return to;
  throw new AppError('VALIDATION_ERROR', `A ${from.replace('_', ' ')} vehicle cannot ${REFUSED[event]}`);
}

/** Owners may edit a listing that is not under review and not suspended. */
export function vehicleEditable(state: VehicleState): boolean {
  return nextVehicleState(state, 'key_facts_changed') !== null;
}

/** Only approved listings can be searched and booked. */
export function vehicleBookable(state: VehicleState): boolean {
  return state === 'approved';
}
