import { DeliveryError, parseJsonObject, postForm } from './delivery-error';
import { E164, type SmsMessage, type SmsSender, type SmsSendResult } from './sms-sender';

export interface NotifyLkSmsSenderOptions {
  userId: string;
  apiKey: string;
  /** The approved sender id (mask) shown to the recipient, e.g. `Fareway`. */
  senderId: string;
  /** Defaults to `https://app.notify.lk/api/v1`. */
  baseUrl?: string;
  /** Whole request, response body included. Defaults to 10 s. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

const PROVIDER = 'notify-lk';
const MAX_PROVIDER_MESSAGE = 200;

/** True when the body cannot go as plain GSM-7 (a simple check: anything beyond ASCII). */
function needsUnicode(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    if (body.charCodeAt(i) > 127) return true;
  }
  return false;
}

/**
 * Notify.lk (https://app.notify.lk) SMS gateway. Parameters go form-encoded in
 * a POST body, never in the URL, so the API key stays out of access logs; no
 * error message ever carries it.
 */
export class NotifyLkSmsSender implements SmsSender {
  readonly name = PROVIDER;
  readonly #userId: string;
  readonly #apiKey: string;
  readonly #senderId: string;
  readonly #sendUrl: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: NotifyLkSmsSenderOptions) {
    const { userId, apiKey, senderId, baseUrl = 'https://app.notify.lk/api/v1', timeoutMs = 10_000 } = options;
    if (!userId || !apiKey || !senderId) throw new Error('NotifyLkSmsSender needs userId, apiKey and senderId');
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new Error('NotifyLkSmsSender timeoutMs must be a positive number');
    this.#userId = userId;
    this.#apiKey = apiKey;
    this.#senderId = senderId;
    this.#sendUrl = `${baseUrl.replace(/\/+$/, '')}/send`;
    this.#timeoutMs = timeoutMs;
    // Looked up per call by default, so a stubbed global fetch is honoured.
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    if (!E164.test(message.to)) {
      throw new DeliveryError(PROVIDER, 'recipient is not an E.164 phone number (expected +<country code><number>)', false);
    }
    const form = new URLSearchParams({
      user_id: this.#userId,
      api_key: this.#apiKey,
      sender_id: this.#senderId,
      to: message.to.slice(1),
      message: message.body,
    });
    if (needsUnicode(message.body)) form.set('type', 'unicode');

    const { status, text } = await postForm(this.#fetch, this.#sendUrl, form, {
      provider: PROVIDER,
      label: 'Notify.lk',
      timeoutMs: this.#timeoutMs,
      redact: (t) => this.#redact(t),
    });

    const body = parseJsonObject<NotifyLkBody>(text);
    const providerMessage = body?.message === undefined ? '' : `: ${this.#clean(body.message)}`;

    if (status === 429 || status >= 500) {
      throw new DeliveryError(PROVIDER, `Notify.lk unavailable (HTTP ${status})${providerMessage}`, true);
    }
    if (status >= 400) {
      throw new DeliveryError(PROVIDER, `Notify.lk rejected the message (HTTP ${status})${providerMessage}`, false);
    }
    if (status >= 300) {
      throw new DeliveryError(PROVIDER, `Notify.lk answered with an unexpected redirect (HTTP ${status}); check baseUrl`, false);
    }
    if (body?.status === 'success') return { provider: PROVIDER, providerMessageId: null };
    if (body?.status === 'error') {
      throw new DeliveryError(PROVIDER, `Notify.lk rejected the message${providerMessage || ': (no message)'}`, false);
    }
    const what = body === undefined ? 'a non-JSON body' : 'an unexpected JSON body';
    throw new DeliveryError(PROVIDER, `Notify.lk answered HTTP ${status} with ${what}`, true);
  }

  /** A provider-supplied message, trimmed, bounded and with the API key removed should it echo it. */
  #clean(value: unknown): string {
    const text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).trim();
    const bounded = text.length > MAX_PROVIDER_MESSAGE ? `${text.slice(0, MAX_PROVIDER_MESSAGE)}…` : text;
    return this.#redact(bounded);
  }

  #redact(text: string): string {
    return text.replaceAll(this.#apiKey, '[redacted]').replaceAll(encodeURIComponent(this.#apiKey), '[redacted]');
  }
}

interface NotifyLkBody {
  status?: unknown;
  message?: unknown;
}
