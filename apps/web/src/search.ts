import { BOOKING_STATUSES } from '@fareway/domain';
import { countParam, dateParam, enumParam, pageParam, sortParam, textParam, wallClockParam } from '@fareway/ui';
import { z } from 'zod';

/**
 * The search params of every customer page, validated by the router: filters,
 * sort and page live in the URL, so every view can be shared and survives a
 * reload. A bad value is dropped, never an error page.
 */
export const searchSchemas = {
  /** `/?payment=<id>`: where older gateway returns land; forwarded to the payment's page. */
  home: z.object({ payment: z.uuid().optional().catch(undefined) }),
  cars: z.object({ city: textParam, start: wallClockParam, end: wallClockParam, seats: countParam, page: pageParam }),
  vehicle: z.object({ start: wallClockParam, end: wallClockParam }),
  bus: z.object({ origin: textParam, destination: textParam, date: dateParam, page: pageParam }),
  trip: z.object({ from: countParam, to: countParam }),
  bookings: z.object({ status: enumParam(BOOKING_STATUSES), sort: sortParam, page: pageParam }),
  driver: z.object({ page: pageParam }),
  walletHistory: z.object({ page: pageParam }),
  driverBookings: z.object({ status: enumParam(BOOKING_STATUSES), sort: sortParam, page: pageParam }),
};
