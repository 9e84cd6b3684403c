import { randomBytes } from 'node:crypto';
import { type FakeHttpServer, startFakeServer } from '@fareway/gateways/testing';

export interface FakeTwilio extends FakeHttpServer {
  readonly accountSid: string;
  readonly authToken: string;
  /** Messages it accepted: To, From or MessagingServiceSid, Body, and the SID it answered. */
  readonly messages: Array<{ sid: string; to: string; from: string | null; messagingServiceSid: string | null; body: string }>;
}

/** Numbers the fake treats as unreachable (Twilio's error 21211, as for a malformed or unassigned number). */
export const TWILIO_INVALID_NUMBER = '+15005550001';

const twilioError = (status: number, code: number, message: string) => ({
  status,
  json: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status },
});

/**
 * A local fake of Twilio's Messages resource as published: POST
 * /2010-04-01/Accounts/{AccountSid}/Messages.json, form-encoded, HTTP Basic
 * auth AccountSid:AuthToken; 201 with the message resource, or Twilio's
 * error body ({ code, message, more_info, status }).
 */
export async function startFakeTwilio(): Promise<FakeTwilio> {
  const accountSid = `AC${randomBytes(16).toString('hex')}`;
  const authToken = randomBytes(16).toString('hex');
  const messages: FakeTwilio['messages'] = [];
  const server = await startFakeServer((request) => {
    if (request.path !== `/2010-04-01/Accounts/${accountSid}/Messages.json`)
      return twilioError(404, 20404, 'The requested resource was not found');
    if (request.method !== 'POST') return twilioError(405, 20004, 'Method not allowed');
    const expected = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
    if (request.headers.authorization !== expected) return twilioError(401, 20003, 'Authentication Error - invalid username');
    if (!request.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
      return twilioError(400, 20001, 'Content-Type must be application/x-www-form-urlencoded');
    }
    const form = new URLSearchParams(request.body);
    const to = form.get('To') ?? '';
    const from = form.get('From');
    const messagingServiceSid = form.get('MessagingServiceSid');
    const body = form.get('Body') ?? '';
    if (!to) return twilioError(400, 21604, "A 'To' phone number is required.");
    if (!from && !messagingServiceSid) return twilioError(400, 21603, "A 'From' or 'MessagingServiceSid' parameter is required.");
    if (!body) return twilioError(400, 21602, 'Message body is required.');
    if (to === TWILIO_INVALID_NUMBER || !/^\+[1-9]\d{6,14}$/.test(to)) {
      return twilioError(400, 21211, `The 'To' number ${to} is not a valid phone number.`);
    }
    const sid = `SM${randomBytes(16).toString('hex')}`;
    messages.push({ sid, to, from, messagingServiceSid, body });
    return {
      status: 201,
      json: {
        sid,
        account_sid: accountSid,
        to,
        from,
        messaging_service_sid: messagingServiceSid,
        body,
        status: 'queued',
        error_code: null,
      },
    };
  });
  return Object.assign(server, { accountSid, authToken, messages });
}
