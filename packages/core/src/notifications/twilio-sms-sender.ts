import { DeliveryError, parseJsonObject, postForm } from './delivery-error';
import { E164, type SmsMessage, type SmsSender, type SmsSendResult } from './sms-sender';

export interface TwilioSmsSenderOptions {
  accountSid: string;
  authToken: string;
  /** A Twilio number (E.164) to send from; or set messagingServiceSid. */
  from?: string;
  /** A Messaging Service (MG...) that picks the sender; wins over `from`. */
  messagingServiceSid?: string;
  /** Defaults to `https://api.twilio.com`; tests point it at a local fake. */
  baseUrl?: string;
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
}

const PROVIDER = 'twilio';
const MAX_PROVIDER_MESSAGE = 200;

interface TwilioBody {
  sid?: unknown;
  status?: unknown;
  code?: unknown;
  message?: unknown;
}

/**
 * Twilio Programmable Messaging over its published REST API: POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded To, From (or
 * MessagingServiceSid) and Body, HTTP Basic auth with AccountSid:AuthToken.
 * 201 answers the message's SID. 429 and 5xx (and network trouble) are
 * retryable; any other 4xx (21211 invalid number, 21610 unsubscribed, 20003
 * bad credentials, ...) is final: retrying cannot make it go.
 */
export class TwilioSmsSender implements SmsSender {
  readonly name = PROVIDER;
  readonly #url: string;
  readonly #authorization: string;
  readonly #from: Record<string, string>;
  readonly #authToken: string;
  readonly #timeoutMs: number;
  readonly #fetch: typeof globalThis.fetch;

  constructor(options: TwilioSmsSenderOptions) {
    const { accountSid, authToken, baseUrl = 'https://api.twilio.com', timeoutMs = 10_000 } = options;
    if (!accountSid || !authToken) throw new Error('TwilioSmsSender needs accountSid and authToken');
    if (!options.from && !options.messagingServiceSid) throw new Error('TwilioSmsSender needs from or messagingServiceSid');
    this.#url = `${baseUrl.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(accountSid)}/Messages.json`;
    this.#authorization = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    this.#from = options.messagingServiceSid ? { MessagingServiceSid: options.messagingServiceSid } : { From: options.from ?? '' };
    this.#authToken = authToken;
    this.#timeoutMs = timeoutMs;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  async send(message: SmsMessage): Promise<SmsSendResult> {
    if (!E164.test(message.to)) {
      throw new DeliveryError(PROVIDER, 'recipient is not an E.164 phone number (expected +<country code><number>)', false);
    }
    const form = new URLSearchParams({ To: message.to, ...this.#from, Body: message.body });
    const { status, text } = await postForm(this.#fetch, this.#url, form, {
      provider: PROVIDER,
      label: 'Twilio',
      timeoutMs: this.#timeoutMs,
      headers: { authorization: this.#authorization },
    });
    const body = parseJsonObject<TwilioBody>(text);
    const detail = body
      ? `${typeof body.code === 'number' ? ` code ${body.code}` : ''}${body.message === undefined ? '' : `: ${this.#clean(body.message)}`}`
      : '';
    if (status === 429 || status >= 500) throw new DeliveryError(PROVIDER, `Twilio unavailable (HTTP ${status})${detail}`, true);
    if (status >= 400) throw new DeliveryError(PROVIDER, `Twilio rejected the message (HTTP ${status})${detail}`, false);
    if (status >= 300)
      throw new DeliveryError(PROVIDER, `Twilio answered with an unexpected redirect (HTTP ${status}); check baseUrl`, false);
    if (typeof body?.sid === 'string' && body.sid) return { provider: PROVIDER, providerMessageId: body.sid };
    // Accepted but unreadable: the message may have gone; retrying risks a duplicate, which at-least-once allows.
    throw new DeliveryError(PROVIDER, `Twilio answered HTTP ${status} without a message sid`, true);
  }

  #clean(value: unknown): string {
    const text = (typeof value === 'string' ? value : (JSON.stringify(value) ?? '')).trim();
    const bounded = text.length > MAX_PROVIDER_MESSAGE ? `${text.slice(0, MAX_PROVIDER_MESSAGE)}…` : text;
    return bounded.replaceAll(this.#authToken, '[redacted]');
  }
}
