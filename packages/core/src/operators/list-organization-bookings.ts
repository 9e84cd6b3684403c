import { type AdminBookingFilters, type AdminBookingRow, listAdminBookings } from '../back-office/list-admin-bookings';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import type { Actor } from '../identity/users';
import { loadOrganizationFor } from '../organizations/organizations';

/**
 * The bookings sold on an operator's trips, filtered and paged like the admin
 * list, for its members (and admins). Security: the organisation filter is
 * forced to the one the caller belongs to, whatever the filters say.
 */
export async function listOrganizationBookings(
  deps: Pick<Deps, 'db' | 'config'>,
  actor: Actor,
  input: Omit<AdminBookingFilters, 'organizationId' | 'vehicleId' | 'kind'> & { organizationId: string },
): Promise<Page<AdminBookingRow>> {
  const { organization } = await loadOrganizationFor(deps.db, actor, input.organizationId);
  return listAdminBookings(deps, { ...input, kind: 'seat', organizationId: organization.id });
}
