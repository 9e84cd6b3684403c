import type { CopyOf } from './booking-templates';

/** What an admin adds to an approval ("insurance renews in May"): a line of the email and the end of the SMS. */
interface ApprovalNote {
  note?: string;
}
const noteLine = (label: string, d: ApprovalNote) => (d.note ? [`${label}: ${d.note}`] : []);
const noteSms = (label: string, d: ApprovalNote) => (d.note ? ` ${label}: ${d.note}` : '');

export const driverApproved: CopyOf<ApprovalNote> = {
  en: (d) => ({
    subject: 'You are approved to drive with Fareway',
    lines: ['Your driver application has been approved.', 'You can now list vehicles and accept rentals.', ...noteLine('Note', d)],
    sms: `Fareway: your driver application is approved. You can now list vehicles.${noteSms('Note', d)}`,
    link: { label: 'Open your driver page', path: '/driver' },
  }),
  si: (d) => ({
    subject: 'Fareway සමඟ රිය පැදවීමට ඔබ අනුමත කර ඇත',
    lines: ['ඔබගේ රියදුරු අයදුම්පත අනුමත කර ඇත.', 'ඔබට දැන් වාහන ලැයිස්තුගත කර කුලී වෙන්කිරීම් භාර ගත හැක.', ...noteLine('සටහන', d)],
    sms: `Fareway: ඔබගේ රියදුරු අයදුම්පත අනුමතයි. ඔබට දැන් වාහන ලැයිස්තුගත කළ හැක.${noteSms('සටහන', d)}`,
    link: { label: 'ඔබගේ රියදුරු පිටුව විවෘත කරන්න', path: '/driver' },
  }),
  ta: (d) => ({
    subject: 'Fareway உடன் ஓட்டுநராக நீங்கள் அங்கீகரிக்கப்பட்டுள்ளீர்கள்',
    lines: ['உங்கள் ஓட்டுநர் விண்ணப்பம் அங்கீகரிக்கப்பட்டது.', 'இப்போது நீங்கள் வாகனங்களைப் பட்டியலிட்டு வாடகை முன்பதிவுகளை ஏற்கலாம்.', ...noteLine('குறிப்பு', d)],
    sms: `Fareway: உங்கள் ஓட்டுநர் விண்ணப்பம் அங்கீகரிக்கப்பட்டது. இப்போது வாகனங்களைப் பட்டியலிடலாம்.${noteSms('குறிப்பு', d)}`,
    link: { label: 'உங்கள் ஓட்டுநர் பக்கத்தைத் திறக்கவும்', path: '/driver' },
  }),
};

export const driverRejected: CopyOf<{ reason: string }> = {
  en: (d) => ({
    subject: 'Your driver application was not approved',
    lines: ['Your driver application was not approved.', `Reason: ${d.reason}`, 'You can correct it and apply again.'],
    sms: `Fareway: your driver application was not approved. Reason: ${d.reason}`,
    link: { label: 'Open your driver page', path: '/driver' },
  }),
  si: (d) => ({
    subject: 'ඔබගේ රියදුරු අයදුම්පත අනුමත කර නැත',
    lines: ['ඔබගේ රියදුරු අයදුම්පත අනුමත කර නැත.', `හේතුව: ${d.reason}`, 'එය නිවැරදි කර නැවත අයදුම් කළ හැක.'],
    sms: `Fareway: ඔබගේ රියදුරු අයදුම්පත අනුමත කර නැත. හේතුව: ${d.reason}`,
    link: { label: 'ඔබගේ රියදුරු පිටුව විවෘත කරන්න', path: '/driver' },
  }),
  ta: (d) => ({
    subject: 'உங்கள் ஓட்டுநர் விண்ணப்பம் அங்கீகரிக்கப்படவில்லை',
    lines: ['உங்கள் ஓட்டுநர் விண்ணப்பம் அங்கீகரிக்கப்படவில்லை.', `காரணம்: ${d.reason}`, 'அதைத் திருத்தி மீண்டும் விண்ணப்பிக்கலாம்.'],
    sms: `Fareway: உங்கள் ஓட்டுநர் விண்ணப்பம் அங்கீகரிக்கப்படவில்லை. காரணம்: ${d.reason}`,
    link: { label: 'உங்கள் ஓட்டுநர் பக்கத்தைத் திறக்கவும்', path: '/driver' },
  }),
};

interface VehicleFacts {
  vehicleId: string;
  /** `Toyota Aqua 2019`. */
  vehicleName: string;
}
const vehiclePath = (d: VehicleFacts) => `/driver/vehicles/${d.vehicleId}`;

export const vehicleApproved: CopyOf<VehicleFacts & ApprovalNote> = {
  en: (d) => ({
    subject: `${d.vehicleName} is approved and listed`,
    lines: [`Your vehicle ${d.vehicleName} has been approved.`, 'Customers can now find and book it.', ...noteLine('Note', d)],
    sms: `Fareway: your vehicle ${d.vehicleName} is approved and can now be booked.${noteSms('Note', d)}`,
    link: { label: 'Manage your vehicle', path: vehiclePath(d) },
  }),
  si: (d) => ({
    subject: `${d.vehicleName} අනුමත කර ලැයිස්තුගත කර ඇත`,
    lines: [`ඔබගේ වාහනය ${d.vehicleName} අනුමත කර ඇත.`, 'පාරිභෝගිකයින්ට දැන් එය සොයා වෙන්කළ හැක.', ...noteLine('සටහන', d)],
    sms: `Fareway: ඔබගේ වාහනය ${d.vehicleName} අනුමතයි; දැන් එය වෙන්කළ හැක.${noteSms('සටහන', d)}`,
    link: { label: 'ඔබගේ වාහනය කළමනාකරණය කරන්න', path: vehiclePath(d) },
  }),
  ta: (d) => ({
    subject: `${d.vehicleName} அங்கீகரிக்கப்பட்டு பட்டியலிடப்பட்டது`,
    lines: [`உங்கள் வாகனம் ${d.vehicleName} அங்கீகரிக்கப்பட்டது.`, 'வாடிக்கையாளர்கள் இப்போது அதைத் தேடி முன்பதிவு செய்யலாம்.', ...noteLine('குறிப்பு', d)],
    sms: `Fareway: உங்கள் வாகனம் ${d.vehicleName} அங்கீகரிக்கப்பட்டது; இப்போது முன்பதிவு செய்யலாம்.${noteSms('குறிப்பு', d)}`,
    link: { label: 'உங்கள் வாகனத்தை நிர்வகிக்கவும்', path: vehiclePath(d) },
  }),
};

export const vehicleRejected: CopyOf<VehicleFacts & { reason: string }> = {
  en: (d) => ({
    subject: `${d.vehicleName} was not approved`,
    lines: [`Your vehicle ${d.vehicleName} was not approved.`, `Reason: ${d.reason}`, 'Update the listing and submit it again.'],
    sms: `Fareway: your vehicle ${d.vehicleName} was not approved. Reason: ${d.reason}`,
    link: { label: 'Manage your vehicle', path: vehiclePath(d) },
  }),
  si: (d) => ({
    subject: `${d.vehicleName} අනුමත කර නැත`,
    lines: [`ඔබගේ වාහනය ${d.vehicleName} අනුමත කර නැත.`, `හේතුව: ${d.reason}`, 'ලැයිස්තුගත කිරීම යාවත්කාලීන කර නැවත ඉදිරිපත් කරන්න.'],
    sms: `Fareway: ඔබගේ වාහනය ${d.vehicleName} අනුමත කර නැත. හේතුව: ${d.reason}`,
    link: { label: 'ඔබගේ වාහනය කළමනාකරණය කරන්න', path: vehiclePath(d) },
  }),
  ta: (d) => ({
    subject: `${d.vehicleName} அங்கீகரிக்கப்படவில்லை`,
    lines: [`உங்கள் வாகனம் ${d.vehicleName} அங்கீகரிக்கப்படவில்லை.`, `காரணம்: ${d.reason}`, 'பட்டியலைப் புதுப்பித்து மீண்டும் சமர்ப்பிக்கவும்.'],
    sms: `Fareway: உங்கள் வாகனம் ${d.vehicleName} அங்கீகரிக்கப்படவில்லை. காரணம்: ${d.reason}`,
    link: { label: 'உங்கள் வாகனத்தை நிர்வகிக்கவும்', path: vehiclePath(d) },
  }),
};

export const operatorApproved: CopyOf<{ organizationName: string }> = {
  en: (d) => ({
    subject: `${d.organizationName} is approved on Fareway`,
    lines: [`Your operator account ${d.organizationName} has been approved.`, 'You can now schedule trips and sell seats.'],
    sms: `Fareway: ${d.organizationName} is approved. You can now schedule trips.`,
  }),
  si: (d) => ({
    subject: `${d.organizationName} Fareway හි අනුමත කර ඇත`,
    lines: [`ඔබගේ මෙහෙයුම්කරු ගිණුම ${d.organizationName} අනුමත කර ඇත.`, 'ඔබට දැන් ගමන් සැලසුම් කර ආසන විකිණිය හැක.'],
    sms: `Fareway: ${d.organizationName} අනුමතයි. ඔබට දැන් ගමන් සැලසුම් කළ හැක.`,
  }),
  ta: (d) => ({
    subject: `${d.organizationName} Fareway இல் அங்கீகரிக்கப்பட்டது`,
    lines: [`உங்கள் இயக்குநர் கணக்கு ${d.organizationName} அங்கீகரிக்கப்பட்டது.`, 'இப்போது நீங்கள் பயணங்களை அட்டவணைப்படுத்தி இருக்கைகளை விற்கலாம்.'],
    sms: `Fareway: ${d.organizationName} அங்கீகரிக்கப்பட்டது. இப்போது பயணங்களை அட்டவணைப்படுத்தலாம்.`,
  }),
};

export const operatorRejected: CopyOf<{ organizationName: string; reason: string }> = {
  en: (d) => ({
    subject: `${d.organizationName} was not approved`,
    lines: [`Your operator account ${d.organizationName} was not approved.`, `Reason: ${d.reason}`],
    sms: `Fareway: ${d.organizationName} was not approved. Reason: ${d.reason}`,
  }),
  si: (d) => ({
    subject: `${d.organizationName} අනුමත කර නැත`,
    lines: [`ඔබගේ මෙහෙයුම්කරු ගිණුම ${d.organizationName} අනුමත කර නැත.`, `හේතුව: ${d.reason}`],
    sms: `Fareway: ${d.organizationName} අනුමත කර නැත. හේතුව: ${d.reason}`,
  }),
  ta: (d) => ({
    subject: `${d.organizationName} அங்கீகரிக்கப்படவில்லை`,
    lines: [`உங்கள் இயக்குநர் கணக்கு ${d.organizationName} அங்கீகரிக்கப்படவில்லை.`, `காரணம்: ${d.reason}`],
    sms: `Fareway: ${d.organizationName} அங்கீகரிக்கப்படவில்லை. காரணம்: ${d.reason}`,
  }),
};

/** The sign-in code. The English wording is what sign-in tests and people's SMS filters know. */
export const otpCode: CopyOf<{ code: string }> = {
  en: (d) => ({
    subject: `Your Fareway code is ${d.code}`,
    lines: [`Your Fareway code is ${d.code}. It expires in 5 minutes. Never share it.`],
    sms: `Your Fareway code is ${d.code}. It expires in 5 minutes. Never share it.`,
  }),
  si: (d) => ({
    subject: `ඔබගේ Fareway කේතය ${d.code}`,
    lines: [`ඔබගේ Fareway කේතය ${d.code}. එය මිනිත්තු 5කින් කල් ඉකුත් වේ. එය කිසිවෙකු සමඟ බෙදා නොගන්න.`],
    sms: `ඔබගේ Fareway කේතය ${d.code}. එය මිනිත්තු 5කින් කල් ඉකුත් වේ. එය කිසිවෙකු සමඟ බෙදා නොගන්න.`,
  }),
  ta: (d) => ({
    subject: `உங்கள் Fareway குறியீடு ${d.code}`,
    lines: [`உங்கள் Fareway குறியீடு ${d.code}. இது 5 நிமிடங்களில் காலாவதியாகும். இதை யாருடனும் பகிர வேண்டாம்.`],
    sms: `உங்கள் Fareway குறியீடு ${d.code}. இது 5 நிமிடங்களில் காலாவதியாகும். இதை யாருடனும் பகிர வேண்டாம்.`,
  }),
};

/** A partner's webhook endpoint stopped being called after too many failures in a row (partner webhooks). */
export const webhookEndpointDisabled: CopyOf<{ endpointId: string; url: string; failures: number; reason: string }> = {
  en: (d) => ({
    subject: 'Your Fareway webhook endpoint was disabled',
    lines: [
      `We stopped sending events to ${d.url} after ${d.failures} failed deliveries in a row.`,
      `Last error: ${d.reason}`,
      `Fix the receiver, then enable the endpoint again (endpoint ${d.endpointId}); events since then can be replayed from its delivery log.`,
    ],
    sms: `Fareway: webhook endpoint ${d.url} was disabled after ${d.failures} failed deliveries. Fix it and enable it again.`,
  }),
  si: (d) => ({
    subject: 'ඔබගේ Fareway webhook අන්ත ලක්ෂ්‍යය අක්‍රිය කර ඇත',
    lines: [
      `අනුපිළිවෙලින් අසාර්ථක බෙදාහැරීම් ${d.failures}කට පසු ${d.url} වෙත සිදුවීම් යැවීම අපි නැවැත්වුවෙමු.`,
      `අවසාන දෝෂය: ${d.reason}`,
      `ලබන්නා නිවැරදි කර අන්ත ලක්ෂ්‍යය නැවත සක්‍රිය කරන්න (අන්ත ලක්ෂ්‍යය ${d.endpointId}); ඉන් පසු සිදුවීම් එහි බෙදාහැරීම් ලොගයෙන් නැවත යැවිය හැක.`,
    ],
    sms: `Fareway: අසාර්ථක බෙදාහැරීම් ${d.failures}කට පසු webhook අන්ත ලක්ෂ්‍යය ${d.url} අක්‍රිය කළා. එය නිවැරදි කර නැවත සක්‍රිය කරන්න.`,
  }),
  ta: (d) => ({
    subject: 'உங்கள் Fareway webhook முனையம் முடக்கப்பட்டது',
    lines: [
      `தொடர்ச்சியாக ${d.failures} விநியோகங்கள் தோல்வியடைந்ததால் ${d.url} க்கு நிகழ்வுகளை அனுப்புவதை நிறுத்தினோம்.`,
      `கடைசிப் பிழை: ${d.reason}`,
      `பெறுநரைச் சரிசெய்து முனையத்தை மீண்டும் இயக்கவும் (முனையம் ${d.endpointId}); அதன் பின் நிகழ்வுகளை அதன் விநியோகப் பதிவிலிருந்து மீண்டும் அனுப்பலாம்.`,
    ],
    sms: `Fareway: ${d.failures} விநியோகங்கள் தோல்வியடைந்ததால் webhook முனையம் ${d.url} முடக்கப்பட்டது. சரிசெய்து மீண்டும் இயக்கவும்.`,
  }),
};
