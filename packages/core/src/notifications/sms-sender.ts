/**
 * The contract every SMS delivery adapter fulfils. One-time sign-in codes go
 * through it, so adapters must never log or echo a message body or a secret.
 */
export interface SmsMessage {
  /** E.164, e.g. +94771234567. */
  to: string;
  body: string;
}

export interface SmsSendResult {
  provider: string;
  /** The provider's id for the message, when it returns one. */
  providerMessageId: string | null;
}

export interface SmsSender {
  readonly name: string;
  send(message: SmsMessage): Promise<SmsSendResult>;
}

/** A failure the job queue should retry (network error, 5xx, 429) vs. one it must not (bad number, bad credentials). */
export class SmsDeliveryError extends Error {
  override readonly name = 'SmsDeliveryError';
  readonly retryable: boolean;
  readonly provider: string;

  constructor(provider: string, message: string, retryable: boolean, options?: { cause?: unknown }) {
    super(message, options);
    this.provider = provider;
    this.retryable = retryable;
  }
}
