import { enumParam, pageParam, sortParam, textParam } from '@fareway/ui';
import { z } from 'zod';

/**
 * The search params of every console page, validated by the router: filters,
 * sort and page live in the URL, so every view is a shareable link. A bad value
 * is dropped (the page's default view), never an error page.
 */
export const searchSchemas = {
  drivers: z.object({ status: enumParam(['pending', 'approved', 'rejected']), page: pageParam }),
  vehicles: z.object({ status: enumParam(['pending_review', 'approved', 'suspended', 'rejected', 'draft']), page: pageParam }),
  // No status means the approval queue; "all" lifts the filter.
  operators: z.object({ status: enumParam(['pending', 'approved', 'suspended', 'all']), page: pageParam }),
  users: z.object({ q: textParam, sort: sortParam, page: pageParam }),
};
