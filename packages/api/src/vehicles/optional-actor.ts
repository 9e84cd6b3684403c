import type { Actor } from '@fareway/core';
import type { Context } from '../context';

/**
 * Public reads that show more to the owner or an admin: the caller, when a
 * valid session came along; anyone else (no token, a stale one) is anonymous.
 */
export async function optionalActor(ctx: Context): Promise<Actor | null> {
  if (!ctx.credentials) return null;
  try {
    const session = await ctx.validateSession(ctx.credentials.token);
    return { userId: session.user.id, roles: session.user.roles, sessionId: session.sessionId };
  } catch {
    return null;
  }
}
