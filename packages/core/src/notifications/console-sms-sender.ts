import { randomUUID } from 'node:crypto';
import type { SmsMessage, SmsSender, SmsSendResult } from './sms-sender';

export interface ConsoleSmsSenderOptions {
  log: { info(obj: object, msg: string): void };
  /** Log message bodies (they hold sign-in codes). Development only: production must never set this. */
  revealBody: boolean;
}

export interface ConsoleOutboxEntry {
  to: string;
  body: string;
  at: Date;
}

const OUTBOX_LIMIT = 100;

/** `+94771234567` → `+94*******567`: the country-code hint and the last 3 digits, a fixed-width mask between. */
function maskPhone(to: string): string {
  if (to.length <= 3) return '*'.repeat(to.length);
  const tail = to.slice(-3);
  const head = to.startsWith('+') && to.length >= 9 ? to.slice(0, 3) : '';
  return `${head}*******${tail}`;
}

/**
 * Development SMS "delivery": logs the message and keeps it in memory, so a
 * developer (or a test) can read the code back with `lastTo`. The outbox holds
 * the full body; only the log hides it unless `revealBody` is set.
 */
export class ConsoleSmsSender implements SmsSender {
  readonly name = 'console';
  /** The last 100 messages sent, newest last. */
  readonly outbox: ConsoleOutboxEntry[] = [];
  readonly #log: ConsoleSmsSenderOptions['log'];
  readonly #revealBody: boolean;

  constructor(options: ConsoleSmsSenderOptions) {
    this.#log = options.log;
    this.#revealBody = options.revealBody;
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    const providerMessageId = `console-${randomUUID()}`;
    this.outbox.push({ to: message.to, body: message.body, at: new Date() });
    if (this.outbox.length > OUTBOX_LIMIT) this.outbox.splice(0, this.outbox.length - OUTBOX_LIMIT);
    this.#log.info(
      {
        provider: this.name,
        providerMessageId,
        to: maskPhone(message.to),
        body: this.#revealBody ? message.body : '[hidden]',
      },
      'sms sent (console)',
    );
    return { provider: this.name, providerMessageId };
  }

  /** The newest message sent to `phone`, if any. */
  lastTo(phone: string): ConsoleOutboxEntry | undefined {
    for (let i = this.outbox.length - 1; i >= 0; i--) {
      const entry = this.outbox[i];
      if (entry?.to === phone) return entry;
    }
    return undefined;
  }
}
