import { listUsers as listUsersUseCase } from '@fareway/core';
import { z } from 'zod';
import { PageInput, PageMeta, PublicUserSchema } from '../identity-schemas';
import { adminProcedure } from '../trpc';

export const listUsers = adminProcedure
  .meta({ errors: [], openapi: { method: 'GET', path: '/admin/users', tags: ['admin'], summary: 'Users, newest first (admin)' } })
  .input(PageInput.extend({ search: z.string().trim().max(100).optional() }))
  .output(z.object({ items: z.array(PublicUserSchema), meta: PageMeta }))
  .query(({ ctx, input }) => listUsersUseCase(ctx.deps, input));
