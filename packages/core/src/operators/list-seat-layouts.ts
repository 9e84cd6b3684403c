import { schema } from '@fareway/db';
import { asc, eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicSeatLayout, toPublicSeatLayout } from './operator-rows';

export async function listSeatLayouts(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { organizationId: string },
): Promise<PublicSeatLayout[]> {
  await loadOrganizationFor(deps.db, actor, input.organizationId);
  const rows = await deps.db
    .select()
    .from(schema.seatLayouts)
    .where(eq(schema.seatLayouts.organizationId, input.organizationId))
    .orderBy(asc(schema.seatLayouts.createdAt), asc(schema.seatLayouts.id));
  return rows.map(toPublicSeatLayout);
}
