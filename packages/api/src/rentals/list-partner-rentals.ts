import { listPartnerRentals } from '@fareway/core';
import { BOOKING_STATUSES } from '@fareway/domain';
import { z } from 'zod';
import { BookingSchema } from '../bookings/booking-schemas';
import { PageInput, PageMeta } from '../identity-schemas';
import { authedProcedure } from '../trpc';

const PartnerRentalSchema = BookingSchema.extend({
  vehicle: z
    .object({ id: z.uuid(), make: z.string(), model: z.string(), year: z.number().int() })
    .nullable()
    .describe('The rented car, by name'),
  customer: z
    .object({ name: z.string().nullable(), phone: z.string().nullable() })
    .nullable()
    .describe('Who rents it; shown once the rental is paid for'),
});
const Page = z.object({ items: z.array(PartnerRentalSchema), meta: PageMeta });

export const listVehicleRentals = authedProcedure
  .meta({
    errors: ['VEHICLE_NOT_FOUND'],
    openapi: { method: 'GET', path: '/vehicles/{id}/bookings', tags: ['vehicles'], summary: 'Rentals of your vehicle, latest start first' },
  })
  .input(PageInput.extend({ id: z.uuid(), status: z.enum(BOOKING_STATUSES).optional() }))
  .output(Page)
  .query(({ ctx, input }) =>
    listPartnerRentals(ctx.deps, ctx.actor, { vehicleId: input.id, status: input.status, page: input.page, limit: input.limit }),
  );

export const listDriverRentals = authedProcedure
  .meta({
    errors: ['VEHICLE_NOT_FOUND'],
    openapi: { method: 'GET', path: '/driver/bookings', tags: ['vehicles'], summary: 'Rentals of all your vehicles, latest start first' },
  })
  .input(PageInput.extend({ status: z.enum(BOOKING_STATUSES).optional() }))
  .output(Page)
  .query(({ ctx, input }) => listPartnerRentals(ctx.deps, ctx.actor, input));
