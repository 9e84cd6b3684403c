import type { SettlementStatus } from '@fareway/db/schema';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';
import { listSettlements } from './list-settlements';
import type { PublicSettlement } from './public-settlement';

/**
 * One operator's statements, for its owners (and admins). Security: statements
 * are money owed to the organisation, so staff are refused like on the other
 * owner-only actions; a stranger is told the organisation does not exist.
 */
export async function listOrganizationSettlements(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { organizationId: string; page: number; limit: number; period?: string; status?: SettlementStatus },
): Promise<Page<PublicSettlement>> {
  const { organization } = await loadOrganizationFor(deps.db, actor, input.organizationId, 'owner');
  return listSettlements(deps, null, { ...input, organizationId: organization.id });
}
