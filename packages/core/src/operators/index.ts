import './operator-constraints';

export * from './create-bus';
export * from './create-route';
export * from './create-seat-layout';
export * from './list-buses';
export * from './list-organization-bookings';
export * from './list-organizations';
export * from './list-routes';
export * from './list-seat-layouts';
export * from './operator-rows';
