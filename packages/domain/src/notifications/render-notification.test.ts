import { describe, expect, it } from 'vitest';
import { bookingReference, formattersFor, isNotificationLocale, NOTIFICATION_LOCALES } from './notification-format';
import { decideAfterFailure, reminderDue } from './notification-retry';
import {
  isNotificationTemplate,
  isSecretTemplate,
  NOTIFICATION_TEMPLATES,
  type NotificationData,
  type NotificationTemplate,
  notificationDataFromJson,
  renderNotification,
  templateChannels,
} from './render-notification';

const URL = 'https://fareway.example.lk';
const booking = {
  bookingId: '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b',
  kind: 'rental' as const,
  title: 'Toyota Aqua 2019',
  startsAt: new Date('2026-12-01T04:30:00Z'),
  timeZone: 'Asia/Colombo',
  amountMinor: 1_250_050,
  currency: 'LKR',
};
const SAMPLES: { [T in NotificationTemplate]: NotificationData<T> } = {
  otp: { code: '482913' },
  'booking.held': { ...booking, expiresAt: new Date('2026-11-30T10:05:00Z') },
  'booking.confirmed': booking,
  'booking.cancelled': booking,
  'booking.reminder': { ...booking, hoursBefore: 24 },
  'booking.hold_expired': booking,
  'trip.cancelled': { ...booking, kind: 'seat', title: 'Colombo → Kandy, seat 1A', reason: 'Bus breakdown' },
  'payment.failed': { amountMinor: 4599, currency: 'USD', bookingId: booking.bookingId },
  'payment.orphan_refund': { amountMinor: 1_250_050, currency: 'LKR', bookingId: booking.bookingId },
  'refund.issued': { amountMinor: 625_025, currency: 'LKR', bookingId: booking.bookingId, toWallet: true },
  'driver.approved': {},
  'driver.rejected': { reason: 'Licence photo unreadable' },
  'vehicle.approved': { vehicleId: 'v1', vehicleName: 'Toyota Aqua 2019' },
  'vehicle.rejected': { vehicleId: 'v1', vehicleName: 'Toyota Aqua 2019', reason: 'No insurance papers' },
  'operator.approved': { organizationName: 'Lanka Express' },
  'operator.rejected': { organizationName: 'Lanka Express', reason: 'Registration missing' },
  'settlement.ready': { settlementId: 's1', period: '2026-11', netPayableMinor: 9_876_500, currency: 'LKR' },
  'webhook.endpoint_disabled': { endpointId: 'e1', url: 'https://ops.example.lk/hooks', failures: 10, reason: 'HTTP 503' },
};

const cases = (Object.keys(NOTIFICATION_TEMPLATES) as NotificationTemplate[]).flatMap((template) =>
  NOTIFICATION_LOCALES.map((locale) => ({ template, locale })),
);

describe('renderNotification', () => {
  it.each(cases)('$template in $locale has a subject, text, HTML and SMS, nothing left unfilled', ({ template, locale }) => {
    const out = renderNotification(template, SAMPLES[template] as never, locale, URL);
    for (const part of [out.subject, out.text, out.html, out.sms]) {
      expect(part.length).toBeGreaterThan(5);
      expect(part).not.toMatch(/undefined|NaN|\[object|\$\{/);
    }
    expect(out.html).toContain(`<html lang="${locale}">`);
  });

  it.each(NOTIFICATION_LOCALES)('writes %s in its own script', (locale) => {
    const { text } = renderNotification('booking.confirmed', booking, locale, URL);
    const script = { en: /[A-Za-z]/, si: /[\u0D80-\u0DFF]/, ta: /[\u0B80-\u0BFF]/ }[locale];
    expect(text).toMatch(script);
    if (locale !== 'en') expect(text).not.toMatch(/confirmed/);
  });

  it.each([
    // locale, subject, a line of the text
    ['en', `Booking ${bookingReference(booking.bookingId)} confirmed`, 'Paid: LKR 12,500.50'],
    ['si', `වෙන්කිරීම ${bookingReference(booking.bookingId)} තහවුරු කළා`, 'ගෙවූ මුදල: LKR 12,500.50'],
    ['ta', `முன்பதிவு ${bookingReference(booking.bookingId)} உறுதிசெய்யப்பட்டது`, 'செலுத்தியது: LKR 12,500.50'],
  ] as const)('booking.confirmed in %s', (locale, subject, line) => {
    const out = renderNotification('booking.confirmed', booking, locale, URL);
    expect(out.subject).toBe(subject);
    expect(out.text).toContain(line);
    expect(out.text).toContain(`${URL}/bookings/${booking.bookingId}`);
    expect(out.html).toContain(`<a href="${URL}/bookings/${booking.bookingId}">`);
    expect(out.sms).toContain(bookingReference(booking.bookingId));
  });

  it.each([
    // zone, locale, expected wall time with the zone named
    ['Asia/Colombo', 'en', 'Dec 1, 2026, 10:00 AM (Asia/Colombo)'],
    ['Europe/London', 'en', 'Dec 1, 2026, 4:30 AM (Europe/London)'],
    ['Asia/Colombo', 'ta', '1 டிச., 2026, 10:00 (Asia/Colombo)'],
    ['Asia/Colombo', 'si', '2026 උඳුවප් 1, 10.00 (Asia/Colombo)'],
  ] as const)('shows the start in %s (%s)', (timeZone, locale, shown) => {
    expect(formattersFor(locale, URL).time(booking.startsAt, timeZone)).toBe(shown);
    expect(renderNotification('booking.reminder', { ...booking, timeZone, hoursBefore: 2 }, locale, URL).text).toContain(shown);
  });

  it.each([
    [4599, 'USD', 'USD 45.99'],
    [1_250_050, 'LKR', 'LKR 12,500.50'],
    [1500, 'JPY', 'JPY 1,500'],
    [12_345, 'KWD', 'KWD 12.345'],
  ])('formats %i minor units of %s as %s', (minor, currency, shown) => {
    expect(renderNotification('payment.failed', { amountMinor: minor, currency, bookingId: null }, 'en', URL).subject).toContain(shown);
  });

  it('escapes what people typed into the HTML, and links a top-up failure to the wallet', () => {
    const out = renderNotification('driver.rejected', { reason: '<script>alert("x")</script> & more' }, 'en', URL);
    expect(out.html).not.toContain('<script>');
    expect(out.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more');
    expect(out.text).toContain('<script>alert("x")</script> & more');
    expect(renderNotification('payment.failed', { amountMinor: 1, currency: 'LKR', bookingId: null }, 'en', URL).sms).toContain(
      `${URL}/wallet`,
    );
  });

  it('keeps the English sign-in code wording the sign-in flow and its tests know', () => {
    expect(renderNotification('otp', { code: '123456' }, 'en', URL).sms).toBe(
      'Your Fareway code is 123456. It expires in 5 minutes. Never share it.',
    );
  });

  it.each([
    // locale, subject, a line of the text, the SMS
    [
      'en',
      'Your Fareway webhook endpoint was disabled',
      'We stopped sending events to https://ops.example.lk/hooks after 10 failed deliveries in a row.',
      'Fareway: webhook endpoint https://ops.example.lk/hooks was disabled after 10 failed deliveries. Fix it and enable it again.',
    ],
    [
      'si',
      'ඔබගේ Fareway webhook අන්ත ලක්ෂ්‍යය අක්‍රිය කර ඇත',
      'අනුපිළිවෙලින් අසාර්ථක බෙදාහැරීම් 10කට පසු https://ops.example.lk/hooks වෙත සිදුවීම් යැවීම අපි නැවැත්වුවෙමු.',
      'Fareway: අසාර්ථක බෙදාහැරීම් 10කට පසු webhook අන්ත ලක්ෂ්‍යය https://ops.example.lk/hooks අක්‍රිය කළා. එය නිවැරදි කර නැවත සක්‍රිය කරන්න.',
    ],
    [
      'ta',
      'உங்கள் Fareway webhook முனையம் முடக்கப்பட்டது',
      'தொடர்ச்சியாக 10 விநியோகங்கள் தோல்வியடைந்ததால் https://ops.example.lk/hooks க்கு நிகழ்வுகளை அனுப்புவதை நிறுத்தினோம்.',
      'Fareway: 10 விநியோகங்கள் தோல்வியடைந்ததால் webhook முனையம் https://ops.example.lk/hooks முடக்கப்பட்டது. சரிசெய்து மீண்டும் இயக்கவும்.',
    ],
  ] as const)('webhook.endpoint_disabled in %s names the endpoint, the failures and the last error', (locale, subject, line, sms) => {
    const out = renderNotification('webhook.endpoint_disabled', SAMPLES['webhook.endpoint_disabled'], locale, URL);
    expect(out.subject).toBe(subject);
    expect(out.text).toContain(line);
    expect(out.text).toContain('HTTP 503');
    expect(out.text).toContain('e1');
    expect(out.sms).toBe(sms);
  });

  it('names the settlement month in the locale', () => {
    expect(renderNotification('settlement.ready', SAMPLES['settlement.ready'], 'en', URL).subject).toBe(
      'Your statement for November 2026 is ready',
    );
  });
});

describe('the email around the copy', () => {
  it('ends the text with the link line and the signature, and the HTML with the same link and signature', () => {
    const out = renderNotification('booking.confirmed', booking, 'en', `${URL}//`);
    const link = `${URL}/bookings/${booking.bookingId}`;
    expect(out.text.split('\n\n').slice(-2)).toEqual([`View your booking: ${link}`, '— The Fareway team']);
    expect(out.html).toContain(`<p><a href="${link}">View your booking</a></p><p>— The Fareway team</p></body></html>`);
    expect(out.html).toContain(`<title>${out.subject}</title>`);
    expect(renderNotification('booking.confirmed', booking, 'ta', URL).text.endsWith('— Fareway குழு')).toBe(true);
    expect(renderNotification('booking.confirmed', booking, 'si', URL).html).toContain('<p>— Fareway කණ්ඩායම</p>');
  });

  it('adds no link line to a notice without a link', () => {
    const out = renderNotification('operator.approved', { organizationName: 'Lanka Express' }, 'en', URL);
    expect(out.text.split('\n\n')).toEqual([
      'Your operator account Lanka Express has been approved.',
      'You can now schedule trips and sell seats.',
      '— The Fareway team',
    ]);
    expect(out.html).not.toContain('<a ');
  });

  it('joins paths to the public URL with exactly one slash', () => {
    const f = formattersFor('en', 'https://fareway.example.lk/');
    expect(f.url('/wallet')).toBe('https://fareway.example.lk/wallet');
    expect(f.url('wallet')).toBe('https://fareway.example.lk/wallet');
    expect(formattersFor('en', 'https://fareway.example.lk///').url('/wallet')).toBe('https://fareway.example.lk/wallet');
  });

  it('renders data stored as JSON (instants as ISO strings) exactly as the data it was written from', () => {
    for (const template of ['booking.held', 'booking.hold_expired', 'payment.failed'] as const) {
      const stored = JSON.parse(JSON.stringify(SAMPLES[template])) as Record<string, unknown>;
      for (const locale of NOTIFICATION_LOCALES) {
        expect(renderNotification(template, notificationDataFromJson(stored) as never, locale, URL)).toEqual(
          renderNotification(template, SAMPLES[template] as never, locale, URL),
        );
      }
    }
    // Only instants (…At) turn into Dates: a title that reads like one stays text.
    expect(notificationDataFromJson({ startsAt: '2026-12-01T04:30:00+00:00', title: '2026-12-01', amountMinor: 5 })).toEqual({
      startsAt: new Date('2026-12-01T04:30:00Z'),
      title: '2026-12-01',
      amountMinor: 5,
    });
  });

  it('quotes a booking as FW- and the last 8 hex digits, upper case', () => {
    expect(bookingReference('0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b')).toBe('FW-2E3F4A5B');
  });

  it('knows its templates, channels, secrets and languages', () => {
    expect(isNotificationTemplate('booking.confirmed')).toBe(true);
    expect(isNotificationTemplate('toString')).toBe(false);
    expect(templateChannels('otp')).toEqual(['sms']);
    expect(templateChannels('booking.confirmed')).toEqual(['email', 'sms']);
    expect((Object.keys(NOTIFICATION_TEMPLATES) as NotificationTemplate[]).filter(isSecretTemplate)).toEqual(['otp']);
    expect(['en', 'si', 'ta', 'fr', 'EN', '', 7, null].map(isNotificationLocale)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});

describe('decideAfterFailure', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it.each([
    // attempts, max, retryable, expected status, delay seconds
    [1, 5, true, 'queued', 30],
    [2, 5, true, 'queued', 60],
    [4, 5, true, 'queued', 240],
    [5, 5, true, 'dead', null],
    [9, 20, true, 'queued', 3600],
    [1, 5, false, 'failed', null],
    [5, 5, false, 'failed', null],
  ] as const)('attempt %i of %i (retryable %s) → %s', (attempts, maxAttempts, retryable, status, delay) => {
    const after = decideAfterFailure({ attempts, maxAttempts, retryable, baseDelaySeconds: 30, now });
    expect(after.status).toBe(status);
    if (after.status === 'queued') expect((after.nextAttemptAt.getTime() - now.getTime()) / 1000).toBe(delay);
  });
});

describe('reminderDue', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const at = (hours: number) => new Date(now.getTime() + hours * 3_600_000);
  it.each([
    // hours until start, expected lead
    [30, null],
    [24, 24],
    [20, 24],
    [2, 2],
    [0.5, 2],
    [0, null],
    [-1, null],
  ])('%d h before the start → %s', (hours, lead) => {
    expect(reminderDue(at(hours), now, [24, 2])).toBe(lead);
  });
});
