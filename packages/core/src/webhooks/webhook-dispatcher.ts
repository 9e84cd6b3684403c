import { rawClient } from '@fareway/db';
import type { Deps } from '../deps';
import { deliverDueWebhooks } from './deliver-webhooks';
import { PARTNER_WEBHOOKS_CHANNEL } from './emit-partner-event';

export interface WebhookDispatcher {
  /** Runs a round now (and another after it if one was asked for meanwhile). */
  kick(): void;
  /** Resolves when no round is running. */
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The worker's partner-webhook loop: woken by NOTIFY when a transaction writes a
 * delivery (so it starts at once), and by a timer for retries that come due. If
 * the LISTEN connection drops, the timer alone keeps deliveries moving.
 */
export async function startWebhookDispatcher(deps: Deps, options: { pollMs?: number } = {}): Promise<WebhookDispatcher> {
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = async () => {
    do {
      again = false;
      try {
        // A full batch means more may be due right now.
        for (let round = await deliverDueWebhooks(deps); round.attempted >= 50 && !stopped; round = await deliverDueWebhooks(deps)) {}
      } catch (error) {
        deps.log.warn({ err: error }, 'partner webhook delivery round failed');
      }
    } while (again && !stopped);
  };
  const kick = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = run().finally(() => {
      running = null;
    });
  };
  let unlisten: (() => Promise<void>) | undefined;
  try {
    const subscription = await rawClient(deps.db).listen(PARTNER_WEBHOOKS_CHANNEL, () => kick());
    unlisten = () => subscription.unlisten();
  } catch (error) {
    deps.log.warn({ err: error }, 'partner webhooks: LISTEN failed, polling only');
  }
  const timer = setInterval(kick, options.pollMs ?? 5_000);
  timer.unref();
  kick();
  return {
    kick,
    async idle() {
      while (running) await running;
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await unlisten?.().catch(() => {});
      while (running) await running;
    },
  };
}
