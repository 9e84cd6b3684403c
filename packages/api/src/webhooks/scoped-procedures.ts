import type { Actor, Deps, WebhookScope } from '@fareway/core';
import type { ErrorCode } from '@fareway/domain';
import type { TRPCMutationProcedure, TRPCQueryProcedure } from '@trpc/server';
import type { OpenApiMeta } from 'trpc-to-openapi';
import type { z } from 'zod';
import { originOf } from '../identity-schemas';
import { adminProcedure, type ErrorsMeta, orgProcedure } from '../trpc';
import { ORG_ENDPOINTS, PLATFORM_ENDPOINTS } from './webhook-schemas';

/** What a webhook operation needs from either scope's context. */
export interface ScopedCall {
  deps: Deps;
  actor: Actor;
  scope: WebhookScope;
  origin: ReturnType<typeof originOf>;
}

interface ScopedSpec<I extends z.ZodObject, O extends z.ZodType> {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** After the endpoints' prefix, e.g. `/{endpointId}/rotate-secret` (empty for the collection). */
  path: string;
  summary: string;
  /** Told apart in the document where the two would otherwise read the same. */
  summaries?: { org: string; platform: string };
  errors: ErrorCode[];
  input: I;
  output: O;
  run(call: ScopedCall, input: z.infer<I>): Promise<z.input<O>>;
}

const meta = (
  spec: { method: ScopedSpec<z.ZodObject, z.ZodType>['method']; path: string; errors: ErrorCode[] },
  prefix: string,
  summary: string,
) => ({
  errors: spec.errors,
  openapi: { method: spec.method, path: `${prefix}${spec.path}` as `/${string}`, tags: ['webhooks'], summary },
});

/** The procedures' types, as the router's clients see them (the builder's own inference is lost on generic parsers). */
type Types<I extends z.ZodObject, O extends z.ZodType, Scope> = {
  input: z.input<I> & Scope;
  output: z.output<O>;
  meta: OpenApiMeta<ErrorsMeta>;
};
type OrgScope = { organizationId: string };

/**
 * One webhook-endpoint operation in both scopes: an organisation's own
 * endpoints (owners and admins, under /organizations/{organizationId}) and the
 * platform's (admins, under /admin), which hear every organisation's events.
 * The use case is the same; only the scope differs.
 */
function scoped<I extends z.ZodObject, O extends z.ZodType>(spec: ScopedSpec<I, O>) {
  const org = orgProcedure
    .meta(meta(spec, ORG_ENDPOINTS, spec.summaries?.org ?? spec.summary))
    .input(spec.input as z.ZodObject)
    .output(spec.output as z.ZodType);
  const platform = adminProcedure
    .meta(meta(spec, PLATFORM_ENDPOINTS, spec.summaries?.platform ?? spec.summary))
    .input(spec.input as z.ZodObject)
    .output(spec.output as z.ZodType);
  const orgCall = (ctx: Omit<ScopedCall, 'scope' | 'origin'> & Parameters<typeof originOf>[0], organizationId: string | null) => ({
    deps: ctx.deps,
    actor: ctx.actor,
    scope: { organizationId },
    origin: originOf(ctx),
  });
  return { org, platform, orgCall };
}

export function scopedQuery<I extends z.ZodObject, O extends z.ZodType>(spec: ScopedSpec<I, O>) {
  const { org, platform, orgCall } = scoped(spec);
  return {
    org: org.query(({ ctx, input }) => spec.run(orgCall(ctx, input.organizationId), input as z.infer<I>)) as unknown as TRPCQueryProcedure<
      Types<I, O, OrgScope>
    >,
    platform: platform.query(({ ctx, input }) => spec.run(orgCall(ctx, null), input as z.infer<I>)) as unknown as TRPCQueryProcedure<
      Types<I, O, unknown>
    >,
  };
}

export function scopedMutation<I extends z.ZodObject, O extends z.ZodType>(spec: ScopedSpec<I, O>) {
  const { org, platform, orgCall } = scoped(spec);
  return {
    org: org.mutation(({ ctx, input }) =>
      spec.run(orgCall(ctx, input.organizationId), input as z.infer<I>),
    ) as unknown as TRPCMutationProcedure<Types<I, O, OrgScope>>,
    platform: platform.mutation(({ ctx, input }) => spec.run(orgCall(ctx, null), input as z.infer<I>)) as unknown as TRPCMutationProcedure<
      Types<I, O, unknown>
    >,
  };
}
