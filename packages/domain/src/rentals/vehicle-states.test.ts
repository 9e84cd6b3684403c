import { describe, expect, it } from 'vitest';
import { assertRentalRange } from './rental-range';
import {
  decideVehicleTransition,
  nextVehicleState,
  VEHICLE_STATES,
  type VehicleEvent,
  type VehicleState,
  vehicleBookable,
  vehicleEditable,
} from './vehicle-states';

describe('vehicle state machine', () => {
  it.each<[VehicleState, VehicleEvent, VehicleState | null]>([
    ['draft', 'submit', 'pending_review'],
    ['rejected', 'submit', 'pending_review'],
    ['pending_review', 'submit', null],
    ['approved', 'submit', null],
    ['suspended', 'submit', null],
    ['pending_review', 'approve', 'approved'],
    ['draft', 'approve', null],
    ['rejected', 'approve', null],
    ['suspended', 'approve', null],
    ['pending_review', 'reject', 'rejected'],
    ['approved', 'reject', null],
    ['approved', 'suspend', 'suspended'],
    ['pending_review', 'suspend', null],
    ['suspended', 'reinstate', 'approved'],
    ['approved', 'reinstate', null],
    ['draft', 'key_facts_changed', 'draft'],
    ['rejected', 'key_facts_changed', 'rejected'],
    ['approved', 'key_facts_changed', 'pending_review'],
    ['pending_review', 'key_facts_changed', null],
    ['suspended', 'key_facts_changed', null],
  ])('%s --%s--> %s', (from, event, to) => {
    expect(nextVehicleState(from, event)).toBe(to);
  });

  it.each<[VehicleState, VehicleEvent, string]>([
    // from, event, what the owner or admin is told
    ['draft', 'approve', 'A draft vehicle cannot be approved'],
    ['pending_review', 'key_facts_changed', 'A pending review vehicle cannot be edited'],
    ['suspended', 'submit', 'A suspended vehicle cannot be submitted for review'],
    ['draft', 'suspend', 'A draft vehicle cannot be suspended'],
    ['draft', 'reject', 'A draft vehicle cannot be rejected'],
    ['draft', 'reinstate', 'A draft vehicle cannot be reinstated'],
  ])('refuses %s --%s--> saying "%s"', (from, event, message) => {
    expect(() => decideVehicleTransition(from, event)).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', message }));
  });

  it('decides the allowed transitions', () => {
    expect(decideVehicleTransition('draft', 'submit')).toBe('pending_review');
    expect(decideVehicleTransition('approved', 'key_facts_changed')).toBe('pending_review');
  });

  it('refuses what the machine does not allow with VALIDATION_ERROR', () => {
    expect(() => decideVehicleTransition('draft', 'approve')).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR' }));
    expect(() => decideVehicleTransition('pending_review', 'key_facts_changed')).toThrow(/cannot be edited/);
  });

  it.each(VEHICLE_STATES.map((s) => [s]))('%s: editable and bookable as documented', (state) => {
    expect(vehicleEditable(state)).toBe(['draft', 'rejected', 'approved'].includes(state));
    expect(vehicleBookable(state)).toBe(state === 'approved');
  });
});

describe('assertRentalRange', () => {
  const now = new Date('2026-03-01T00:00:00Z');
  const limits = { maxDays: 30, maxAdvanceDays: 365 };
  const at = (iso: string) => new Date(iso);
  it.each<[string, string, string, string]>([
    // start, end, the field and what the customer is told
    ['not a date', '2026-03-03T10:00:00Z', 'startDate', 'startDate is not a valid date'],
    ['2026-03-02T10:00:00Z', 'not a date', 'endDate', 'endDate is not a valid date'],
    ['2026-02-28T23:59:59Z', '2026-03-03T10:00:00Z', 'startDate', 'startDate is in the past'],
    ['2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z', 'endDate', 'endDate must be after startDate'],
    ['2026-03-02T00:00:00Z', '2026-04-01T00:00:01Z', 'endDate', 'A rental lasts at most 30 days'],
    ['2027-03-01T00:00:01Z', '2027-03-02T00:00:00Z', 'startDate', 'A rental may start at most 365 days ahead'],
  ])('%s → %s is refused at %s: "%s"', (start, end, path, message) => {
    expect(() => assertRentalRange(at(start), at(end), now, limits)).toThrow(
      expect.objectContaining({ code: 'VALIDATION_ERROR', message, details: [{ path, message }] }),
    );
  });

  it.each<[string, string, string | null]>([
    ['2026-03-02T10:00:00Z', '2026-03-03T10:00:00Z', null],
    ['2026-03-01T00:00:00Z', '2026-03-01T00:00:01Z', null], // starting right now is fine
    ['2026-02-28T23:59:59Z', '2026-03-03T10:00:00Z', 'startDate'], // past start
    ['2026-03-02T10:00:00Z', '2026-03-02T10:00:00Z', 'endDate'], // empty
    ['2026-03-02T10:00:00Z', '2026-03-01T10:00:00Z', 'endDate'], // reversed
    ['2026-03-02T00:00:00Z', '2026-04-01T00:00:00Z', null], // exactly 30 days
    ['2026-03-02T00:00:00Z', '2026-04-01T00:00:01Z', 'endDate'], // over 30 days
    ['2027-03-01T00:00:00Z', '2027-03-02T00:00:00Z', null], // exactly 365 days ahead
    ['2027-03-01T00:00:01Z', '2027-03-02T00:00:00Z', 'startDate'], // beyond
  ])('%s → %s: %s', (start, end, failing) => {
    const run = () => assertRentalRange(at(start), at(end), now, limits);
    if (failing === null) expect(run).not.toThrow();
    else expect(run).toThrow(expect.objectContaining({ code: 'VALIDATION_ERROR', details: [expect.objectContaining({ path: failing })] }));
  });
});
