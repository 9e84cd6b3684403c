export * from './console-sms-sender';
export * from './create-sms-sender';
export * from './deliver-sms';
export * from './notify-lk-sms-sender';
export * from './sms-sender';
