import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { getDashboard } from './admin-dashboard/get-dashboard';
import { listJobs } from './admin-jobs/list-jobs';
import { retryJobs } from './admin-jobs/retry-jobs';
import { runJob } from './admin-jobs/run-job';
import { getTrialBalance } from './admin-ledger/get-trial-balance';
import { listLedgerJournals } from './admin-ledger/list-ledger-journals';
import { listNotifications } from './admin-notifications/list-notifications';
import { login } from './auth/login';
import { logout } from './auth/logout';
import { logoutAll } from './auth/logout-all';
import { me } from './auth/me';
import { refresh } from './auth/refresh';
import { register } from './auth/register';
import { sendOtp } from './auth/send-otp';
import { updateProfile } from './auth/update-profile';
import { verifyOtp } from './auth/verify-otp';
import { getAdminBooking } from './back-office/get-admin-booking';
import { getAdminPayment } from './back-office/get-admin-payment';
import { listAdminBookings } from './back-office/list-admin-bookings';
import { listAdminPayments } from './back-office/list-admin-payments';
import { listAdminRefunds } from './back-office/list-admin-refunds';
import { listAuditLog } from './back-office/list-audit-log';
import { refundAdminBooking } from './back-office/refund-admin-booking';
import { retryAdminRefund } from './back-office/retry-admin-refund';
import { cancelBooking } from './bookings/cancel-booking';
import { createBooking } from './bookings/create-booking';
import { getBooking } from './bookings/get-booking';
import { listBookings } from './bookings/list-bookings';
import { reserveSeats } from './bookings/reserve-seats';
import { applyAsDriver } from './drivers/apply-as-driver';
import { getMyDriverApplication } from './drivers/get-my-driver-application';
import { listDriverApplications } from './drivers/list-driver-applications';
import { approveDriverApplication, rejectDriverApplication } from './drivers/review-driver-application';
import { listMyOrganizations } from './operators/list-my-organizations';
import { listOrganizations } from './operators/list-organizations';
import { operatorsRouter } from './operators/operators-router';
import { addOrganizationMember } from './organizations/add-organization-member';
import { createOrganization } from './organizations/create-organization';
import { getOrganization } from './organizations/get-organization';
import { listOrganizationMembers } from './organizations/list-organization-members';
import { removeOrganizationMember } from './organizations/remove-organization-member';
import { setOrganizationStatus } from './organizations/set-organization-status';
import { getPayment } from './payments/get-payment';
import { initiatePayment } from './payments/initiate-payment';
import { processPayment } from './payments/process-payment';
import { completeRental, startRental } from './rentals/hand-over-rental';
import { listDriverRentals, listVehicleRentals } from './rentals/list-partner-rentals';
import {
  approveSettlement,
  exportSettlements,
  getAnySettlement,
  listAllSettlements,
  markSettlementPaid,
} from './settlements/admin-settlements';
import { getMySettlement } from './settlements/get-my-settlement';
import { listMySettlements } from './settlements/list-my-settlements';
import { getFullStatus } from './system/get-full-status';
import { getStatus } from './system/get-status';
import { getReceipt } from './tickets/get-receipt';
import { getTicket } from './tickets/get-ticket';
import { verifyTicket } from './tickets/verify-ticket';
import { findSeatAlternatives } from './trips/find-seat-alternatives';
import { tripsRouter } from './trips/trips-router';
import { createCallerFactory, router } from './trpc';
import { getAdminUser } from './users/get-admin-user';
import { listUsers } from './users/list-users';
import { setUserRoles } from './users/set-user-roles';
import { setUserStatus } from './users/set-user-status';
import { createVehicle } from './vehicles/create-vehicle';
import { findVehicleAlternatives } from './vehicles/find-vehicle-alternatives';
import { getVehicle } from './vehicles/get-vehicle';
import { listMyVehicles, listVehiclesForReview } from './vehicles/list-vehicles';
import { approveVehicle, reinstateVehicle, rejectVehicle, suspendVehicle } from './vehicles/review-vehicle';
import { searchVehicles } from './vehicles/search-vehicles';
import { submitVehicle } from './vehicles/submit-vehicle';
import { updateVehicle } from './vehicles/update-vehicle';
import { createBlackout, deleteBlackout, listBlackouts } from './vehicles/vehicle-blackouts';
import { addVehiclePhoto, removeVehiclePhoto } from './vehicles/vehicle-photos';
import { getWallet } from './wallet/get-wallet';
import { listWalletMoves } from './wallet/list-wallet-moves';
import { topUpWallet } from './wallet/top-up-wallet';
import { orgWebhookEndpointsRouter, platformWebhookEndpointsRouter } from './webhooks/webhooks-router';

export const appRouter = router({
  system: router({
    status: getStatus,
    fullStatus: getFullStatus,
  }),
  auth: router({ sendOtp, verifyOtp, login, logout, logoutAll, me, updateProfile, refresh }),
  users: router({ list: listUsers, get: getAdminUser, setStatus: setUserStatus, setRoles: setUserRoles }),
  organizations: router({
    create: createOrganization,
    get: getOrganization,
    addMember: addOrganizationMember,
    // s5-console: the office's member list
    members: listOrganizationMembers,
    removeMember: removeOrganizationMember,
    setStatus: setOrganizationStatus,
    list: listOrganizations,
    mine: listMyOrganizations,
    webhookEndpoints: orgWebhookEndpointsRouter,
  }),
  operators: operatorsRouter,
  trips: tripsRouter,
  bookings: router({
    list: listBookings,
    get: getBooking,
    cancel: cancelBooking,
    create: createBooking,
    reserve: reserveSeats,
  }),
  payments: router({ initiate: initiatePayment, process: processPayment, get: getPayment }),
  wallet: router({ get: getWallet, topUp: topUpWallet }),
  ledger: router({ trialBalance: getTrialBalance, journals: listLedgerJournals }),
  drivers: router({
    submitApplication: applyAsDriver,
    myApplication: getMyDriverApplication,
    listApplications: listDriverApplications,
    approveApplication: approveDriverApplication,
    rejectApplication: rejectDriverApplication,
  }),
  vehicles: router({
    search: searchVehicles,
    get: getVehicle,
    create: createVehicle,
    update: updateVehicle,
    submit: submitVehicle,
    listMine: listMyVehicles,
    addPhoto: addVehiclePhoto,
    removePhoto: removeVehiclePhoto,
    listForReview: listVehiclesForReview,
    approve: approveVehicle,
    reject: rejectVehicle,
    suspend: suspendVehicle,
    reinstate: reinstateVehicle,
    createBlackout,
    deleteBlackout,
    listBlackouts,
  }),
  admin: router({
    jobs: router({ list: listJobs, run: runJob, retry: retryJobs }),
    webhookEndpoints: platformWebhookEndpointsRouter,
    bookings: router({ list: listAdminBookings, get: getAdminBooking, refund: refundAdminBooking }),
    payments: router({ list: listAdminPayments, get: getAdminPayment }),
    refunds: router({ list: listAdminRefunds, retry: retryAdminRefund }),
    audit: router({ list: listAuditLog }),
    // s4-dash: the admin's cockpit
    dashboard: getDashboard,
    notifications: router({ list: listNotifications }),
    settlements: router({
      list: listAllSettlements,
      get: getAnySettlement,
      approve: approveSettlement,
      markPaid: markSettlementPaid,
      exportCsv: exportSettlements,
    }),
  }),
  settlements: router({ list: listMySettlements, get: getMySettlement }),
  // Issue 13 (the traveller's journey): e-tickets, receipts, wallet history, alternatives, email accounts.
  journey: router({
    register,
    ticket: getTicket,
    receipt: getReceipt,
    verifyTicket,
    walletMoves: listWalletMoves,
    vehicleAlternatives: findVehicleAlternatives,
    seatAlternatives: findSeatAlternatives,
  }),
  rentals: router({
    start: startRental,
    complete: completeRental,
    listForVehicle: listVehicleRentals,
    listForDriver: listDriverRentals,
  }),
});

export type AppRouter = typeof appRouter;
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** The server-side caller tests and scripts use to drive procedures without HTTP. */
export const createCaller = createCallerFactory(appRouter);
