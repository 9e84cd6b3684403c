import type { Config } from '../config/load-config';
import type { Logger } from '../logger';
import { ConsoleSmsSender } from './console-sms-sender';
import { NotifyLkSmsSender } from './notify-lk-sms-sender';
import type { SmsSender } from './sms-sender';

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
  return new ConsoleSmsSender({ log, revealBody: config.env !== 'production' });
}
