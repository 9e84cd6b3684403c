export * from './errors/app-error';
export * from './errors/error-codes';
export * from './identity/login-lockout';
export * from './identity/normalize-phone';
export * from './identity/otp-rules';
export * from './identity/session-rules';
export * from './money/money';
