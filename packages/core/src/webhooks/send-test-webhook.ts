import { withTransaction } from '@fareway/db';
import { PARTNER_TEST_EVENT } from '@fareway/domain';
import type { Deps } from '../deps';
import type { Actor } from '../identity/users';
import { emitPartnerEvents } from './emit-partner-event';
import { loadWebhookEndpointFor, type WebhookScope } from './webhook-endpoints';

/** Queues an `endpoint.test` event for this one endpoint, signed and delivered like any other. */
export async function sendTestWebhook(
  deps: Deps,
  actor: Actor,
  scope: WebhookScope,
  input: { endpointId: string },
): Promise<{ eventId: string }> {
  return withTransaction(deps.db, async (tx) => {
    const endpoint = await loadWebhookEndpointFor(tx, actor, scope, input.endpointId);
    const now = deps.clock.now();
    const [written] = await emitPartnerEvents(
      tx,
      [
        {
          type: PARTNER_TEST_EVENT,
          organizationId: endpoint.organizationId,
          data: { endpointId: endpoint.id, message: 'Test event from Fareway' },
        },
      ],
      now,
      { onlyEndpointId: endpoint.id },
    );
    if (!written) throw new Error('test event not written');
    return { eventId: written.eventId };
  });
}
