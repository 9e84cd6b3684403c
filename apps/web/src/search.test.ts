import { describe, expect, it } from 'vitest';
import { defaultRentalRange, rangeProblem, todayIn } from './lib/dates';
import { searchSchemas } from './search';

// What the router hands validateSearch: values already JSON-parsed where they parse (`?page=2` → 2).
describe('search params of the customer pages', () => {
  it.each([
    // schema, raw params, validated
    ['bookings', { status: 'pending', page: 2, sort: 'total.desc' }, { status: 'pending', page: 2, sort: 'total.desc' }],
    ['bookings', { status: 'lost', page: 0, sort: 'total;drop' }, { status: undefined, page: undefined, sort: undefined }],
    ['bookings', { page: 2.5 }, { status: undefined, page: undefined, sort: undefined }],
    [
      'cars',
      { city: ' Colombo ', start: '2026-02-01T10:00', end: '2026-02-03T10:00', seats: 4 },
      { city: 'Colombo', start: '2026-02-01T10:00', end: '2026-02-03T10:00', seats: 4, page: undefined },
    ],
    [
      'cars',
      { city: '', start: '2026-02-01 10:00', end: 'tomorrow', seats: -1 },
      { city: undefined, start: undefined, end: undefined, seats: undefined, page: undefined },
    ],
    ['cars', { city: 1234 }, { city: '1234', start: undefined, end: undefined, seats: undefined, page: undefined }],
    [
      'bus',
      { origin: 'Colombo', destination: 'Kandy', date: '2026-02-01', page: 3 },
      { origin: 'Colombo', destination: 'Kandy', date: '2026-02-01', page: 3 },
    ],
    ['bus', { date: '2026-02-30' }, { origin: undefined, destination: undefined, date: undefined, page: undefined }],
    ['trip', { from: 1, to: 3 }, { from: 1, to: 3 }],
    ['trip', { from: 'x', to: -2 }, { from: undefined, to: undefined }],
    ['home', { payment: '01936b2e-7c2a-7000-8000-000000000001' }, { payment: '01936b2e-7c2a-7000-8000-000000000001' }],
    ['home', { payment: '<script>' }, { payment: undefined }],
  ] as const)('%s %j → %j', (schema, raw, validated) => {
    expect(searchSchemas[schema].parse(raw)).toEqual(validated);
  });
});

describe('form dates on the inventory wall clock', () => {
  // 23:00 UTC on 31 Jan is already 1 Feb in Colombo, still 31 Jan in New York.
  const now = new Date('2026-01-31T23:00:00Z');

  it('starts a rental tomorrow at 10:00 in the given zone', () => {
    expect(todayIn('Asia/Colombo', now)).toBe('2026-02-01');
    expect(todayIn('America/New_York', now)).toBe('2026-01-31');
    expect(defaultRentalRange('Asia/Colombo', now)).toEqual({ start: '2026-02-02T10:00', end: '2026-02-04T10:00' });
    expect(defaultRentalRange('America/New_York', now)).toEqual({ start: '2026-02-01T10:00', end: '2026-02-03T10:00' });
  });

  it.each([
    ['2026-02-02T10:00', '2026-02-04T10:00', null],
    ['', '2026-02-04T10:00', 'noPickup'],
    ['2026-02-02T10:00', '', 'noReturn'],
    ['2026-02-02T10:00', '2026-02-02T10:00', 'returnBeforePickup'],
    // 04:00 in Colombo on 1 Feb is 22:30 UTC on 31 Jan: before now.
    ['2026-02-01T04:00', '2026-02-02T10:00', 'pickupInPast'],
  ])('%s → %s in Colombo: %s', (start, end, problem) => {
    expect(rangeProblem(start, end, 'Asia/Colombo', now.getTime())).toBe(problem);
  });
});
