import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { login } from './auth/login';
import { logout } from './auth/logout';
import { logoutAll } from './auth/logout-all';
import { me } from './auth/me';
import { sendOtp } from './auth/send-otp';
import { updateProfile } from './auth/update-profile';
import { verifyOtp } from './auth/verify-otp';
import { cancelBooking } from './bookings/cancel-booking';
import { getBooking } from './bookings/get-booking';
import { listBookings } from './bookings/list-bookings';
import { addOrganizationMember } from './organizations/add-organization-member';
import { createOrganization } from './organizations/create-organization';
import { getOrganization } from './organizations/get-organization';
import { setOrganizationStatus } from './organizations/set-organization-status';
import { getStatus } from './system/get-status';
import { createCallerFactory, router } from './trpc';
import { listUsers } from './users/list-users';
import { setUserRoles } from './users/set-user-roles';
import { setUserStatus } from './users/set-user-status';

export const appRouter = router({
  system: router({
    status: getStatus,
  }),
  auth: router({ sendOtp, verifyOtp, login, logout, logoutAll, me, updateProfile }),
  users: router({ list: listUsers, setStatus: setUserStatus, setRoles: setUserRoles }),
  organizations: router({
    create: createOrganization,
    get: getOrganization,
    addMember: addOrganizationMember,
    setStatus: setOrganizationStatus,
  }),
  bookings: router({
    list: listBookings,
    get: getBooking,
    cancel: cancelBooking,
  }),
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The server-side caller tests and scripts use to drive procedures without HTTP. */
export const createCaller = createCallerFactory(appRouter);
