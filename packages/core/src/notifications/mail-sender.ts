import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { DeliveryError, describeError } from './delivery-error';
import type { SendResult } from './sms-sender';

export interface MailMessage {
  to: string;
  from: string;
  subject: string;
  text: string;
  html: string | null;
  /** `<notification-id@domain>`: the same on every retry, so a receiving server can drop a duplicate. */
  messageId: string;
}

export interface MailSender {
  readonly name: string;
  send(message: MailMessage): Promise<SendResult>;
  close?(): void;
}

interface SmtpError {
  code?: string;
  responseCode?: number;
}

/** Codes nodemailer gives a message that no server will ever take (a malformed address). */
const PERMANENT_CODES = new Set(['EENVELOPE', 'EMESSAGE']);

/**
 * Email over SMTP with nodemailer (`SMTP_URL`, e.g. smtp://user:pass@host:587;
 * smtps:// for TLS from the first byte). A 5xx reply (mailbox unknown, relay
 * refused) is final; a 4xx reply, a lost connection or a timeout is retried.
 */
export class SmtpMailSender implements MailSender {
  readonly name = 'smtp';
  readonly #transport: Transporter;

  constructor(options: { url: string; timeoutMs?: number }) {
    const timeout = options.timeoutMs ?? 15_000;
    this.#transport = nodemailer.createTransport(options.url, {
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    } as never);
  }

  async send(message: MailMessage): Promise<SendResult> {
    try {
      const info = await this.#transport.sendMail({
        from: message.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        ...(message.html ? { html: message.html } : {}),
        messageId: message.messageId,
      });
      const rejected = info.rejected ?? [];
      if (rejected.length > 0) throw new DeliveryError(this.name, `SMTP server refused ${rejected.length} recipient(s)`, false);
      return { provider: this.name, providerMessageId: info.messageId ?? message.messageId };
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      const { code, responseCode } = error as SmtpError;
      // The server's reply decides (5xx final, 4xx try later); without one, only a malformed message is final.
      const permanent = responseCode !== undefined ? responseCode >= 500 : code !== undefined && PERMANENT_CODES.has(code);
      throw new DeliveryError(
        this.name,
        `SMTP delivery failed${responseCode ? ` (${responseCode})` : ''}: ${describeError(error)}`.slice(0, 500),
        !permanent,
        {
          cause: error,
        },
      );
    }
  }

  close(): void {
    this.#transport.close();
  }
}

/**
 * Development email "delivery" when SMTP_URL is unset: the message goes to the
 * server log, subject and text, so a developer can read it. Production refuses
 * to start without SMTP_URL (config/load-config), so this never stands in there.
 */
export class LogMailSender implements MailSender {
  readonly name = 'log';
  readonly #log: { info(obj: object, msg: string): void };

  constructor(log: { info(obj: object, msg: string): void }) {
    this.#log = log;
  }

  async send(message: MailMessage): Promise<SendResult> {
    const providerMessageId = `log-${randomUUID()}`;
    this.#log.info({ provider: this.name, providerMessageId, to: message.to, subject: message.subject, text: message.text }, 'email (log)');
    return { provider: this.name, providerMessageId };
  }
}
