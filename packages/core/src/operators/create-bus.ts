import { newId, schema, withTransaction } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, eq } from 'drizzle-orm';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicBus, toPublicBus } from './operator-rows';

/** A bus of the operator, seated by one of the operator's own layouts. */
export async function createBus(
  deps: Deps,
  actor: Actor,
  input: { organizationId: string; name: string; registrationNumber: string; layoutId: string },
  origin: RequestOrigin,
): Promise<PublicBus> {
  return withTransaction(deps.db, async (tx) => {
    await loadOrganizationFor(tx, actor, input.organizationId);
    const [layout] = await tx
      .select({ id: schema.seatLayouts.id, seatCount: schema.seatLayouts.seatCount })
      .from(schema.seatLayouts)
      .where(and(eq(schema.seatLayouts.id, input.layoutId), eq(schema.seatLayouts.organizationId, input.organizationId)));
    // Another operator's layout answers like a missing one.
    if (!layout)
      throw new AppError('VALIDATION_ERROR', 'No such seat layout in this organization', {
        details: [{ path: 'layoutId', message: 'unknown layout' }],
      });
    const now = deps.clock.now();
    const [row] = await tx
      .insert(schema.buses)
      .values({
        id: newId(),
        organizationId: input.organizationId,
        name: input.name.trim(),
        registrationNumber: input.registrationNumber.trim().toUpperCase(),
        layoutId: layout.id,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (!row) throw new Error('bus insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'bus.created',
      subjectType: 'bus',
      subjectId: row.id,
      after: { organizationId: row.organizationId, registrationNumber: row.registrationNumber, layoutId: row.layoutId },
    });
    return toPublicBus(row, layout.seatCount);
  });
}
