import {
  type BookingFacts,
  bookingCancelled,
  bookingConfirmed,
  bookingHeld,
  bookingHoldExpired,
  bookingReminder,
  type Copy,
  type CopyOf,
  tripCancelled,
} from './booking-templates';
import { paymentFailed, paymentOrphanRefund, refundIssued, settlementReady } from './money-templates';
import { formattersFor, type NotificationLocale } from './notification-format';
import {
  driverApproved,
  driverRejected,
  operatorApproved,
  operatorRejected,
  otpCode,
  vehicleApproved,
  vehicleRejected,
  webhookEndpointDisabled,
} from './partner-templates';

export type NotificationChannel = 'sms' | 'email';

interface TemplateSpec<D> {
  copy: CopyOf<D>;
  /** Channels it goes by, when the person has that address. */
  channels: readonly NotificationChannel[];
  /** Holds a secret (a sign-in code): sealed in the outbox, scrubbed once delivered. */
  secret?: boolean;
}

const both = ['email', 'sms'] as const;
const spec = <D>(copy: CopyOf<D>, channels: readonly NotificationChannel[] = both, secret = false): TemplateSpec<D> => ({
  copy,
  channels,
  secret,
});

/** Every notice Fareway sends: name → its copy in each language, its channels. */
export const NOTIFICATION_TEMPLATES = {
  otp: spec(otpCode, ['sms'], true),
  'booking.held': spec(bookingHeld),
  'booking.confirmed': spec(bookingConfirmed),
  'booking.cancelled': spec(bookingCancelled),
  'booking.reminder': spec(bookingReminder),
  'booking.hold_expired': spec(bookingHoldExpired),
  'trip.cancelled': spec(tripCancelled),
  'payment.failed': spec(paymentFailed),
  'payment.orphan_refund': spec(paymentOrphanRefund),
  'refund.issued': spec(refundIssued),
  'driver.approved': spec(driverApproved),
  'driver.rejected': spec(driverRejected),
  'vehicle.approved': spec(vehicleApproved),
  'vehicle.rejected': spec(vehicleRejected),
  'operator.approved': spec(operatorApproved),
  'operator.rejected': spec(operatorRejected),
  'settlement.ready': spec(settlementReady),
  'webhook.endpoint_disabled': spec(webhookEndpointDisabled),
};

export type NotificationTemplate = keyof typeof NOTIFICATION_TEMPLATES;
export type NotificationData<T extends NotificationTemplate> = (typeof NOTIFICATION_TEMPLATES)[T] extends TemplateSpec<infer D> ? D : never;
export type { BookingFacts };

export interface RenderedNotification {
  subject: string;
  /** Plain-text email body. */
  text: string;
  /** HTML email body (the same paragraphs, escaped). */
  html: string;
  sms: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Security: names, reasons and titles come from users; they are text in the HTML, never markup. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const SIGNATURE: Record<NotificationLocale, string> = { en: 'The Fareway team', si: 'Fareway කණ්ඩායම', ta: 'Fareway குழு' };

/** Renders one notice in one language: a pure function of its data, its locale and where the web app lives. */
export function renderNotification<T extends NotificationTemplate>(
  template: T,
  data: NotificationData<T>,
  locale: NotificationLocale,
  publicUrl: string,
): RenderedNotification {
  const f = formattersFor(locale, publicUrl);
  const copyOf = NOTIFICATION_TEMPLATES[template].copy[locale] as (data: NotificationData<T>, formatters: typeof f) => Copy;
  const copy = copyOf(data, f);
  const url = copy.link ? f.url(copy.link.path) : undefined;
  const text = [...copy.lines, ...(copy.link && url ? [`${copy.link.label}: ${url}`] : []), `— ${SIGNATURE[locale]}`].join('\n\n');
  const paragraphs = copy.lines.map((line) => `<p>${escapeHtml(line)}</p>`);
  if (copy.link && url) paragraphs.push(`<p><a href="${escapeHtml(url)}">${escapeHtml(copy.link.label)}</a></p>`);
  paragraphs.push(`<p>— ${escapeHtml(SIGNATURE[locale])}</p>`);
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(copy.subject)}</title></head><body>${paragraphs.join('')}</body></html>`;
  return { subject: copy.subject, text, html, sms: copy.sms };
}

/**
 * A template's data as the outbox stores it (JSON, written by SQL for a sweep's
 * batch) back into what the templates take: every instant is named `…At` and
 * comes back from JSON as an ISO string, so those become Dates again.
 */
export function notificationDataFromJson(data: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(data).map(([key, value]) => [key, key.endsWith('At') && typeof value === 'string' ? new Date(value) : value]),
  );
}

export function templateChannels(template: NotificationTemplate): readonly NotificationChannel[] {
  return NOTIFICATION_TEMPLATES[template].channels;
}

export function isSecretTemplate(template: NotificationTemplate): boolean {
  return NOTIFICATION_TEMPLATES[template].secret === true;
}

export function isNotificationTemplate(value: string): value is NotificationTemplate {
  return Object.hasOwn(NOTIFICATION_TEMPLATES, value);
}
