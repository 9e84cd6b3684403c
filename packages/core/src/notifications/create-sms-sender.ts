import type { Config } from '../config/load-config';
import type { Logger } from '../logger';
import { ConsoleSmsSender } from './console-sms-sender';
import { LogMailSender, type MailSender, SmtpMailSender } from './mail-sender';
import { NotifyLkSmsSender } from './notify-lk-sms-sender';
import type { SmsSender } from './sms-sender';
import { TwilioSmsSender } from './twilio-sms-sender';

/** The adapters the outbox delivers through: one for SMS, one for email. */
export interface Senders {
  sms: SmsSender;
  mail: MailSender;
}

/** The configured SMS provider. The console sender never logs a body in production. */
export function createSmsSender(config: Config, log: Logger): SmsSender {
  if (config.sms.provider === 'notifylk') {
    return new NotifyLkSmsSender({
      userId: config.sms.userId,
      apiKey: config.sms.apiKey,
      senderId: config.sms.senderId,
      baseUrl: config.sms.baseUrl,
    });
  }
  if (config.sms.provider === 'twilio') {
    const { provider: _, ...twilio } = config.sms;
    return new TwilioSmsSender(twilio);
  }
  return new ConsoleSmsSender({ log, revealBody: config.env !== 'production' });
}

/** SMTP when SMTP_URL is set; otherwise the log (development only: production refuses to start without it). */
export function createMailSender(config: Config, log: Logger): MailSender {
  return config.notifications.smtpUrl ? new SmtpMailSender({ url: config.notifications.smtpUrl }) : new LogMailSender(log);
}

export function createSenders(config: Config, log: Logger, overrides: Partial<Senders> = {}): Senders {
  return { sms: overrides.sms ?? createSmsSender(config, log), mail: overrides.mail ?? createMailSender(config, log) };
}
