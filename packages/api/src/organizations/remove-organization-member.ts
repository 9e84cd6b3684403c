import { removeOrganizationMember as removeOrganizationMemberUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { orgProcedure } from '../trpc';

export const removeOrganizationMember = orgProcedure
  .meta({
    errors: ['USER_NOT_FOUND'],
    openapi: {
      method: 'DELETE',
      path: '/organizations/{organizationId}/members/{userId}',
      tags: ['organizations'],
      summary: 'Remove a member (owners); the last owner stays',
    },
  })
  .input(z.object({ userId: z.uuid() }))
  .output(z.object({ organizationId: z.uuid(), userId: z.uuid(), removed: z.literal(true) }))
  .mutation(({ ctx, input }) => removeOrganizationMemberUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
