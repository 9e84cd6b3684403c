import { listOrganizationMembers as listOrganizationMembersUseCase } from '@fareway/core';
import { z } from 'zod';
import { PersonSchema } from '../back-office/back-office-schemas';
import { orgProcedure } from '../trpc';

export const listOrganizationMembers = orgProcedure
  .meta({
    errors: [],
    openapi: {
      method: 'GET',
      path: '/organizations/{organizationId}/members',
      tags: ['organizations'],
      summary: 'Who works for an organization you belong to: owners first',
    },
  })
  .output(
    z.object({
      items: z.array(z.object({ user: PersonSchema, role: z.enum(['owner', 'staff']), addedAt: z.iso.datetime({ offset: true }) })),
    }),
  )
  .query(({ ctx, input }) => listOrganizationMembersUseCase(ctx.deps, ctx.actor, input));
