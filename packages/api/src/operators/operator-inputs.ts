import { z } from 'zod';
import { DateInput } from '../input-rules';
import { LayoutCellSchema, RouteStopInputSchema } from './operator-schemas';

/**
 * The inputs of the operator office's forms, as the procedures take them (less
 * `organizationId`, which the route supplies). Only zod here: the admin console
 * imports this file (`@fareway/api/operator-inputs`) to validate its forms with
 * the very schemas the server applies.
 */

export const OrganizationInput = z.object({ name: z.string().trim().min(2).max(120), timeZone: z.string().max(64).optional() });

export const MemberInput = z.object({
  email: z.email().optional(),
  phoneNumber: z.string().min(3).max(32).optional(),
  role: z.enum(['owner', 'staff']),
});

export const SeatLayoutInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    rows: z.number().int().min(1).max(40).optional(),
    columns: z.number().int().min(1).max(10).optional(),
    cells: z.array(LayoutCellSchema).max(400).optional(),
    standard: z
      .object({
        rows: z.number().int().min(1).max(40),
        left: z.number().int().min(1).max(4).optional(),
        right: z.number().int().min(1).max(4).optional(),
        fullBackRow: z.boolean().optional(),
        seatClass: z.string().trim().min(1).max(32).optional(),
      })
      .optional(),
  })
  .refine((v) => (v.standard !== undefined) !== (v.cells !== undefined && v.rows !== undefined && v.columns !== undefined), {
    message: 'Give either `standard`, or `rows`, `columns` and `cells`',
    path: ['cells'],
  });

export const BusInput = z.object({
  name: z.string().trim().min(1).max(100),
  registrationNumber: z.string().trim().min(2).max(20),
  layoutId: z.uuid(),
});

export const RouteInput = z.object({
  name: z.string().trim().min(1).max(120),
  currency: z.string().trim().length(3),
  stops: z.array(RouteStopInputSchema).min(2).max(50),
});

export const ScheduleInput = z.object({
  routeId: z.uuid(),
  busId: z.uuid(),
  startDate: DateInput.meta({ examples: ['2026-03-01'] }),
  days: z.number().int().min(1).max(62),
  departureTimes: z
    .array(
      z
        .string()
        .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'expected HH:MM' })
        .meta({ examples: ['06:30'] }),
    )
    .min(1)
    .max(24),
  weekdays: z
    .array(z.number().int().min(1).max(7))
    .min(1)
    .max(7)
    .optional()
    .describe('ISO weekdays to run on, 1 = Monday … 7 = Sunday; omitted = every day'),
});
