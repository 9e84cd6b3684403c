import { countParam, enumParam, pageParam, textParam } from '@fareway/ui';
import { z } from 'zod';

/** The operator office's search params (TanStack Router `validateSearch`): a bad value is dropped, never an error page. */
export const officeSearch = {
  trips: z.object({ status: enumParam(['scheduled', 'boarding', 'departed', 'completed', 'cancelled']), page: pageParam }),
  /** The leg whose seats the trip page shows (0-based stop positions). */
  trip: z.object({ from: countParam, to: countParam }),
  bookings: z.object({
    status: enumParam(['pending', 'confirmed', 'active', 'completed', 'expired', 'cancelled']),
    phone: textParam,
    page: pageParam,
  }),
  settlements: z.object({ page: pageParam }),
};
