import type { CopyOf } from './booking-templates';
import { bookingReference } from './notification-format';

export interface PaymentFacts {
  amountMinor: number;
  currency: string;
  /** The booking it was for; null for a wallet top-up. */
  bookingId: string | null;
}

const forBooking = (d: PaymentFacts, text: (ref: string) => string) => (d.bookingId ? text(bookingReference(d.bookingId)) : '');
const retryPath = (d: PaymentFacts) => (d.bookingId ? `/bookings/${d.bookingId}` : '/wallet');

/** A gateway declined (or failed) a payment; nothing was taken. */
export const paymentFailed: CopyOf<PaymentFacts> = {
  en: (d, f) => ({
    subject: `Your payment of ${f.money(d.amountMinor, d.currency)} did not go through`,
    lines: [
      `The payment of ${f.money(d.amountMinor, d.currency)}${forBooking(d, (r) => ` for booking ${r}`)} was declined or could not be completed.`,
      'You have not been charged. You can try again, with another card or from your wallet.',
    ],
    sms: `Fareway: your payment of ${f.money(d.amountMinor, d.currency)} did not go through. You have not been charged. ${f.url(retryPath(d))}`,
    link: { label: 'Try again', path: retryPath(d) },
  }),
  si: (d, f) => ({
    subject: `ඔබගේ ${f.money(d.amountMinor, d.currency)} ගෙවීම සාර්ථක නොවීය`,
    lines: [
      `${f.money(d.amountMinor, d.currency)} ගෙවීම${forBooking(d, (r) => ` (වෙන්කිරීම ${r})`)} ප්‍රතික්ෂේප විය හෝ සම්පූර්ණ කළ නොහැකි විය.`,
      'ඔබෙන් මුදල් අය කර නැත. වෙනත් කාඩ්පතකින් හෝ ඔබගේ පසුම්බියෙන් නැවත උත්සාහ කරන්න.',
    ],
    sms: `Fareway: ඔබගේ ${f.money(d.amountMinor, d.currency)} ගෙවීම සාර්ථක නොවීය. ඔබෙන් මුදල් අය කර නැත. ${f.url(retryPath(d))}`,
    link: { label: 'නැවත උත්සාහ කරන්න', path: retryPath(d) },
  }),
  ta: (d, f) => ({
    subject: `உங்கள் ${f.money(d.amountMinor, d.currency)} கட்டணம் நிறைவேறவில்லை`,
    lines: [
      `${f.money(d.amountMinor, d.currency)} கட்டணம்${forBooking(d, (r) => ` (முன்பதிவு ${r})`)} நிராகரிக்கப்பட்டது அல்லது முடிக்க முடியவில்லை.`,
      'உங்களிடம் கட்டணம் வசூலிக்கப்படவில்லை. வேறு அட்டை அல்லது உங்கள் பணப்பையிலிருந்து மீண்டும் முயற்சிக்கவும்.',
    ],
    sms: `Fareway: உங்கள் ${f.money(d.amountMinor, d.currency)} கட்டணம் நிறைவேறவில்லை. கட்டணம் வசூலிக்கப்படவில்லை. ${f.url(retryPath(d))}`,
    link: { label: 'மீண்டும் முயற்சிக்கவும்', path: retryPath(d) },
  }),
};

/** A capture that arrived after its booking could no longer be held: refunded in full (payments/apply-gateway-payment). */
export const paymentOrphanRefund: CopyOf<PaymentFacts> = {
  en: (d, f) => ({
    subject: `Your payment of ${f.money(d.amountMinor, d.currency)} is being refunded`,
    lines: [
      `Your payment of ${f.money(d.amountMinor, d.currency)} arrived after your booking could no longer be held.`,
      'It is being refunded in full.',
    ],
    sms: `Fareway: your payment of ${f.money(d.amountMinor, d.currency)} arrived after your booking could no longer be held. It is being refunded in full.`,
  }),
  si: (d, f) => ({
    subject: `ඔබගේ ${f.money(d.amountMinor, d.currency)} ගෙවීම ආපසු ගෙවනු ලැබේ`,
    lines: [
      `ඔබගේ ${f.money(d.amountMinor, d.currency)} ගෙවීම ලැබුණේ ඔබගේ වෙන්කිරීම තවදුරටත් රඳවා තැබිය නොහැකි වූ පසුවය.`,
      'එය සම්පූර්ණයෙන්ම ආපසු ගෙවනු ලැබේ.',
    ],
    sms: `Fareway: ඔබගේ ${f.money(d.amountMinor, d.currency)} ගෙවීම ලැබුණේ ඔබගේ වෙන්කිරීම තවදුරටත් රඳවා තැබිය නොහැකි වූ පසුවය. එය සම්පූර්ණයෙන්ම ආපසු ගෙවනු ලැබේ.`,
  }),
  ta: (d, f) => ({
    subject: `உங்கள் ${f.money(d.amountMinor, d.currency)} கட்டணம் திருப்பித் தரப்படுகிறது`,
    lines: [
      `உங்கள் முன்பதிவை இனி வைத்திருக்க முடியாத பின்னரே உங்கள் ${f.money(d.amountMinor, d.currency)} கட்டணம் வந்தது.`,
      'அது முழுமையாகத் திருப்பித் தரப்படுகிறது.',
    ],
    sms: `Fareway: உங்கள் முன்பதிவை இனி வைத்திருக்க முடியாத பின்னரே உங்கள் ${f.money(d.amountMinor, d.currency)} கட்டணம் வந்தது. அது முழுமையாகத் திருப்பித் தரப்படுகிறது.`,
  }),
};

/** A refund executed (gateway or wallet). */
export const refundIssued: CopyOf<PaymentFacts & { toWallet: boolean }> = {
  en: (d, f) => ({
    subject: `Refund of ${f.money(d.amountMinor, d.currency)} issued`,
    lines: [
      `We have refunded ${f.money(d.amountMinor, d.currency)}${forBooking(d, (r) => ` for booking ${r}`)}.`,
      d.toWallet
        ? 'It is in your Fareway wallet now.'
        : 'It goes back to the card or account you paid with; your bank may take a few days to show it.',
    ],
    sms: `Fareway: a refund of ${f.money(d.amountMinor, d.currency)} has been issued${forBooking(d, (r) => ` for booking ${r}`)}.`,
  }),
  si: (d, f) => ({
    subject: `${f.money(d.amountMinor, d.currency)} ආපසු ගෙවීම නිකුත් කළා`,
    lines: [
      `අපි ${f.money(d.amountMinor, d.currency)}${forBooking(d, (r) => ` (වෙන්කිරීම ${r})`)} ආපසු ගෙව්වෙමු.`,
      d.toWallet ? 'එය දැන් ඔබගේ Fareway පසුම්බියේ ඇත.' : 'එය ඔබ ගෙවූ කාඩ්පතට හෝ ගිණුමට ආපසු යයි; ඔබගේ බැංකුවේ එය පෙන්වීමට දින කිහිපයක් ගත විය හැක.',
    ],
    sms: `Fareway: ${f.money(d.amountMinor, d.currency)} ආපසු ගෙවීමක් නිකුත් කර ඇත${forBooking(d, (r) => ` (වෙන්කිරීම ${r})`)}.`,
  }),
  ta: (d, f) => ({
    subject: `${f.money(d.amountMinor, d.currency)} பணத்திருப்பம் வழங்கப்பட்டது`,
    lines: [
      `நாங்கள் ${f.money(d.amountMinor, d.currency)}${forBooking(d, (r) => ` (முன்பதிவு ${r})`)} திருப்பி அளித்துள்ளோம்.`,
      d.toWallet
        ? 'அது இப்போது உங்கள் Fareway பணப்பையில் உள்ளது.'
        : 'நீங்கள் பணம் செலுத்திய அட்டை அல்லது கணக்கிற்கு அது திரும்பும்; உங்கள் வங்கியில் தெரிய சில நாட்கள் ஆகலாம்.',
    ],
    sms: `Fareway: ${f.money(d.amountMinor, d.currency)} பணத்திருப்பம் வழங்கப்பட்டது${forBooking(d, (r) => ` (முன்பதிவு ${r})`)}.`,
  }),
};

/** A partner's statement for a period is computed (settlements). */
export const settlementReady: CopyOf<{ settlementId: string; period: string; netPayableMinor: number; currency: string }> = {
  en: (d, f) => ({
    subject: `Your statement for ${f.month(d.period)} is ready`,
    lines: [
      `Your settlement statement for ${f.month(d.period)} is ready.`,
      `Net payable to you: ${f.money(d.netPayableMinor, d.currency)}`,
      `Statement: ${d.settlementId}`,
    ],
    sms: `Fareway: your statement for ${f.month(d.period)} is ready. Net payable: ${f.money(d.netPayableMinor, d.currency)}.`,
  }),
  si: (d, f) => ({
    subject: `${f.month(d.period)} සඳහා ඔබගේ ප්‍රකාශය සූදානම්`,
    lines: [
      `${f.month(d.period)} සඳහා ඔබගේ පියවීම් ප්‍රකාශය සූදානම්.`,
      `ඔබට ගෙවිය යුතු ශුද්ධ මුදල: ${f.money(d.netPayableMinor, d.currency)}`,
      `ප්‍රකාශය: ${d.settlementId}`,
    ],
    sms: `Fareway: ${f.month(d.period)} සඳහා ඔබගේ ප්‍රකාශය සූදානම්. ශුද්ධ ගෙවීම: ${f.money(d.netPayableMinor, d.currency)}.`,
  }),
  ta: (d, f) => ({
    subject: `${f.month(d.period)} க்கான உங்கள் அறிக்கை தயார்`,
    lines: [
      `${f.month(d.period)} க்கான உங்கள் தீர்வு அறிக்கை தயாராக உள்ளது.`,
      `உங்களுக்குச் செலுத்த வேண்டிய நிகரத் தொகை: ${f.money(d.netPayableMinor, d.currency)}`,
      `அறிக்கை: ${d.settlementId}`,
    ],
    sms: `Fareway: ${f.month(d.period)} க்கான உங்கள் அறிக்கை தயார். நிகரத் தொகை: ${f.money(d.netPayableMinor, d.currency)}.`,
  }),
};
