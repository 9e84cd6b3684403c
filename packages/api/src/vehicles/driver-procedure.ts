import { AppError } from '@fareway/domain';
import { authedProcedure } from '../trpc';

/** Approved drivers only (the role is read from the database on every request, so approval takes effect at once). */
export const driverProcedure = authedProcedure.use(async ({ ctx, next }) => {
  if (!ctx.actor.roles.includes('driver')) throw new AppError('FORBIDDEN', 'Only approved drivers can do that; apply as a driver first');
  return next();
});
