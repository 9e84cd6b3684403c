import { z } from 'zod';
import { MAX_PAGE } from './input-rules';

export const PublicUserSchema = z.object({
  id: z.uuid(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
  locale: z.enum(['en', 'si', 'ta']).nullable(),
  roles: z.array(z.enum(['customer', 'driver', 'admin'])),
  status: z.enum(['active', 'suspended']),
  createdAt: z.iso.datetime({ offset: true }),
});

export const SignedInSchema = z.object({
  token: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
  user: PublicUserSchema,
});

export const OrganizationSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  status: z.enum(['pending', 'approved', 'suspended']),
  timeZone: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  myRole: z.enum(['owner', 'staff']).nullable(),
});

export const PageMeta = z.object({ page: z.number().int(), limit: z.number().int(), total: z.number().int() });

export const PageInput = z.object({
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Where an action came from, for the audit log. */
export function originOf(ctx: { ip: string; requestId: string; userAgent: string | null }) {
  return { ip: ctx.ip, requestId: ctx.requestId, userAgent: ctx.userAgent };
}
