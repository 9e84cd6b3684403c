import { PARTNER_EVENT_TYPES } from '@fareway/domain';
import { z } from 'zod';
import { PageInput, PageMeta } from '../identity-schemas';

/** Where the two kinds of endpoint live in REST: an operator's own, and the platform's (admins). */
export const ORG_ENDPOINTS = '/organizations/{organizationId}/webhook-endpoints';
export const PLATFORM_ENDPOINTS = '/admin/webhook-endpoints';

/** An endpoint named in the path. */
export const EndpointInput = z.object({ endpointId: z.uuid() });

export const PartnerEventTypeSchema = z.enum(PARTNER_EVENT_TYPES);

export const WebhookEndpointInput = z.object({
  url: z.string().trim().min(1).max(2048),
  events: z.array(PartnerEventTypeSchema).min(1).max(PARTNER_EVENT_TYPES.length),
  description: z.string().trim().max(200).optional(),
});

export const WebhookEndpointSchema = z.object({
  id: z.uuid(),
  organizationId: z.uuid().nullable(),
  url: z.string(),
  events: z.array(z.string()),
  description: z.string().nullable(),
  status: z.enum(['active', 'disabled']),
  consecutiveFailures: z.number().int(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable(),
  previousSecretExpiresAt: z.string().nullable(),
  createdAt: z.string(),
});

/** Only creation and rotation answer with the secret, and never again. */
export const WebhookEndpointWithSecretSchema = WebhookEndpointSchema.extend({ secret: z.string() });

export const WebhookEndpointPage = z.object({ items: z.array(WebhookEndpointSchema), meta: PageMeta });

export const WebhookDeliverySchema = z.object({
  eventId: z.uuid(),
  type: z.string(),
  status: z.enum(['pending', 'succeeded', 'failed']),
  attempts: z.number().int(),
  lastResponseStatus: z.number().int().nullable(),
  lastDurationMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  deliveredAt: z.string().nullable(),
  createdAt: z.string(),
});

export const WebhookDeliveryPageInput = PageInput.extend({
  endpointId: z.uuid(),
  status: z.enum(['pending', 'succeeded', 'failed']).optional(),
});
export const WebhookDeliveryPage = z.object({ items: z.array(WebhookDeliverySchema), meta: PageMeta });

export const WebhookEndpointUpdateInput = WebhookEndpointInput.partial().extend({
  endpointId: z.uuid(),
  description: z.string().trim().max(200).nullable().optional(),
  status: z.enum(['active', 'disabled']).optional(),
});
