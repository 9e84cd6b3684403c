import { newId, schema, type Transaction } from '@fareway/db';
import { queues } from '@fareway/jobs';
import { eq } from 'drizzle-orm';
import type { Deps } from '../deps';

/** Writes an SMS to the notifications outbox and enqueues its delivery, in the caller's transaction. */
export async function queueCustomerSms(
  tx: Transaction,
  deps: Pick<Deps, 'jobs'>,
  input: { userId: string; kind: string; body: string; at: Date },
): Promise<string | null> {
  const [user] = await tx.select({ phone: schema.users.phone }).from(schema.users).where(eq(schema.users.id, input.userId)).limit(1);
  if (!user?.phone) return null;
  const id = newId();
  await tx.insert(schema.notifications).values({
    id,
    channel: 'sms',
    recipient: user.phone,
    kind: input.kind,
    body: input.body,
    createdAt: input.at,
  });
  await deps.jobs.send(tx, queues.sendSms, { notificationId: id });
  return id;
}
