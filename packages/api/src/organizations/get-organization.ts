import { toPublicOrganization } from '@fareway/core';
import { OrganizationSchema } from '../identity-schemas';
import { orgProcedure } from '../trpc';

export const getOrganization = orgProcedure
  .meta({
    errors: [],
    openapi: { method: 'GET', path: '/organizations/{organizationId}', tags: ['organizations'], summary: 'An organization you belong to' },
  })
  .output(OrganizationSchema)
  .query(({ ctx }) => toPublicOrganization(ctx.organization, ctx.organizationRole));
