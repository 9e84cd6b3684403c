import { cancelTrip } from '../trips/cancel-trip';
import { createTrip } from '../trips/create-trip';
import { getTripManifest } from '../trips/get-trip-manifest';
import { listOrganizationTrips } from '../trips/list-organization-trips';
import { previewTripCancellation } from '../trips/preview-trip-cancellation';
import { scheduleTrips } from '../trips/schedule-trips';
import { setTripStatus } from '../trips/set-trip-status';
import { router } from '../trpc';
import { createBus } from './create-bus';
import { createRoute } from './create-route';
import { createSeatLayout } from './create-seat-layout';
import { listBuses } from './list-buses';
import { listOrganizationBookings } from './list-organization-bookings';
import { listOrganizationSettlements } from './list-organization-settlements';
import { listRoutes } from './list-routes';
import { listSeatLayouts } from './list-seat-layouts';

/** An operator's own inventory and trips (members and admins; everyone else is told the organization does not exist). */
export const operatorsRouter = router({
  createLayout: createSeatLayout,
  listLayouts: listSeatLayouts,
  createBus,
  listBuses,
  createRoute,
  listRoutes,
  createTrip,
  scheduleTrips,
  listTrips: listOrganizationTrips,
  setTripStatus,
  cancelTrip,
  tripManifest: getTripManifest,
  cancelTripPreview: previewTripCancellation,
  listBookings: listOrganizationBookings,
  listSettlements: listOrganizationSettlements,
});
