import { bookingReference, type Formatters, type NotificationLocale } from './notification-format';

/** What a booking notice says about its booking. `amountMinor` is the amount the notice is about (see each template). */
export interface BookingFacts {
  bookingId: string;
  kind: 'rental' | 'seat';
  /** `Toyota Aqua 2019` or `Colombo → Kandy, seats 1A, 1B`: names, not translated. */
  title: string;
  startsAt: Date;
  /** The vehicle's or the trip's IANA zone: times are shown on its wall clock. */
  timeZone: string;
  amountMinor: number;
  currency: string;
}

export interface Copy {
  subject: string;
  /** Paragraphs of the email (plain text and HTML are both built from them). */
  lines: string[];
  sms: string;
  link?: { label: string; path: string };
}

export type CopyOf<D> = Record<NotificationLocale, (data: D, f: Formatters) => Copy>;

const bookingPath = (d: BookingFacts) => `/bookings/${d.bookingId}`;

const startLabel = {
  en: (d: BookingFacts) => (d.kind === 'rental' ? 'Pickup' : 'Departure'),
  si: (d: BookingFacts) => (d.kind === 'rental' ? 'ලබාගැනීම' : 'පිටත්වීම'),
  ta: (d: BookingFacts) => (d.kind === 'rental' ? 'வாகனம் பெறுதல்' : 'புறப்பாடு'),
} satisfies Record<NotificationLocale, (d: BookingFacts) => string>;

/** A hold awaiting payment; `amountMinor` is the total to pay. */
export const bookingHeld: CopyOf<BookingFacts & { expiresAt: Date }> = {
  en: (d, f) => ({
    subject: `Booking ${bookingReference(d.bookingId)} is held until ${f.time(d.expiresAt, d.timeZone)}`,
    lines: [
      `We are holding ${d.title} for you.`,
      `${startLabel.en(d)}: ${f.time(d.startsAt, d.timeZone)}`,
      `Total: ${f.money(d.amountMinor, d.currency)}`,
      `Pay before ${f.time(d.expiresAt, d.timeZone)} to confirm it; after that the hold is released.`,
    ],
    sms: `Fareway: ${d.title} is held for you until ${f.time(d.expiresAt, d.timeZone)}. Pay ${f.money(d.amountMinor, d.currency)} to confirm booking ${bookingReference(d.bookingId)}: ${f.url(bookingPath(d))}`,
    link: { label: 'Pay now', path: bookingPath(d) },
  }),
  si: (d, f) => ({
    subject: `වෙන්කිරීම ${bookingReference(d.bookingId)} ${f.time(d.expiresAt, d.timeZone)} දක්වා රඳවා ඇත`,
    lines: [
      `අපි ඔබ වෙනුවෙන් ${d.title} රඳවා තබා ඇත්තෙමු.`,
      `${startLabel.si(d)}: ${f.time(d.startsAt, d.timeZone)}`,
      `මුළු මුදල: ${f.money(d.amountMinor, d.currency)}`,
      `එය තහවුරු කිරීමට ${f.time(d.expiresAt, d.timeZone)} ට පෙර ගෙවන්න; ඉන් පසු රඳවා තැබීම අවලංගු වේ.`,
    ],
    sms: `Fareway: ${d.title} ඔබ වෙනුවෙන් ${f.time(d.expiresAt, d.timeZone)} දක්වා රඳවා ඇත. වෙන්කිරීම ${bookingReference(d.bookingId)} තහවුරු කිරීමට ${f.money(d.amountMinor, d.currency)} ගෙවන්න: ${f.url(bookingPath(d))}`,
    link: { label: 'දැන් ගෙවන්න', path: bookingPath(d) },
  }),
  ta: (d, f) => ({
    subject: `முன்பதிவு ${bookingReference(d.bookingId)} ${f.time(d.expiresAt, d.timeZone)} வரை ஒதுக்கப்பட்டுள்ளது`,
    lines: [
      `உங்களுக்காக ${d.title} ஒதுக்கி வைக்கப்பட்டுள்ளது.`,
      `${startLabel.ta(d)}: ${f.time(d.startsAt, d.timeZone)}`,
      `மொத்தம்: ${f.money(d.amountMinor, d.currency)}`,
      `உறுதிப்படுத்த ${f.time(d.expiresAt, d.timeZone)} க்கு முன் பணம் செலுத்துங்கள்; அதன் பிறகு ஒதுக்கீடு விடுவிக்கப்படும்.`,
    ],
    sms: `Fareway: ${d.title} உங்களுக்காக ${f.time(d.expiresAt, d.timeZone)} வரை ஒதுக்கப்பட்டுள்ளது. முன்பதிவு ${bookingReference(d.bookingId)} ஐ உறுதிப்படுத்த ${f.money(d.amountMinor, d.currency)} செலுத்துங்கள்: ${f.url(bookingPath(d))}`,
    link: { label: 'இப்போது செலுத்துங்கள்', path: bookingPath(d) },
  }),
};

/** Paid and confirmed; `amountMinor` is what was paid. */
export const bookingConfirmed: CopyOf<BookingFacts> = {
  en: (d, f) => ({
    subject: `Booking ${bookingReference(d.bookingId)} confirmed`,
    lines: [
      `Your booking is confirmed: ${d.title}.`,
      `${startLabel.en(d)}: ${f.time(d.startsAt, d.timeZone)}`,
      `Paid: ${f.money(d.amountMinor, d.currency)}`,
      `Booking reference: ${bookingReference(d.bookingId)}`,
    ],
    sms: `Fareway: booking ${bookingReference(d.bookingId)} confirmed. ${d.title}, ${f.time(d.startsAt, d.timeZone)}. Paid ${f.money(d.amountMinor, d.currency)}. ${f.url(bookingPath(d))}`,
    link: { label: d.kind === 'seat' ? 'View your ticket' : 'View your booking', path: bookingPath(d) },
  }),
  si: (d, f) => ({
    subject: `වෙන්කිරීම ${bookingReference(d.bookingId)} තහවුරු කළා`,
    lines: [
      `ඔබගේ වෙන්කිරීම තහවුරු කර ඇත: ${d.title}.`,
      `${startLabel.si(d)}: ${f.time(d.startsAt, d.timeZone)}`,
      `ගෙවූ මුදල: ${f.money(d.amountMinor, d.currency)}`,
      `වෙන්කිරීමේ අංකය: ${bookingReference(d.bookingId)}`,
    ],
    sms: `Fareway: වෙන්කිරීම ${bookingReference(d.bookingId)} තහවුරුයි. ${d.title}, ${f.time(d.startsAt, d.timeZone)}. ගෙවූ මුදල ${f.money(d.amountMinor, d.currency)}. ${f.url(bookingPath(d))}`,
    link: { label: d.kind === 'seat' ? 'ඔබගේ ප්‍රවේශපත්‍රය බලන්න' : 'ඔබගේ වෙන්කිරීම බලන්න', path: bookingPath(d) },
  }),
  ta: (d, f) => ({
    subject: `முன்பதிவு ${bookingReference(d.bookingId)} உறுதிசெய்யப்பட்டது`,
    lines: [
      `உங்கள் முன்பதிவு உறுதிசெய்யப்பட்டது: ${d.title}.`,
      `${startLabel.ta(d)}: ${f.time(d.startsAt, d.timeZone)}`,
      `செலுத்தியது: ${f.money(d.amountMinor, d.currency)}`,
      `முன்பதிவு எண்: ${bookingReference(d.bookingId)}`,
    ],
    sms: `Fareway: முன்பதிவு ${bookingReference(d.bookingId)} உறுதிசெய்யப்பட்டது. ${d.title}, ${f.time(d.startsAt, d.timeZone)}. செலுத்தியது ${f.money(d.amountMinor, d.currency)}. ${f.url(bookingPath(d))}`,
    link: { label: d.kind === 'seat' ? 'உங்கள் டிக்கெட்டைப் பார்க்கவும்' : 'உங்கள் முன்பதிவைப் பார்க்கவும்', path: bookingPath(d) },
  }),
};

/** Cancelled by the customer (or an admin); `amountMinor` is the refund due under the booking's policy. */
export const bookingCancelled: CopyOf<BookingFacts> = {
  en: (d, f) => ({
    subject: `Booking ${bookingReference(d.bookingId)} cancelled`,
    lines: [
      `Your booking ${d.title} (${f.time(d.startsAt, d.timeZone)}) is cancelled.`,
      d.amountMinor > 0
        ? `A refund of ${f.money(d.amountMinor, d.currency)} is on its way.`
        : 'No refund is due under the cancellation policy.',
    ],
    sms: `Fareway: booking ${bookingReference(d.bookingId)} is cancelled. Refund: ${f.money(d.amountMinor, d.currency)}.`,
    link: { label: 'View your booking', path: bookingPath(d) },
  }),
  si: (d, f) => ({
    subject: `වෙන්කිරීම ${bookingReference(d.bookingId)} අවලංගු කළා`,
    lines: [
      `ඔබගේ වෙන්කිරීම ${d.title} (${f.time(d.startsAt, d.timeZone)}) අවලංගු කර ඇත.`,
      d.amountMinor > 0 ? `${f.money(d.amountMinor, d.currency)} ක මුදල් ආපසු ගෙවීමක් සිදු වෙමින් පවතී.` : 'අවලංගු කිරීමේ ප්‍රතිපත්තිය අනුව ආපසු ගෙවීමක් නොමැත.',
    ],
    sms: `Fareway: වෙන්කිරීම ${bookingReference(d.bookingId)} අවලංගුයි. ආපසු ගෙවීම: ${f.money(d.amountMinor, d.currency)}.`,
    link: { label: 'ඔබගේ වෙන්කිරීම බලන්න', path: bookingPath(d) },
  }),
  ta: (d, f) => ({
    subject: `முன்பதிவு ${bookingReference(d.bookingId)} ரத்துசெய்யப்பட்டது`,
    lines: [
      `உங்கள் முன்பதிவு ${d.title} (${f.time(d.startsAt, d.timeZone)}) ரத்துசெய்யப்பட்டது.`,
      d.amountMinor > 0 ? `${f.money(d.amountMinor, d.currency)} பணத்திருப்பம் அனுப்பப்படுகிறது.` : 'ரத்துக் கொள்கையின்படி பணத்திருப்பம் இல்லை.',
    ],
    sms: `Fareway: முன்பதிவு ${bookingReference(d.bookingId)} ரத்துசெய்யப்பட்டது. பணத்திருப்பம்: ${f.money(d.amountMinor, d.currency)}.`,
    link: { label: 'உங்கள் முன்பதிவைப் பார்க்கவும்', path: bookingPath(d) },
  }),
};

/** Before pickup or departure; `hoursBefore` is the reminder's lead (24, 2, ...). */
export const bookingReminder: CopyOf<BookingFacts & { hoursBefore: number }> = {
  en: (d, f) => ({
    subject:
      d.kind === 'rental'
        ? `Reminder: your pickup is in ${d.hoursBefore} ${d.hoursBefore === 1 ? 'hour' : 'hours'}`
        : `Reminder: your bus departs in ${d.hoursBefore} ${d.hoursBefore === 1 ? 'hour' : 'hours'}`,
    lines: [d.title, `${startLabel.en(d)}: ${f.time(d.startsAt, d.timeZone)}`, `Booking reference: ${bookingReference(d.bookingId)}`],
    sms: `Fareway reminder: ${d.title}, ${startLabel.en(d).toLowerCase()} ${f.time(d.startsAt, d.timeZone)}. Booking ${bookingReference(d.bookingId)}. ${f.url(bookingPath(d))}`,
    link: { label: d.kind === 'seat' ? 'View your ticket' : 'View your booking', path: bookingPath(d) },
  }),
  si: (d, f) => ({
    subject:
      d.kind === 'rental' ? `මතක් කිරීම: ඔබගේ වාහනය ලබාගැනීමට පැය ${d.hoursBefore}ක් ඇත` : `මතක් කිරීම: ඔබගේ බස් රථය පැය ${d.hoursBefore}කින් පිටත් වේ`,
    lines: [d.title, `${startLabel.si(d)}: ${f.time(d.startsAt, d.timeZone)}`, `වෙන්කිරීමේ අංකය: ${bookingReference(d.bookingId)}`],
    sms: `Fareway මතක් කිරීම: ${d.title}, ${startLabel.si(d)} ${f.time(d.startsAt, d.timeZone)}. වෙන්කිරීම ${bookingReference(d.bookingId)}. ${f.url(bookingPath(d))}`,
    link: { label: d.kind === 'seat' ? 'ඔබගේ ප්‍රවේශපත්‍රය බලන්න' : 'ඔබගේ වෙන්කිරීම බලන්න', path: bookingPath(d) },
  }),
  ta: (d, f) => ({
    subject:
      d.kind === 'rental'
        ? `நினைவூட்டல்: உங்கள் வாகனத்தை ${d.hoursBefore} மணி நேரத்தில் பெற வேண்டும்`
        : `நினைவூட்டல்: உங்கள் பேருந்து ${d.hoursBefore} மணி நேரத்தில் புறப்படும்`,
    lines: [d.title, `${startLabel.ta(d)}: ${f.time(d.startsAt, d.timeZone)}`, `முன்பதிவு எண்: ${bookingReference(d.bookingId)}`],
    sms: `Fareway நினைவூட்டல்: ${d.title}, ${startLabel.ta(d)} ${f.time(d.startsAt, d.timeZone)}. முன்பதிவு ${bookingReference(d.bookingId)}. ${f.url(bookingPath(d))}`,
    link: { label: d.kind === 'seat' ? 'உங்கள் டிக்கெட்டைப் பார்க்கவும்' : 'உங்கள் முன்பதிவைப் பார்க்கவும்', path: bookingPath(d) },
  }),
};

/** A hold that lapsed unpaid; nothing was charged. */
export const bookingHoldExpired: CopyOf<BookingFacts> = {
  en: (d) => ({
    subject: `Your hold on ${d.title} has expired`,
    lines: [
      `You did not pay for booking ${bookingReference(d.bookingId)} in time, so the hold has been released.`,
      'You have not been charged. You can book again if it is still available.',
    ],
    sms: `Fareway: your hold ${bookingReference(d.bookingId)} on ${d.title} has expired. You have not been charged.`,
  }),
  si: (d) => ({
    subject: `${d.title} සඳහා ඔබගේ රඳවා තැබීම කල් ඉකුත් විය`,
    lines: [
      `වෙන්කිරීම ${bookingReference(d.bookingId)} සඳහා නියමිත කාලය තුළ ගෙවීමක් නොලැබුණු බැවින් රඳවා තැබීම මුදා හරින ලදී.`,
      'ඔබෙන් කිසිදු මුදලක් අය කර නැත. තවමත් ලබා ගත හැකි නම් ඔබට නැවත වෙන්කළ හැක.',
    ],
    sms: `Fareway: ${d.title} සඳහා ඔබගේ රඳවා තැබීම ${bookingReference(d.bookingId)} කල් ඉකුත් විය. ඔබෙන් මුදල් අය කර නැත.`,
  }),
  ta: (d) => ({
    subject: `${d.title} மீதான உங்கள் ஒதுக்கீடு காலாவதியானது`,
    lines: [
      `முன்பதிவு ${bookingReference(d.bookingId)} க்கு உரிய நேரத்தில் பணம் செலுத்தப்படாததால் ஒதுக்கீடு விடுவிக்கப்பட்டது.`,
      'உங்களிடம் கட்டணம் எதுவும் வசூலிக்கப்படவில்லை. இன்னும் கிடைத்தால் மீண்டும் முன்பதிவு செய்யலாம்.',
    ],
    sms: `Fareway: ${d.title} மீதான உங்கள் ஒதுக்கீடு ${bookingReference(d.bookingId)} காலாவதியானது. கட்டணம் எதுவும் வசூலிக்கப்படவில்லை.`,
  }),
};

/** The operator cancelled the trip; `amountMinor` is the full refund of what was paid. */
export const tripCancelled: CopyOf<BookingFacts & { reason: string | null }> = {
  en: (d, f) => ({
    subject: `Your trip ${d.title} is cancelled`,
    lines: [
      `The operator has cancelled the trip ${d.title} departing ${f.time(d.startsAt, d.timeZone)}.`,
      ...(d.reason ? [`Reason: ${d.reason}`] : []),
      d.amountMinor > 0
        ? `Your booking ${bookingReference(d.bookingId)} is cancelled and ${f.money(d.amountMinor, d.currency)} will be refunded in full.`
        : `Your booking ${bookingReference(d.bookingId)} is cancelled. You have not been charged.`,
    ],
    sms: `Fareway: the operator cancelled ${d.title}, departing ${f.time(d.startsAt, d.timeZone)}. Booking ${bookingReference(d.bookingId)}: ${f.money(d.amountMinor, d.currency)} will be refunded in full.`,
    link: { label: 'View your booking', path: bookingPath(d) },
  }),
  si: (d, f) => ({
    subject: `ඔබගේ ගමන ${d.title} අවලංගු කර ඇත`,
    lines: [
      `${f.time(d.startsAt, d.timeZone)} පිටත් වීමට නියමිතව තිබූ ${d.title} ගමන මෙහෙයුම්කරු විසින් අවලංගු කර ඇත.`,
      ...(d.reason ? [`හේතුව: ${d.reason}`] : []),
      d.amountMinor > 0
        ? `ඔබගේ වෙන්කිරීම ${bookingReference(d.bookingId)} අවලංගු කර ඇති අතර ${f.money(d.amountMinor, d.currency)} සම්පූර්ණයෙන්ම ආපසු ගෙවනු ලැබේ.`
        : `ඔබගේ වෙන්කිරීම ${bookingReference(d.bookingId)} අවලංගු කර ඇත. ඔබෙන් මුදල් අය කර නැත.`,
    ],
    sms: `Fareway: ${f.time(d.startsAt, d.timeZone)} පිටත් වීමට තිබූ ${d.title} ගමන මෙහෙයුම්කරු අවලංගු කළේය. වෙන්කිරීම ${bookingReference(d.bookingId)}: ${f.money(d.amountMinor, d.currency)} සම්පූර්ණයෙන්ම ආපසු ගෙවනු ලැබේ.`,
    link: { label: 'ඔබගේ වෙන්කිරීම බලන්න', path: bookingPath(d) },
  }),
  ta: (d, f) => ({
    subject: `உங்கள் பயணம் ${d.title} ரத்துசெய்யப்பட்டது`,
    lines: [
      `${f.time(d.startsAt, d.timeZone)} புறப்பட இருந்த ${d.title} பயணத்தை இயக்குநர் ரத்துசெய்துள்ளார்.`,
      ...(d.reason ? [`காரணம்: ${d.reason}`] : []),
      d.amountMinor > 0
        ? `உங்கள் முன்பதிவு ${bookingReference(d.bookingId)} ரத்துசெய்யப்பட்டது; ${f.money(d.amountMinor, d.currency)} முழுமையாகத் திருப்பித் தரப்படும்.`
        : `உங்கள் முன்பதிவு ${bookingReference(d.bookingId)} ரத்துசெய்யப்பட்டது. கட்டணம் எதுவும் வசூலிக்கப்படவில்லை.`,
    ],
    sms: `Fareway: ${f.time(d.startsAt, d.timeZone)} புறப்பட இருந்த ${d.title} பயணத்தை இயக்குநர் ரத்துசெய்தார். முன்பதிவு ${bookingReference(d.bookingId)}: ${f.money(d.amountMinor, d.currency)} முழுமையாகத் திருப்பித் தரப்படும்.`,
    link: { label: 'உங்கள் முன்பதிவைப் பார்க்கவும்', path: bookingPath(d) },
  }),
};
