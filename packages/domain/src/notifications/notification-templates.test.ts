import { describe, expect, it } from 'vitest';
import type { Copy } from './booking-templates';
import { bookingReference, type Formatters, formattersFor, NOTIFICATION_LOCALES, type NotificationLocale } from './notification-format';
import { NOTIFICATION_TEMPLATES, type NotificationData, type NotificationTemplate } from './render-notification';

// The rules every notice follows in every language (issue 17: each string of a template is a
// promise to a person): nothing empty or repeated, the facts of its data in both the email and the
// SMS, and each variant of the data (rental or seat, refund or none, a reason or not, wallet or
// card, one hour or several, a booking or a top-up) saying something different.
const URL = 'https://fareway.example.lk';
const BOOKING_ID = '0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const REF = bookingReference(BOOKING_ID);
const rental = {
  bookingId: BOOKING_ID,
  kind: 'rental' as const,
  title: 'Toyota Aqua 2019',
  startsAt: new Date('2026-12-01T04:30:00Z'),
  timeZone: 'Asia/Colombo',
  amountMinor: 1_250_050,
  currency: 'LKR',
};
const seat = { ...rental, kind: 'seat' as const, title: 'Colombo → Kandy, seat 1A' };
const expiresAt = new Date('2026-11-30T10:05:00Z');

function copyOf<T extends NotificationTemplate>(template: T, data: NotificationData<T>, locale: NotificationLocale): Copy {
  const render = NOTIFICATION_TEMPLATES[template].copy[locale] as (d: NotificationData<T>, f: Formatters) => Copy;
  return render(data, formattersFor(locale, URL));
}

type Facts = (f: Formatters) => { text: string[]; sms: string[]; link?: string };
interface Sample<T extends NotificationTemplate = NotificationTemplate> {
  template: T;
  variant: string;
  data: NotificationData<T>;
  facts: Facts;
}
const sample = <T extends NotificationTemplate>(template: T, variant: string, data: NotificationData<T>, facts: Facts): Sample =>
  ({ template, variant, data, facts }) as unknown as Sample;

const at = (f: Formatters, when: Date) => f.time(when, 'Asia/Colombo');
const lkr = (f: Formatters, minor: number) => f.money(minor, 'LKR');
const bookingPath = `/bookings/${BOOKING_ID}`;

// template, variant, data, the facts its email text and its SMS must carry, and where its link goes.
const SAMPLES: Sample[] = [
  sample('otp', 'code', { code: '482913' }, () => ({ text: ['482913'], sms: ['482913'] })),
  ...[rental, seat].flatMap((b) => [
    sample('booking.held', b.kind, { ...b, expiresAt }, (f) => ({
      text: [b.title, at(f, b.startsAt), lkr(f, b.amountMinor), at(f, expiresAt)],
      sms: [b.title, at(f, expiresAt), lkr(f, b.amountMinor), REF, f.url(bookingPath)],
      link: bookingPath,
    })),
    sample('booking.confirmed', b.kind, b, (f) => ({
      text: [b.title, at(f, b.startsAt), lkr(f, b.amountMinor), REF],
      sms: [REF, b.title, at(f, b.startsAt), lkr(f, b.amountMinor), f.url(bookingPath)],
      link: bookingPath,
    })),
    sample('booking.reminder', `${b.kind}, 24 hours`, { ...b, hoursBefore: 24 }, (f) => ({
      text: [b.title, at(f, b.startsAt), REF],
      sms: [b.title, at(f, b.startsAt), REF, f.url(bookingPath)],
      link: bookingPath,
    })),
    sample('booking.reminder', `${b.kind}, 1 hour`, { ...b, hoursBefore: 1 }, (f) => ({
      text: [b.title, at(f, b.startsAt), REF],
      sms: [b.title, at(f, b.startsAt), REF, f.url(bookingPath)],
      link: bookingPath,
    })),
    sample('booking.hold_expired', b.kind, b, () => ({ text: [REF], sms: [REF, b.title] })),
  ]),
  sample('booking.cancelled', 'refund due', rental, (f) => ({
    text: [rental.title, at(f, rental.startsAt), lkr(f, rental.amountMinor)],
    sms: [REF, lkr(f, rental.amountMinor)],
    link: bookingPath,
  })),
  sample('booking.cancelled', 'no refund', { ...rental, amountMinor: 0 }, (f) => ({
    text: [rental.title, at(f, rental.startsAt)],
    sms: [REF],
    link: bookingPath,
  })),
  sample('trip.cancelled', 'reason, refund', { ...seat, reason: 'Bus breakdown' }, (f) => ({
    text: [seat.title, at(f, seat.startsAt), 'Bus breakdown', REF, lkr(f, seat.amountMinor)],
    sms: [seat.title, at(f, seat.startsAt), REF, lkr(f, seat.amountMinor)],
    link: bookingPath,
  })),
  sample('trip.cancelled', 'no reason, not charged', { ...seat, amountMinor: 0, reason: null }, (f) => ({
    text: [seat.title, at(f, seat.startsAt), REF],
    sms: [seat.title, at(f, seat.startsAt), REF],
    link: bookingPath,
  })),
  sample('payment.failed', 'booking', { amountMinor: 4599, currency: 'LKR', bookingId: BOOKING_ID }, (f) => ({
    text: [lkr(f, 4599), REF],
    sms: [lkr(f, 4599), f.url(bookingPath)],
    link: bookingPath,
  })),
  sample('payment.failed', 'top-up', { amountMinor: 4599, currency: 'LKR', bookingId: null }, (f) => ({
    text: [lkr(f, 4599)],
    sms: [lkr(f, 4599), f.url('/wallet')],
    link: '/wallet',
  })),
  sample('payment.orphan_refund', 'booking', { amountMinor: 1_250_050, currency: 'LKR', bookingId: BOOKING_ID }, (f) => ({
    text: [lkr(f, 1_250_050)],
    sms: [lkr(f, 1_250_050)],
  })),
  ...[true, false].map((toWallet) =>
    sample(
      'refund.issued',
      toWallet ? 'to the wallet' : 'to the card',
      { amountMinor: 625_025, currency: 'LKR', bookingId: BOOKING_ID, toWallet },
      (f) => ({
        text: [lkr(f, 625_025), REF],
        sms: [lkr(f, 625_025), REF],
      }),
    ),
  ),
  sample('refund.issued', 'top-up refund', { amountMinor: 625_025, currency: 'LKR', bookingId: null, toWallet: true }, (f) => ({
    text: [lkr(f, 625_025)],
    sms: [lkr(f, 625_025)],
  })),
  sample('driver.approved', 'approved', {}, () => ({ text: [], sms: [], link: '/driver' })),
  sample('driver.approved', 'with a note', { note: 'Licence renews in May' }, () => ({
    text: ['Licence renews in May'],
    sms: ['Licence renews in May'],
    link: '/driver',
  })),
  sample('driver.rejected', 'reason', { reason: 'Licence photo unreadable' }, () => ({
    text: ['Licence photo unreadable'],
    sms: ['Licence photo unreadable'],
    link: '/driver',
  })),
  sample('vehicle.approved', 'approved', { vehicleId: 'v1', vehicleName: 'Toyota Aqua 2019' }, () => ({
    text: ['Toyota Aqua 2019'],
    sms: ['Toyota Aqua 2019'],
    link: '/driver/vehicles/v1',
  })),
  sample('vehicle.approved', 'with a note', { vehicleId: 'v1', vehicleName: 'Toyota Aqua 2019', note: 'Insurance renews in May' }, () => ({
    text: ['Toyota Aqua 2019', 'Insurance renews in May'],
    sms: ['Toyota Aqua 2019', 'Insurance renews in May'],
    link: '/driver/vehicles/v1',
  })),
  sample('vehicle.rejected', 'reason', { vehicleId: 'v1', vehicleName: 'Toyota Aqua 2019', reason: 'No insurance papers' }, () => ({
    text: ['Toyota Aqua 2019', 'No insurance papers'],
    sms: ['Toyota Aqua 2019', 'No insurance papers'],
    link: '/driver/vehicles/v1',
  })),
  sample('operator.approved', 'approved', { organizationName: 'Lanka Express' }, () => ({
    text: ['Lanka Express'],
    sms: ['Lanka Express'],
  })),
  sample('operator.rejected', 'reason', { organizationName: 'Lanka Express', reason: 'Registration missing' }, () => ({
    text: ['Lanka Express', 'Registration missing'],
    sms: ['Lanka Express', 'Registration missing'],
  })),
  sample(
    'webhook.endpoint_disabled',
    'failures',
    { endpointId: 'we-0001', url: 'https://partner.example.lk/hooks', failures: 15, reason: 'HTTP 503' },
    () => ({
      text: ['https://partner.example.lk/hooks', '15', 'HTTP 503', 'we-0001'],
      sms: ['https://partner.example.lk/hooks', '15'],
    }),
  ),
  sample(
    'settlement.ready',
    'statement',
    { settlementId: 's-0001', period: '2026-11', netPayableMinor: 9_876_500, currency: 'LKR' },
    (f) => ({
      text: [f.month('2026-11'), lkr(f, 9_876_500), 's-0001'],
      sms: [f.month('2026-11'), lkr(f, 9_876_500)],
    }),
  ),
];

const cases = SAMPLES.flatMap((s) => NOTIFICATION_LOCALES.map((locale) => ({ ...s, locale })));

describe('every notice in every language', () => {
  it('has a sample for every template', () => {
    expect(new Set(SAMPLES.map((s) => s.template))).toEqual(new Set(Object.keys(NOTIFICATION_TEMPLATES)));
  });

  it.each(cases)('$template ($variant) in $locale: nothing empty or repeated, its facts in the email and the SMS', (c) => {
    const f = formattersFor(c.locale, URL);
    const copy = copyOf(c.template, c.data as never, c.locale);
    const facts = c.facts(f);
    expect(copy.subject.trim()).not.toBe('');
    expect(copy.sms.trim()).not.toBe('');
    expect(copy.lines.length).toBeGreaterThan(0);
    for (const line of copy.lines) expect(line.trim(), `a line of ${c.template}`).not.toBe('');
    expect(new Set(copy.lines).size).toBe(copy.lines.length);
    const text = [copy.subject, ...copy.lines].join('\n');
    for (const fact of facts.text) expect(text, `${c.template} email`).toContain(fact);
    for (const fact of facts.sms) expect(copy.sms, `${c.template} SMS`).toContain(fact);
    expect(copy.link?.path).toBe(facts.link);
    if (copy.link) expect(copy.link.label.trim()).not.toBe('');
    // A translated notice is in its own language, not English with the facts swapped in.
    if (c.locale !== 'en') {
      const english = copyOf(c.template, c.data as never, 'en');
      expect(copy.subject).not.toBe(english.subject);
      expect(copy.sms).not.toBe(english.sms);
      copy.lines.forEach((line, i) => {
        // A name on a line of its own (a reminder's title) reads the same in every language.
        if (line !== (c.data as { title?: string }).title) expect(line).not.toBe(english.lines[i]);
      });
      if (copy.link) expect(copy.link.label).not.toBe(english.link?.label);
    }
  });
});

describe('each variant of the data says something different', () => {
  const text = (copy: Copy) => [copy.subject, ...copy.lines, copy.sms, copy.link?.label ?? ''].join('\n');

  it.each(NOTIFICATION_LOCALES)('%s: a rental and a seat name their start, their link and their reminder differently', (locale) => {
    for (const template of ['booking.held', 'booking.confirmed', 'booking.reminder'] as const) {
      const data = { expiresAt, hoursBefore: 2 };
      const a = copyOf(template, { ...rental, ...data }, locale);
      const b = copyOf(template, { ...seat, ...data, title: rental.title }, locale);
      expect(a.lines.find((l) => l.endsWith(at(formattersFor(locale, URL), rental.startsAt)))).not.toBe(
        b.lines.find((l) => l.endsWith(at(formattersFor(locale, URL), rental.startsAt))),
      );
      if (template !== 'booking.held') expect(a.link?.label).not.toBe(b.link?.label);
      if (template === 'booking.reminder') {
        expect(a.subject).not.toBe(b.subject);
        expect(a.sms).not.toBe(b.sms);
      }
    }
  });

  it.each([
    // locale, the rental's start label, the seat's
    ['en', 'Pickup', 'Departure'],
    ['si', 'ලබාගැනීම', 'පිටත්වීම'],
    ['ta', 'வாகனம் பெறுதல்', 'புறப்பாடு'],
  ] as const)('%s: a rental starts at its pickup, a seat at its departure', (locale, pickup, departure) => {
    const f = formattersFor(locale, URL);
    expect(copyOf('booking.confirmed', rental, locale).lines).toContain(`${pickup}: ${at(f, rental.startsAt)}`);
    expect(copyOf('booking.confirmed', seat, locale).lines).toContain(`${departure}: ${at(f, seat.startsAt)}`);
  });

  it.each([
    // locale, a seat's link (its ticket), a rental's reminder (the vehicle), a seat's reminder (the bus)
    ['en', 'View your ticket', 'pickup', 'bus'],
    ['si', 'ඔබගේ ප්‍රවේශපත්‍රය බලන්න', 'වාහනය', 'බස්'],
    ['ta', 'உங்கள் டிக்கெட்டைப் பார்க்கவும்', 'வாகன', 'பேருந்து'],
  ] as const)('%s: a seat links to its ticket; a reminder names the vehicle or the bus', (locale, ticket, vehicle, bus) => {
    expect(copyOf('booking.confirmed', seat, locale).link?.label).toBe(ticket);
    expect(copyOf('booking.reminder', { ...seat, hoursBefore: 2 }, locale).link?.label).toBe(ticket);
    expect(copyOf('booking.confirmed', rental, locale).link?.label).not.toBe(ticket);
    expect(copyOf('booking.reminder', { ...rental, hoursBefore: 2 }, locale).subject).toContain(vehicle);
    expect(copyOf('booking.reminder', { ...seat, hoursBefore: 2 }, locale).subject).toContain(bus);
  });

  it('en: a top-up names no booking at all', () => {
    const f = formattersFor('en', URL);
    expect(copyOf('payment.failed', { amountMinor: 4599, currency: 'LKR', bookingId: null }, 'en').lines[0]).toBe(
      `The payment of ${lkr(f, 4599)} was declined or could not be completed.`,
    );
  });

  it('en: a seat links to its ticket, a rental to its booking; a reminder counts one hour or several', () => {
    expect(copyOf('booking.confirmed', seat, 'en').link?.label).toBe('View your ticket');
    expect(copyOf('booking.confirmed', rental, 'en').link?.label).toBe('View your booking');
    expect(copyOf('booking.reminder', { ...seat, hoursBefore: 1 }, 'en').link?.label).toBe('View your ticket');
    expect(copyOf('booking.reminder', { ...rental, hoursBefore: 1 }, 'en').subject).toBe('Reminder: your pickup is in 1 hour');
    expect(copyOf('booking.reminder', { ...rental, hoursBefore: 2 }, 'en').subject).toBe('Reminder: your pickup is in 2 hours');
    expect(copyOf('booking.reminder', { ...seat, hoursBefore: 1 }, 'en').subject).toBe('Reminder: your bus departs in 1 hour');
    expect(copyOf('booking.reminder', { ...seat, hoursBefore: 3 }, 'en').subject).toBe('Reminder: your bus departs in 3 hours');
    expect(copyOf('booking.reminder', { ...rental, hoursBefore: 2 }, 'en').sms).toContain(
      `pickup ${at(formattersFor('en', URL), rental.startsAt)}`,
    );
  });

  it.each(NOTIFICATION_LOCALES)('%s: a refund due is named with its amount, no refund names no amount', (locale) => {
    const f = formattersFor(locale, URL);
    for (const template of ['booking.cancelled', 'trip.cancelled'] as const) {
      const due = copyOf(template, { ...seat, reason: null }, locale);
      const none = copyOf(template, { ...seat, amountMinor: 0, reason: null }, locale);
      expect(due.lines.join('\n')).toContain(lkr(f, seat.amountMinor));
      expect(none.lines.join('\n')).not.toContain(lkr(f, 0));
      expect(none.lines.at(-1)).not.toBe(due.lines.at(-1));
      expect(none.lines).toHaveLength(due.lines.length);
    }
    // One minor unit is still a refund.
    expect(copyOf('booking.cancelled', { ...rental, amountMinor: 1 }, locale).lines.join('\n')).toContain(lkr(f, 1));
  });

  it.each(NOTIFICATION_LOCALES)('%s: a trip cancelled with a reason gives it on its own line, without one it adds nothing', (locale) => {
    const given = copyOf('trip.cancelled', { ...seat, reason: 'Bus breakdown' }, locale);
    const none = copyOf('trip.cancelled', { ...seat, reason: null }, locale);
    expect(given.lines.filter((l) => !l.includes('Bus breakdown'))).toEqual(none.lines);
    expect(given.lines).toHaveLength(none.lines.length + 1);
  });

  it.each(NOTIFICATION_LOCALES)('%s: a refund to the wallet says so, one to the card says otherwise', (locale) => {
    const data = { amountMinor: 625_025, currency: 'LKR', bookingId: BOOKING_ID };
    const wallet = copyOf('refund.issued', { ...data, toWallet: true }, locale);
    const card = copyOf('refund.issued', { ...data, toWallet: false }, locale);
    expect(text(wallet)).not.toBe(text(card));
    expect(wallet.lines.at(-1)).toMatch(/Fareway/);
    expect(card.lines.at(-1)).not.toMatch(/Fareway/);
  });

  it.each(NOTIFICATION_LOCALES)('%s: a payment for a booking names it and retries there; a top-up retries at the wallet', (locale) => {
    const f = formattersFor(locale, URL);
    const booked = copyOf('payment.failed', { amountMinor: 4599, currency: 'LKR', bookingId: BOOKING_ID }, locale);
    const topUp = copyOf('payment.failed', { amountMinor: 4599, currency: 'LKR', bookingId: null }, locale);
    expect(booked.lines.join('\n')).toContain(REF);
    expect(topUp.lines.join('\n')).not.toContain('FW-');
    expect(topUp.sms).toContain(f.url('/wallet'));
    expect(booked.sms).not.toContain(f.url('/wallet'));
    const refunded = copyOf('refund.issued', { amountMinor: 1, currency: 'LKR', bookingId: null, toWallet: true }, locale);
    expect(`${refunded.lines.join('\n')}${refunded.sms}`).not.toContain('FW-');
  });
});
