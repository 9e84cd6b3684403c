import { addOrganizationMember as addOrganizationMemberUseCase } from '@fareway/core';
import { z } from 'zod';
import { originOf } from '../identity-schemas';
import { MemberInput } from '../operators/operator-inputs';
import { orgProcedure } from '../trpc';

export const addOrganizationMember = orgProcedure
  .meta({
    errors: ['USER_NOT_FOUND'],
    openapi: {
      method: 'POST',
      path: '/organizations/{organizationId}/members',
      tags: ['organizations'],
      summary: 'Add or change a member (owners)',
    },
  })
  .input(MemberInput)
  .output(z.object({ organizationId: z.uuid(), userId: z.uuid(), role: z.enum(['owner', 'staff']) }))
  .mutation(({ ctx, input }) => addOrganizationMemberUseCase(ctx.deps, ctx.actor, input, originOf(ctx)));
