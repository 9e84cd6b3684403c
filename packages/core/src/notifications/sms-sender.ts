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

/** What every adapter (SMS or email) answers when a message is accepted. */
export type SendResult = SmsSendResult;

/** E.164: what every SMS adapter accepts as a recipient. */
export const E164 = /^\+[1-9]\d{6,14}$/;
