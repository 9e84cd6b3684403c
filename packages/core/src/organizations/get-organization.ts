import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { loadOrganizationFor, type PublicOrganization, toPublicOrganization } from './organizations';

export async function getOrganization(
  deps: Pick<Deps, 'db'>,
  actor: Actor,
  input: { organizationId: string },
): Promise<PublicOrganization> {
  const { organization, role } = await loadOrganizationFor(deps.db, actor, input.organizationId);
  return toPublicOrganization(organization, role);
}
