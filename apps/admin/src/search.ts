import { dateParam, enumParam, pageParam, sortParam, textParam } from '@fareway/ui';
import { z } from 'zod';

/** An id in a link ("this vehicle's bookings"); anything else is dropped. */
const uuidParam = z.uuid().optional().catch(undefined);

/**
 * The search params of every console page, validated by the router: filters,
 * sort and page live in the URL, so every view is a shareable link. A bad value
 * is dropped (the page's default view), never an error page.
 */
export const searchSchemas = {
  drivers: z.object({ status: enumParam(['pending', 'approved', 'rejected']), q: textParam, page: pageParam }),
  vehicles: z.object({
    status: enumParam(['pending_review', 'approved', 'suspended', 'rejected', 'draft']),
    q: textParam,
    page: pageParam,
  }),
  // No status means the approval queue; "all" lifts the filter.
  operators: z.object({ status: enumParam(['pending', 'approved', 'suspended', 'all']), page: pageParam }),
  users: z.object({ q: textParam, sort: sortParam, page: pageParam }),
  bookings: z.object({
    status: enumParam(['pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled']),
    kind: enumParam(['rental', 'seat']),
    phone: textParam,
    vehicleId: uuidParam,
    tripId: uuidParam,
    organizationId: uuidParam,
    from: dateParam,
    to: dateParam,
    sort: enumParam(['createdAt.desc', 'createdAt.asc', 'startsAt.desc', 'startsAt.asc']),
    page: pageParam,
  }),
  payments: z.object({
    status: enumParam(['initiated', 'pending', 'completed', 'failed', 'refunded', 'partially_refunded']),
    provider: enumParam(['sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe', 'wallet']),
    phone: textParam,
    from: dateParam,
    to: dateParam,
    page: pageParam,
  }),
  refunds: z.object({
    status: enumParam(['pending', 'succeeded', 'failed']),
    reason: enumParam(['cancellation', 'orphan', 'admin']),
    from: dateParam,
    to: dateParam,
    page: pageParam,
  }),
  settlements: z.object({
    period: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
      .optional()
      .catch(undefined),
    status: enumParam(['draft', 'approved', 'paid']),
    page: pageParam,
  }),
  // s4-dash: the admin's cockpit
  journals: z.object({
    account: textParam,
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/)
      .optional()
      .catch(undefined),
    page: pageParam,
  }),
  notifications: z.object({
    status: enumParam(['queued', 'sending', 'sent', 'failed', 'dead']),
    channel: enumParam(['sms', 'email']),
    page: pageParam,
  }),
  audit: z.object({
    actor: textParam,
    action: textParam,
    subjectType: textParam,
    subjectId: textParam,
    from: dateParam,
    to: dateParam,
    page: pageParam,
  }),
};
