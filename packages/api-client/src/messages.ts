import type { AppErrorCode } from './errors';

/**
 * What every server error code means to a person, in one table for both SPAs.
 * The server's own message is precise but written for developers ("timeZone
 * must be an IANA zone…"); screens show these sentences, next to the field or
 * action concerned. A code added to `@fareway/domain` fails the typecheck here
 * until it has its sentence.
 */
export const ERROR_MESSAGES: { readonly [Code in AppErrorCode]: string } = {
  VALIDATION_ERROR: 'Some details need another look.',
  OTP_INVALID: 'That code is not right. Check the text message and try again.',
  OTP_EXPIRED: 'That code has expired. Ask for a new one.',
  TOKEN_INVALID: 'Please sign in again.',
  TOKEN_EXPIRED: 'Your session has ended. Please sign in again.',
  INVALID_CREDENTIALS: 'The email or password is not right.',
  FORBIDDEN: 'You are not allowed to do that.',
  ACCOUNT_SUSPENDED: 'This account is suspended. Contact support if you think this is a mistake.',
  USER_NOT_FOUND: 'We could not find that person.',
  ORGANIZATION_NOT_FOUND: 'We could not find that operator.',
  NOT_FOUND: 'We could not find what you asked for.',
  BOOKING_NOT_FOUND: 'We could not find that booking.',
  VEHICLE_NOT_FOUND: 'We could not find that car.',
  TRIP_NOT_FOUND: 'We could not find that trip.',
  TRIP_NOT_BOOKABLE: 'Seats on this trip can no longer be booked.',
  PAYMENT_NOT_FOUND: 'We could not find that payment.',
  WEBHOOK_ENDPOINT_NOT_FOUND: 'We could not find that webhook endpoint.',
  JOB_NOT_FOUND: 'There is no job by that name.',
  SETTLEMENT_NOT_FOUND: 'We could not find that statement.',
  SETTLEMENT_ALREADY_APPROVED: 'This statement has already been approved.',
  SETTLEMENT_NOT_APPROVED: 'Approve the statement before marking it paid.',
  SETTLEMENT_ALREADY_PAID: 'This statement has already been paid.',
  EMAIL_IN_USE: 'That email address is already used by another account.',
  BOOKING_CONFLICT: 'Someone booked this car for some of that time just now. Try other dates or another car.',
  VEHICLE_UNAVAILABLE: 'This car is not available for booking right now.',
  SEATS_UNAVAILABLE: 'Some of those seats were taken just now. Pick others on the map.',
  HOLD_EXPIRED: 'Your hold has run out, so it can no longer be paid. Hold it again to book.',
  HOLD_LIMIT_REACHED: 'You have too many unpaid holds. Pay for or cancel one first.',
  BOOKING_CANNOT_CANCEL: 'This booking can no longer be cancelled.',
  PAYMENT_FAILED: 'The payment did not go through and nothing was charged. Try again or use another way to pay.',
  INSUFFICIENT_BALANCE: 'Your wallet does not hold enough for this. Top it up or pay by card.',
  PAYMENT_ALREADY_PROCESSED: 'This booking is already paid.',
  REFUND_EXCEEDS_CAPTURED: 'That refund is more than what was paid.',
  REFUND_NOT_FOUND: 'We could not find that refund.',
  REFUND_NOT_RETRYABLE: 'Only a failed refund can be tried again; this one is pending or done.',
  IDEMPOTENCY_KEY_REUSED: 'This request was already sent with other details. Reload the page and try again.',
  IDEMPOTENCY_KEY_IN_USE: 'The same request is still being handled. Wait a moment and try again.',
  OTP_RATE_LIMIT: 'Too many codes were asked for. Wait a little before asking again.',
  RATE_LIMITED: 'Too many tries. Wait a little and try again.',
  WEBHOOK_SIGNATURE_INVALID: 'The payment provider could not be verified.',
  PAYMENT_LINK_INVALID: 'This payment link is not valid. Open the payment again from your booking.',
  PAYMENT_LINK_EXPIRED: 'This payment link has expired. Open the payment again from your booking.',
  PAYLOAD_TOO_LARGE: 'That file is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'That kind of file is not accepted. Use a JPEG, PNG or WebP image, or a PDF.',
  TICKET_INVALID: 'This is not a Fareway ticket for your trips.',
  TICKET_WRONG_TRIP: 'This ticket is for another trip.',
  TICKET_NOT_VALID: 'This booking is not paid or was cancelled: the ticket is not valid.',
  TICKET_NOT_ISSUED: 'The e-ticket is ready once the seats are paid for.',
  RECEIPT_NOT_ISSUED: 'The receipt is ready once the booking is paid for.',
  SERVICE_UNAVAILABLE: 'Fareway is busy or being updated. Try again in a moment.',
  INTERNAL_ERROR: 'Something went wrong on our side. Try again; if it keeps happening, contact support.',
};

/**
 * The field errors of a VALIDATION_ERROR (`details: [{ path, message }]`),
 * keyed by the field's path ("timeZone", "passengers.0.name"), so a form shows
 * each next to its field.
 */
export function fieldErrors(details: unknown): Record<string, string> {
  if (!Array.isArray(details)) return {};
  const out: Record<string, string> = {};
  for (const detail of details) {
    if (typeof detail !== 'object' || detail === null) continue;
    const { path, message } = detail as { path?: unknown; message?: unknown };
    if (typeof path === 'string' && path !== '' && typeof message === 'string' && !(path in out)) out[path] = message;
  }
  return out;
}
