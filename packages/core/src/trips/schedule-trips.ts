import { schema, withTransaction } from '@fareway/db';
import { AppError, instantOfWallTime } from '@fareway/domain';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { RequestOrigin } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { parseCalendarDate, parseClockTime } from './calendar-input';
import { busBusyWith, insertTrip, loadRouteAndBus, MAX_SCHEDULE_AHEAD_DAYS, planTrip, seatCountOf } from './insert-trip';
import { type OperatorTrip, toOperatorTrip } from './trip-rows';

export const MAX_SCHEDULE_DAYS = 62;

export interface ScheduleTripsResult {
  created: OperatorTrip[];
  skipped: Array<{ departsAt: string; reason: 'past' | 'too_far_ahead' | 'exists' | 'bus_busy' }>;
}

/**
 * Bulk timetable: a trip of the route on the bus at each local `departureTimes`
 * (the operator's zone, DST-aware) on `days` consecutive dates from `startDate`,
 * only on the ISO `weekdays` given (1 = Monday … 7 = Sunday; omitted = every day).
 * Idempotent: a departure that already exists for this route and bus is skipped,
 * as are past ones and those the bus cannot make; all in one transaction.
 */
export async function scheduleTrips(
  deps: Deps,
  actor: Actor,
  input: {
    organizationId: string;
    routeId: string;
    busId: string;
    startDate: string;
    days: number;
    departureTimes: string[];
    weekdays?: number[];
  },
  origin: RequestOrigin,
): Promise<ScheduleTripsResult> {
  const start = parseCalendarDate(input.startDate, 'startDate');
  if (!Number.isInteger(input.days) || input.days < 1 || input.days > MAX_SCHEDULE_DAYS)
    throw new AppError('VALIDATION_ERROR', `days must be 1–${MAX_SCHEDULE_DAYS}`, { details: [{ path: 'days', message: 'out of range' }] });
  if (input.departureTimes.length < 1 || input.departureTimes.length > 24)
    throw new AppError('VALIDATION_ERROR', 'Give 1–24 departure times', { details: [{ path: 'departureTimes', message: 'out of range' }] });
  if (input.weekdays?.some((d) => !Number.isInteger(d) || d < 1 || d > 7) || input.weekdays?.length === 0)
    throw new AppError('VALIDATION_ERROR', 'weekdays are 1 (Monday) to 7 (Sunday)', {
      details: [{ path: 'weekdays', message: 'out of range' }],
    });
  const weekdays = input.weekdays ? new Set(input.weekdays) : null;
  const times = [...new Set(input.departureTimes)].map((t, i) => parseClockTime(t, `departureTimes.${i}`));
  const now = deps.clock.now();
  return withTransaction(deps.db, async (tx) => {
    const { organization } = await loadOrganizationFor(tx, actor, input.organizationId);
    const { route, stops, bus } = await loadRouteAndBus(tx, organization.id, input);
    const wanted: Date[] = [];
    for (let i = 0; i < input.days; i++) {
      const date = new Date(Date.UTC(start.year, start.month - 1, start.day + i));
      // The calendar date's weekday (UTC midnight of that date), ISO-numbered: Sunday is 7.
      if (weekdays && !weekdays.has(date.getUTCDay() || 7)) continue;
      for (const time of times)
        wanted.push(
          instantOfWallTime(
            {
              year: date.getUTCFullYear(),
              month: date.getUTCMonth() + 1,
              day: date.getUTCDate(),
              hour: time.hour,
              minute: time.minute,
              second: 0,
              millisecond: 0,
            },
            organization.timeZone,
          ),
        );
    }
    wanted.sort((a, b) => a.getTime() - b.getTime());
    const existing = await tx
      .select({ departsAt: schema.trips.departsAt })
      .from(schema.trips)
      .where(
        and(
          eq(schema.trips.routeId, route.id),
          eq(schema.trips.busId, bus.id),
          ne(schema.trips.status, 'cancelled'),
          inArray(schema.trips.departsAt, wanted),
        ),
      );
    const taken = new Set(existing.map((e) => e.departsAt.getTime()));
    const result: ScheduleTripsResult = { created: [], skipped: [] };
    const seatCount = await seatCountOf(tx, bus.layoutId);
    for (const departsAt of wanted) {
      const skip = (reason: ScheduleTripsResult['skipped'][number]['reason']) =>
        result.skipped.push({ departsAt: departsAt.toISOString(), reason });
      if (departsAt.getTime() <= now.getTime()) skip('past');
      else if (departsAt.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_DAYS * 86_400_000) skip('too_far_ahead');
      else if (taken.has(departsAt.getTime())) skip('exists');
      else if (await busBusyWith(tx, bus.id, departsAt, planTrip(stops, departsAt).arrivesAt)) skip('bus_busy');
      else {
        const created = await insertTrip(
          tx,
          { at: now, actorUserId: actor.userId, origin },
          { organization, route, stops, bus, departsAt },
        );
        result.created.push(toOperatorTrip(created.trip, { routeName: route.name, busName: bus.name, seatCount }, created.stops));
      }
    }
    return result;
  });
}
