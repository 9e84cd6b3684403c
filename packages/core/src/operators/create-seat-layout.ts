import { newId, schema, withTransaction } from '@fareway/db';
import { type LayoutCell, type LayoutGrid, standardSeatLayout, validateSeatLayout } from '@fareway/domain';
import { type RequestOrigin, recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { type PublicSeatLayout, toPublicSeatLayout } from './operator-rows';

export type SeatLayoutInput =
  | { organizationId: string; name: string; rows: number; columns: number; cells: LayoutCell[] }
  | {
      organizationId: string;
      name: string;
      /** Generate the usual coach instead of listing cells. */
      standard: { rows: number; left?: number; right?: number; fullBackRow?: boolean; seatClass?: string };
    };

/** An operator member defines a floor plan (listed cells, or a standard left+aisle+right coach); buses reuse it. */
export async function createSeatLayout(deps: Deps, actor: Actor, input: SeatLayoutInput, origin: RequestOrigin): Promise<PublicSeatLayout> {
  const grid: LayoutGrid =
    'standard' in input ? standardSeatLayout(input.standard) : { rows: input.rows, columns: input.columns, cells: input.cells };
  const { seatCount } = validateSeatLayout(grid);
  return withTransaction(deps.db, async (tx) => {
    await loadOrganizationFor(tx, actor, input.organizationId);
    const now = deps.clock.now();
    const [row] = await tx
      .insert(schema.seatLayouts)
      .values({
        id: newId(),
        organizationId: input.organizationId,
        name: input.name.trim(),
        rows: grid.rows,
        columns: grid.columns,
        cells: grid.cells,
        seatCount,
        createdAt: now,
      })
      .returning();
    if (!row) throw new Error('seat layout insert returned nothing');
    await recordAudit(tx, now, origin, {
      actorUserId: actor.userId,
      action: 'seat_layout.created',
      subjectType: 'seat_layout',
      subjectId: row.id,
      after: { organizationId: row.organizationId, name: row.name, seatCount },
    });
    return toPublicSeatLayout(row);
  });
}
