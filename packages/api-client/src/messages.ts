import type { AppErrorCode } from './errors';

/** The languages the apps speak (the profile's `locale`): English, Sinhala, Tamil. */
export const LANGUAGES = ['en', 'si', 'ta'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Whether `value` is one of LANGUAGES (a stored or typed choice is checked before use). */
export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

type MessageTable = { readonly [Code in AppErrorCode]: string };

/**
 * What every server error code means to a person, in one table for both SPAs.
 * The server's own message is precise but written for developers ("timeZone
 * must be an IANA zone…"); screens show these sentences, next to the field or
 * action concerned. A code added to `@fareway/domain` fails the typecheck here
 * until it has its sentence.
 */
export const ERROR_MESSAGES: MessageTable = {
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

/** ERROR_MESSAGES in Sinhala. */
const ERROR_MESSAGES_SI: MessageTable = {
  VALIDATION_ERROR: 'සමහර විස්තර නැවත බැලිය යුතුයි.',
  OTP_INVALID: 'එම කේතය නිවැරදි නැත. කෙටි පණිවිඩය පරීක්ෂා කර නැවත උත්සාහ කරන්න.',
  OTP_EXPIRED: 'එම කේතය කල් ඉකුත් වී ඇත. නව කේතයක් ඉල්ලන්න.',
  TOKEN_INVALID: 'කරුණාකර නැවත පුරනය වන්න.',
  TOKEN_EXPIRED: 'ඔබේ සැසිය අවසන් විය. කරුණාකර නැවත පුරනය වන්න.',
  INVALID_CREDENTIALS: 'ඊමේල් ලිපිනය හෝ මුරපදය නිවැරදි නැත.',
  FORBIDDEN: 'ඔබට එය කිරීමට අවසර නැත.',
  ACCOUNT_SUSPENDED: 'මෙම ගිණුම අත්හිටුවා ඇත. මෙය වැරැද්දක් යැයි සිතන්නේ නම් සහාය කණ්ඩායම අමතන්න.',
  USER_NOT_FOUND: 'එම පුද්ගලයා සොයාගත නොහැකි විය.',
  ORGANIZATION_NOT_FOUND: 'එම ක්‍රියාකරු සොයාගත නොහැකි විය.',
  NOT_FOUND: 'ඔබ ඉල්ලූ දෙය සොයාගත නොහැකි විය.',
  BOOKING_NOT_FOUND: 'එම වෙන්කිරීම සොයාගත නොහැකි විය.',
  VEHICLE_NOT_FOUND: 'එම මෝටර් රථය සොයාගත නොහැකි විය.',
  TRIP_NOT_FOUND: 'එම ගමන සොයාගත නොහැකි විය.',
  TRIP_NOT_BOOKABLE: 'මෙම ගමනේ ආසන තවදුරටත් වෙන් කළ නොහැක.',
  PAYMENT_NOT_FOUND: 'එම ගෙවීම සොයාගත නොහැකි විය.',
  WEBHOOK_ENDPOINT_NOT_FOUND: 'එම webhook ලිපිනය සොයාගත නොහැකි විය.',
  JOB_NOT_FOUND: 'එම නමින් කාර්යයක් නැත.',
  SETTLEMENT_NOT_FOUND: 'එම ප්‍රකාශනය සොයාගත නොහැකි විය.',
  SETTLEMENT_ALREADY_APPROVED: 'මෙම ප්‍රකාශනය දැනටමත් අනුමත කර ඇත.',
  SETTLEMENT_NOT_APPROVED: 'ගෙවූ බව සලකුණු කිරීමට පෙර ප්‍රකාශනය අනුමත කරන්න.',
  SETTLEMENT_ALREADY_PAID: 'මෙම ප්‍රකාශනය දැනටමත් ගෙවා ඇත.',
  EMAIL_IN_USE: 'එම ඊමේල් ලිපිනය දැනටමත් වෙනත් ගිණුමක් භාවිත කරයි.',
  BOOKING_CONFLICT: 'එම කාලයෙන් කොටසකට මේ මොහොතේ වෙනත් අයෙකු මෙම මෝටර් රථය වෙන් කළා. වෙනත් දින හෝ වෙනත් රථයක් උත්සාහ කරන්න.',
  VEHICLE_UNAVAILABLE: 'මෙම මෝටර් රථය දැනට වෙන් කිරීමට නොමැත.',
  SEATS_UNAVAILABLE: 'එම ආසනවලින් සමහරක් මේ මොහොතේ වෙන් විය. සිතියමෙන් වෙනත් ආසන තෝරන්න.',
  HOLD_EXPIRED: 'ඔබේ රඳවා ගැනීම කල් ඉකුත් වූ බැවින් එය තවදුරටත් ගෙවිය නොහැක. වෙන් කිරීමට නැවත රඳවා ගන්න.',
  HOLD_LIMIT_REACHED: 'ඔබට නොගෙවූ රඳවා ගැනීම් වැඩියි. පළමුව එකක් ගෙවන්න හෝ අවලංගු කරන්න.',
  BOOKING_CANNOT_CANCEL: 'මෙම වෙන්කිරීම තවදුරටත් අවලංගු කළ නොහැක.',
  PAYMENT_FAILED: 'ගෙවීම සාර්ථක නොවූ අතර කිසිවක් අය කර නැත. නැවත උත්සාහ කරන්න හෝ වෙනත් ගෙවීම් ක්‍රමයක් භාවිත කරන්න.',
  INSUFFICIENT_BALANCE: 'මේ සඳහා ඔබේ පසුම්බියේ ප්‍රමාණවත් මුදලක් නැත. එය පුරවන්න හෝ කාඩ්පතෙන් ගෙවන්න.',
  PAYMENT_ALREADY_PROCESSED: 'මෙම වෙන්කිරීම දැනටමත් ගෙවා ඇත.',
  REFUND_EXCEEDS_CAPTURED: 'එම මුදල් ආපසු ගෙවීම ගෙවූ මුදලට වඩා වැඩියි.',
  REFUND_NOT_FOUND: 'එම මුදල් ආපසු ගෙවීම සොයාගත නොහැකි විය.',
  REFUND_NOT_RETRYABLE: 'නැවත උත්සාහ කළ හැක්කේ අසාර්ථක වූ මුදල් ආපසු ගෙවීමක් පමණි; මෙය පොරොත්තුවෙන් හෝ අවසන් වී ඇත.',
  IDEMPOTENCY_KEY_REUSED: 'මෙම ඉල්ලීම වෙනත් විස්තර සමඟ දැනටමත් යවා ඇත. පිටුව නැවත පූරණය කර නැවත උත්සාහ කරන්න.',
  IDEMPOTENCY_KEY_IN_USE: 'එම ඉල්ලීම තවමත් සැකසෙමින් පවතී. මොහොතක් රැඳී නැවත උත්සාහ කරන්න.',
  OTP_RATE_LIMIT: 'කේත වැඩි ගණනක් ඉල්ලා ඇත. නැවත ඉල්ලීමට පෙර ටික වේලාවක් රැඳී සිටින්න.',
  RATE_LIMITED: 'උත්සාහයන් වැඩියි. ටික වේලාවක් රැඳී නැවත උත්සාහ කරන්න.',
  WEBHOOK_SIGNATURE_INVALID: 'ගෙවීම් සේවා සපයන්නා තහවුරු කළ නොහැකි විය.',
  PAYMENT_LINK_INVALID: 'මෙම ගෙවීම් සබැඳිය වලංගු නැත. ඔබේ වෙන්කිරීමෙන් ගෙවීම නැවත විවෘත කරන්න.',
  PAYMENT_LINK_EXPIRED: 'මෙම ගෙවීම් සබැඳිය කල් ඉකුත් වී ඇත. ඔබේ වෙන්කිරීමෙන් ගෙවීම නැවත විවෘත කරන්න.',
  PAYLOAD_TOO_LARGE: 'එම ගොනුව ඉතා විශාලයි.',
  UNSUPPORTED_MEDIA_TYPE: 'එවැනි ගොනු පිළිගනු නොලැබේ. JPEG, PNG හෝ WebP රූපයක් හෝ PDF එකක් භාවිත කරන්න.',
  TICKET_INVALID: 'මෙය ඔබේ ගමන් සඳහා වූ Fareway ටිකට්පතක් නොවේ.',
  TICKET_WRONG_TRIP: 'මෙම ටිකට්පත වෙනත් ගමනක් සඳහායි.',
  TICKET_NOT_VALID: 'මෙම වෙන්කිරීම ගෙවා නැත හෝ අවලංගු කර ඇත: ටිකට්පත වලංගු නොවේ.',
  TICKET_NOT_ISSUED: 'ආසන ගෙවූ පසු ඊ-ටිකට්පත සූදානම් වේ.',
  RECEIPT_NOT_ISSUED: 'වෙන්කිරීම ගෙවූ පසු රිසිට්පත සූදානම් වේ.',
  SERVICE_UNAVAILABLE: 'Fareway කාර්යබහුලයි හෝ යාවත්කාලීන වෙමින් පවතී. මොහොතකින් නැවත උත්සාහ කරන්න.',
  INTERNAL_ERROR: 'අපේ පැත්තෙන් යමක් වැරදුණා. නැවත උත්සාහ කරන්න; දිගටම සිදු වුවහොත් සහාය කණ්ඩායම අමතන්න.',
};

/** ERROR_MESSAGES in Tamil. */
const ERROR_MESSAGES_TA: MessageTable = {
  VALIDATION_ERROR: 'சில விவரங்களை மீண்டும் சரிபார்க்க வேண்டும்.',
  OTP_INVALID: 'அந்தக் குறியீடு சரியில்லை. குறுஞ்செய்தியைப் பார்த்து மீண்டும் முயற்சிக்கவும்.',
  OTP_EXPIRED: 'அந்தக் குறியீடு காலாவதியாகிவிட்டது. புதிய ஒன்றைக் கேளுங்கள்.',
  TOKEN_INVALID: 'தயவுசெய்து மீண்டும் உள்நுழையவும்.',
  TOKEN_EXPIRED: 'உங்கள் அமர்வு முடிந்துவிட்டது. தயவுசெய்து மீண்டும் உள்நுழையவும்.',
  INVALID_CREDENTIALS: 'மின்னஞ்சல் அல்லது கடவுச்சொல் சரியில்லை.',
  FORBIDDEN: 'அதைச் செய்ய உங்களுக்கு அனுமதி இல்லை.',
  ACCOUNT_SUSPENDED: 'இந்தக் கணக்கு இடைநிறுத்தப்பட்டுள்ளது. இது தவறு என்று நினைத்தால் உதவி மையத்தைத் தொடர்புகொள்ளுங்கள்.',
  USER_NOT_FOUND: 'அந்த நபரைக் கண்டுபிடிக்க முடியவில்லை.',
  ORGANIZATION_NOT_FOUND: 'அந்த இயக்குநரைக் கண்டுபிடிக்க முடியவில்லை.',
  NOT_FOUND: 'நீங்கள் கேட்டதைக் கண்டுபிடிக்க முடியவில்லை.',
  BOOKING_NOT_FOUND: 'அந்த முன்பதிவைக் கண்டுபிடிக்க முடியவில்லை.',
  VEHICLE_NOT_FOUND: 'அந்தக் காரைக் கண்டுபிடிக்க முடியவில்லை.',
  TRIP_NOT_FOUND: 'அந்தப் பயணத்தைக் கண்டுபிடிக்க முடியவில்லை.',
  TRIP_NOT_BOOKABLE: 'இந்தப் பயணத்தில் இனி இருக்கைகளை முன்பதிவு செய்ய முடியாது.',
  PAYMENT_NOT_FOUND: 'அந்தக் கட்டணத்தைக் கண்டுபிடிக்க முடியவில்லை.',
  WEBHOOK_ENDPOINT_NOT_FOUND: 'அந்த webhook முகவரியைக் கண்டுபிடிக்க முடியவில்லை.',
  JOB_NOT_FOUND: 'அந்தப் பெயரில் எந்தப் பணியும் இல்லை.',
  SETTLEMENT_NOT_FOUND: 'அந்த அறிக்கையைக் கண்டுபிடிக்க முடியவில்லை.',
  SETTLEMENT_ALREADY_APPROVED: 'இந்த அறிக்கை ஏற்கனவே அங்கீகரிக்கப்பட்டுள்ளது.',
  SETTLEMENT_NOT_APPROVED: 'செலுத்தப்பட்டதாகக் குறிப்பதற்கு முன் அறிக்கையை அங்கீகரிக்கவும்.',
  SETTLEMENT_ALREADY_PAID: 'இந்த அறிக்கை ஏற்கனவே செலுத்தப்பட்டுள்ளது.',
  EMAIL_IN_USE: 'அந்த மின்னஞ்சல் முகவரியை ஏற்கனவே வேறொரு கணக்கு பயன்படுத்துகிறது.',
  BOOKING_CONFLICT: 'அந்த நேரத்தின் ஒரு பகுதிக்கு இப்போதுதான் வேறொருவர் இந்தக் காரை முன்பதிவு செய்தார். வேறு தேதிகளையோ வேறு காரையோ முயற்சிக்கவும்.',
  VEHICLE_UNAVAILABLE: 'இந்தக் காரை இப்போது முன்பதிவு செய்ய முடியாது.',
  SEATS_UNAVAILABLE: 'அந்த இருக்கைகளில் சில இப்போதுதான் எடுக்கப்பட்டன. வரைபடத்தில் வேறு இருக்கைகளைத் தேர்ந்தெடுக்கவும்.',
  HOLD_EXPIRED: 'உங்கள் ஒதுக்கீட்டின் நேரம் முடிந்ததால் இனி அதற்குப் பணம் செலுத்த முடியாது. முன்பதிவு செய்ய மீண்டும் ஒதுக்குங்கள்.',
  HOLD_LIMIT_REACHED: 'பணம் செலுத்தப்படாத ஒதுக்கீடுகள் அதிகமாக உள்ளன. முதலில் ஒன்றுக்குப் பணம் செலுத்துங்கள் அல்லது அதை ரத்துசெய்யுங்கள்.',
  BOOKING_CANNOT_CANCEL: 'இந்த முன்பதிவை இனி ரத்துசெய்ய முடியாது.',
  PAYMENT_FAILED: 'கட்டணம் நிறைவேறவில்லை, எதுவும் வசூலிக்கப்படவில்லை. மீண்டும் முயற்சிக்கவும் அல்லது வேறு முறையில் செலுத்தவும்.',
  INSUFFICIENT_BALANCE: 'இதற்கு உங்கள் பணப்பையில் போதுமான தொகை இல்லை. அதை நிரப்புங்கள் அல்லது அட்டை மூலம் செலுத்துங்கள்.',
  PAYMENT_ALREADY_PROCESSED: 'இந்த முன்பதிவுக்கு ஏற்கனவே பணம் செலுத்தப்பட்டுள்ளது.',
  REFUND_EXCEEDS_CAPTURED: 'அந்தத் திருப்பிச் செலுத்தும் தொகை செலுத்தியதை விட அதிகம்.',
  REFUND_NOT_FOUND: 'அந்தத் திருப்பிச் செலுத்தலைக் கண்டுபிடிக்க முடியவில்லை.',
  REFUND_NOT_RETRYABLE: 'தோல்வியடைந்த திருப்பிச் செலுத்தலை மட்டுமே மீண்டும் முயற்சிக்க முடியும்; இது நிலுவையில் உள்ளது அல்லது முடிந்துவிட்டது.',
  IDEMPOTENCY_KEY_REUSED: 'இந்தக் கோரிக்கை வேறு விவரங்களுடன் ஏற்கனவே அனுப்பப்பட்டது. பக்கத்தை மீண்டும் ஏற்றி மீண்டும் முயற்சிக்கவும்.',
  IDEMPOTENCY_KEY_IN_USE: 'அதே கோரிக்கை இன்னும் செயலாக்கப்படுகிறது. சற்றுக் காத்திருந்து மீண்டும் முயற்சிக்கவும்.',
  OTP_RATE_LIMIT: 'அதிகமான குறியீடுகள் கேட்கப்பட்டன. மீண்டும் கேட்பதற்கு முன் சற்றுக் காத்திருங்கள்.',
  RATE_LIMITED: 'அதிகமான முயற்சிகள். சற்றுக் காத்திருந்து மீண்டும் முயற்சிக்கவும்.',
  WEBHOOK_SIGNATURE_INVALID: 'கட்டண வழங்குநரைச் சரிபார்க்க முடியவில்லை.',
  PAYMENT_LINK_INVALID: 'இந்தக் கட்டண இணைப்பு செல்லாது. உங்கள் முன்பதிவிலிருந்து கட்டணத்தை மீண்டும் திறக்கவும்.',
  PAYMENT_LINK_EXPIRED: 'இந்தக் கட்டண இணைப்பு காலாவதியாகிவிட்டது. உங்கள் முன்பதிவிலிருந்து கட்டணத்தை மீண்டும் திறக்கவும்.',
  PAYLOAD_TOO_LARGE: 'அந்தக் கோப்பு மிகப் பெரியது.',
  UNSUPPORTED_MEDIA_TYPE: 'அந்த வகைக் கோப்பு ஏற்கப்படாது. JPEG, PNG அல்லது WebP படம் அல்லது PDF ஒன்றைப் பயன்படுத்தவும்.',
  TICKET_INVALID: 'இது உங்கள் பயணங்களுக்கான Fareway டிக்கெட் அல்ல.',
  TICKET_WRONG_TRIP: 'இந்த டிக்கெட் வேறொரு பயணத்துக்கானது.',
  TICKET_NOT_VALID: 'இந்த முன்பதிவு செலுத்தப்படவில்லை அல்லது ரத்து செய்யப்பட்டது: டிக்கெட் செல்லாது.',
  TICKET_NOT_ISSUED: 'இருக்கைகளுக்குச் செலுத்திய பின் மின்-டிக்கெட் தயாராகும்.',
  RECEIPT_NOT_ISSUED: 'முன்பதிவுக்குச் செலுத்திய பின் ரசீது தயாராகும்.',
  SERVICE_UNAVAILABLE: 'Fareway பணிச்சுமையில் உள்ளது அல்லது புதுப்பிக்கப்படுகிறது. சிறிது நேரத்தில் மீண்டும் முயற்சிக்கவும்.',
  INTERNAL_ERROR: 'எங்கள் பக்கத்தில் ஏதோ தவறு நடந்தது. மீண்டும் முயற்சிக்கவும்; தொடர்ந்து நடந்தால் உதவி மையத்தைத் தொடர்புகொள்ளுங்கள்.',
};

const MESSAGES: Readonly<Record<Language, MessageTable>> = { en: ERROR_MESSAGES, si: ERROR_MESSAGES_SI, ta: ERROR_MESSAGES_TA };

/** What to say when the server was not reached at all (no code to look up). */
const UNREACHABLE: Readonly<Record<Language, string>> = {
  en: 'Could not reach Fareway; check your connection and try again',
  si: 'Fareway වෙත සම්බන්ධ විය නොහැකි විය; ඔබේ සම්බන්ධතාවය පරීක්ෂා කර නැවත උත්සාහ කරන්න',
  ta: 'Fareway-ஐ அடைய முடியவில்லை; உங்கள் இணைப்பைச் சரிபார்த்து மீண்டும் முயற்சிக்கவும்',
};

let currentLanguage: Language = 'en';

/** The language error sentences are given in from now on (the web app's i18n module sets it on each change). */
export function setMessageLanguage(language: Language): void {
  currentLanguage = language;
}

/** The language error sentences are currently given in ('en' until the app sets another). */
export function messageLanguage(): Language {
  return currentLanguage;
}

/** A code's sentence for people in `language` (the current one by default); undefined for a code this build does not know. */
export function errorMessage(code: AppErrorCode, language: Language = currentLanguage): string | undefined {
  return MESSAGES[language][code] ?? ERROR_MESSAGES[code];
}

/** "Could not reach Fareway…" in `language` (the current one by default). */
export function unreachableMessage(language: Language = currentLanguage): string {
  return UNREACHABLE[language];
}

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
