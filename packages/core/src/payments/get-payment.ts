import { schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';
import { type Actor, isAdmin } from '../identity/users';
import { type PaymentRow, type PublicPayment, toPublicPayment } from './public-payment';

/** `GET /payments/{id}`: its customer or an admin; anyone else is told it does not exist. */
export async function getPayment(deps: Pick<Deps, 'db'>, actor: Actor, paymentId: string): Promise<PublicPayment> {
  const [row] = await deps.db.select().from(schema.payments).where(eq(schema.payments.id, paymentId)).limit(1);
  if (!row || (row.customerId !== actor.userId && !isAdmin(actor))) throw new AppError('PAYMENT_NOT_FOUND', 'No such payment');
  return toPublicPayment(row);
}

/** The intent row by id, without an access check: for the server's own pages (sandbox, gateway returns). */
export async function findPayment(deps: Pick<Deps, 'db'>, paymentId: string): Promise<PaymentRow | undefined> {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(paymentId)) return undefined;
  const [row] = await deps.db.select().from(schema.payments).where(eq(schema.payments.id, paymentId)).limit(1);
  return row;
}
