import { AppError, OTP_RULES } from '@fareway/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConsoleSmsSender,
  ensureAdmin,
  LogMailSender,
  loginWithPassword,
  logOut,
  openSecret,
  sendNotifications,
  sendOtp,
  setUserRoles,
  setUserStatus,
  validateSession,
  verifyOtp,
} from '../src';
import { sessionIdFromToken } from '../src/identity/secrets';
import { createTestDeps, type TestDeps } from '../src/testing';

const TEST_NUMBER = '+94770000001';
let deps: TestDeps;
let ipCounter = 0;
/** A fresh origin per call, so the per-IP budget only bites where a test means it to. */
const origin = (ip = `10.0.0.${++ipCounter % 250}`) => ({ ip, requestId: `req_${ipCounter}`, userAgent: 'vitest' });
let phoneCounter = 1_000_000;
const freshPhone = () => `+9477${++phoneCounter}`;

async function codeSentTo(phone: string): Promise<string> {
  const [row] = await deps.database.sql<Array<{ body: string }>>`
    select body from notifications where recipient = ${phone} order by created_at desc limit 1`;
  if (!row) throw new Error(`no SMS queued for ${phone}`);
  // What the worker does: open the sealed body. The test reads the code the way a phone would.
  const code = /(\d{6})/.exec(openSecret(deps.config.auth.secret, row.body))?.[1];
  if (!code) throw new Error('no code in the message');
  return code;
}

function expectCode(promise: Promise<unknown>, code: string) {
  return expect(promise).rejects.toMatchObject({ code });
}

beforeAll(async () => {
  deps = await createTestDeps({
    jobs: 'sender',
    env: { OTP_TEST_NUMBERS: `${TEST_NUMBER}=123456`, OTP_SENDS_PER_IP_PER_HOUR: '1000', OTP_SMS_BUDGET_PER_HOUR: '100000' },
  });
});
afterAll(async () => {
  await deps.cleanup();
});

describe('sending codes', () => {
  it('answers the same for known and unknown numbers, and queues a sealed SMS', async () => {
    const known = freshPhone();
    await sendOtp(deps, { phoneNumber: known }, origin());
    await verifyOtp(deps, { phoneNumber: known, code: await codeSentTo(known) }, origin());
    deps.clock.advance(61_000);
    const again = await sendOtp(deps, { phoneNumber: known }, origin());
    const unknown = await sendOtp(deps, { phoneNumber: freshPhone() }, origin());
    expect(again).toEqual(unknown);
    expect(unknown).toEqual({ message: expect.any(String), expiresIn: 300, retryAfter: 60 });

    const queued = await deps.database.sql`select 1 from notifications where kind = 'otp' and channel = 'sms'`;
    expect(queued.length).toBeGreaterThanOrEqual(3);
  });

  it('normalises numbers and refuses invalid ones with VALIDATION_ERROR', async () => {
    const local = `077${phoneCounter + 50}`.slice(0, 10);
    await sendOtp(deps, { phoneNumber: local }, origin());
    const [row] = await deps.database.sql`select phone from otp_codes order by created_at desc, id desc limit 1`;
    expect(row?.phone).toBe(`+94${local.slice(1)}`);
    await expectCode(sendOtp(deps, { phoneNumber: '12345' }, origin()), 'VALIDATION_ERROR');
  });

  it('waits 60 s between sends to one number', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    deps.clock.advance(20_000);
    const refused = await sendOtp(deps, { phoneNumber: phone }, origin()).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: 'OTP_RATE_LIMIT', retryAfterSeconds: 40 });
    deps.clock.advance(40_000);
    await expect(sendOtp(deps, { phoneNumber: phone }, origin())).resolves.toBeDefined();
  });

  it('never sends a sixth code to a number within 5 minutes', async () => {
    const phone = freshPhone();
    for (let i = 0; i < 5; i++) {
      await sendOtp(deps, { phoneNumber: phone }, origin());
      deps.clock.advance(60_000);
    }
    // t = 300 s: the first send (t = 0) has just left the window.
    deps.clock.advance(-10_000);
    await expectCode(sendOtp(deps, { phoneNumber: phone }, origin()), 'OTP_RATE_LIMIT');
    deps.clock.advance(10_001);
    await expect(sendOtp(deps, { phoneNumber: phone }, origin())).resolves.toBeDefined();
  });

  it('lets exactly one of many simultaneous sends to one number through', async () => {
    const phone = freshPhone();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => sendOtp(deps, { phoneNumber: phone }, origin())));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(rejected.every((r) => r.reason instanceof AppError && r.reason.code === 'OTP_RATE_LIMIT')).toBe(true);
    const [row] = await deps.database.sql<Array<{ n: number }>>`select count(*)::int as n from otp_codes where phone = ${phone}`;
    expect(row?.n).toBe(1);
  });

  it('holds test numbers to the same limits', async () => {
    deps.clock.advance(3_600_000);
    await sendOtp(deps, { phoneNumber: TEST_NUMBER }, origin());
    await expectCode(sendOtp(deps, { phoneNumber: TEST_NUMBER }, origin()), 'OTP_RATE_LIMIT');
    // No SMS is sent to a test number: nobody owns it.
    const rows = await deps.database.sql`select 1 from notifications where recipient = ${TEST_NUMBER}`;
    expect(rows).toHaveLength(0);
  });
});

describe('the per-IP and global budgets', () => {
  let tight: TestDeps;
  beforeAll(async () => {
    tight = await createTestDeps({ jobs: 'sender', env: { OTP_SENDS_PER_IP_PER_HOUR: '3', OTP_SMS_BUDGET_PER_HOUR: '5' } });
  });
  afterAll(async () => {
    await tight.cleanup();
  });

  it('stops one IP after its hourly budget, across different numbers', async () => {
    for (let i = 0; i < 3; i++) await sendOtp(tight, { phoneNumber: freshPhone() }, origin('203.0.113.7'));
    const refused = await sendOtp(tight, { phoneNumber: freshPhone() }, origin('203.0.113.7')).catch((e: AppError) => e);
    expect(refused).toMatchObject({ code: 'OTP_RATE_LIMIT' });
    expect((refused as AppError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it('stops everyone once the global hourly SMS budget is spent', async () => {
    // 3 codes were sent above; 2 more use up the budget of 5.
    await sendOtp(tight, { phoneNumber: freshPhone() }, origin('198.51.100.1'));
    await sendOtp(tight, { phoneNumber: freshPhone() }, origin('198.51.100.2'));
    await expectCode(sendOtp(tight, { phoneNumber: freshPhone() }, origin('198.51.100.3')), 'OTP_RATE_LIMIT');
    tight.clock.advance(3_600_000);
    await expect(sendOtp(tight, { phoneNumber: freshPhone() }, origin('198.51.100.4'))).resolves.toBeDefined();
  });
});

describe('verifying codes', () => {
  it('signs in with the right code once, creating a customer, and never again with the same code', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const code = await codeSentTo(phone);
    const signedIn = await verifyOtp(deps, { phoneNumber: phone, code }, origin());
    expect(signedIn.user).toMatchObject({ phone, roles: ['customer'], status: 'active' });
    expect(signedIn.token).toMatch(/^[a-z2-7]{32}$/);
    await expectCode(verifyOtp(deps, { phoneNumber: phone, code }, origin()), 'OTP_EXPIRED');
  });

  it('expires a code after 5 minutes', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const code = await codeSentTo(phone);
    deps.clock.advance(OTP_RULES.codeLifetimeSeconds * 1000);
    await expectCode(verifyOtp(deps, { phoneNumber: phone, code }, origin()), 'OTP_EXPIRED');
  });

  it('allows 5 wrong tries, then refuses even the right code', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const code = await codeSentTo(phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) await expectCode(verifyOtp(deps, { phoneNumber: phone, code: wrong }, origin()), 'OTP_INVALID');
    await expectCode(verifyOtp(deps, { phoneNumber: phone, code }, origin()), 'OTP_EXPIRED');
  });

  it('signs in a test number with its fixed code', async () => {
    deps.clock.advance(3_600_000);
    await sendOtp(deps, { phoneNumber: TEST_NUMBER }, origin());
    const signedIn = await verifyOtp(deps, { phoneNumber: TEST_NUMBER, code: '123456' }, origin());
    expect(signedIn.user.phone).toBe(TEST_NUMBER);
  });

  it('never stores a raw code or token', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const code = await codeSentTo(phone);
    const { token } = await verifyOtp(deps, { phoneNumber: phone, code }, origin());
    const dump = await deps.database.sql<Array<{ text: string }>>`
      select string_agg(t::text, ' ') as text from (
        select row_to_json(o)::text as t from otp_codes o
        union all select row_to_json(n)::text from notifications n
        union all select row_to_json(s)::text from sessions s
        union all select row_to_json(a)::text from audit_log a
        union all select row_to_json(j)::text from pgboss.job j) all_rows`;
    const everything = dump[0]?.text ?? '';
    expect(everything.length).toBeGreaterThan(1000);
    expect(everything).not.toContain(token);
    expect(everything).not.toContain(`code is ${code}`);
    expect(everything).not.toContain(`"${code}"`);
  });
});

describe('sessions', () => {
  async function signIn() {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    return verifyOtp(deps, { phoneNumber: phone, code: await codeSentTo(phone) }, origin());
  }

  it('stores a session under the hex SHA-256 of its token, so sessions issued by any earlier hash still validate', () => {
    // FIPS 180-2's "abc" vector: the stored id format does not depend on which implementation hashes it.
    expect(sessionIdFromToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('revokes a session on logout, effective on the very next request', async () => {
    const { token } = await signIn();
    const session = await validateSession(deps, token);
    await logOut(deps, { userId: session.user.id, roles: session.user.roles, sessionId: session.sessionId }, origin());
    await expectCode(validateSession(deps, token), 'TOKEN_INVALID');
  });

  it('logs out everywhere', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const first = await verifyOtp(deps, { phoneNumber: phone, code: await codeSentTo(phone) }, origin());
    deps.clock.advance(61_000);
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const second = await verifyOtp(deps, { phoneNumber: phone, code: await codeSentTo(phone) }, origin());
    const session = await validateSession(deps, second.token);
    const { revoked } = await logOut(deps, { userId: session.user.id, roles: session.user.roles, sessionId: session.sessionId }, origin(), {
      everywhere: true,
    });
    expect(revoked).toBe(2);
    await expectCode(validateSession(deps, first.token), 'TOKEN_INVALID');
  });

  it('slides the expiry once half the life is used, and expires an idle session', async () => {
    const { token, expiresAt } = await signIn();
    deps.clock.advance(10 * 86_400_000);
    expect((await validateSession(deps, token)).renewed).toBe(false);
    deps.clock.advance(6 * 86_400_000);
    const renewed = await validateSession(deps, token);
    expect(renewed.renewed).toBe(true);
    expect(renewed.expiresAt.getTime()).toBeGreaterThan(new Date(expiresAt).getTime());
    deps.clock.advance(31 * 86_400_000);
    await expectCode(validateSession(deps, token), 'TOKEN_EXPIRED');
    // Still expired on a second look (the rate limiter looks first over HTTP); cleanup-auth deletes it.
    await expectCode(validateSession(deps, token), 'TOKEN_EXPIRED');
  });

  it('refuses malformed tokens without a lookup', async () => {
    await expectCode(validateSession(deps, "x' or 1=1 --"), 'TOKEN_INVALID');
  });
});

describe('admins, suspension and roles', () => {
  const password = 'correct horse battery staple';
  let adminActor: { userId: string; roles: ('customer' | 'driver' | 'admin')[]; sessionId: string };

  beforeAll(async () => {
    await ensureAdmin(deps, { email: 'Admin@Example.com', password });
    const signedIn = await loginWithPassword(deps, { email: 'admin@example.com', password }, origin('192.0.2.10'));
    const session = await validateSession(deps, signedIn.token);
    adminActor = { userId: session.user.id, roles: session.user.roles, sessionId: session.sessionId };
  });

  it('suspends a user, revoking their sessions at once and refusing new sign-ins', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const { token, user } = await verifyOtp(deps, { phoneNumber: phone, code: await codeSentTo(phone) }, origin());
    await setUserStatus(deps, adminActor, { userId: user.id, status: 'suspended', reason: 'fraud review' }, origin());
    await expectCode(validateSession(deps, token), 'TOKEN_INVALID');
    deps.clock.advance(61_000);
    await sendOtp(deps, { phoneNumber: phone }, origin());
    await expectCode(verifyOtp(deps, { phoneNumber: phone, code: await codeSentTo(phone) }, origin()), 'ACCOUNT_SUSPENDED');
    const audit = await deps.database.sql`select before, after from audit_log where action = 'user.suspended' and subject_id = ${user.id}`;
    expect(audit[0]).toMatchObject({
      before: { status: 'active' },
      after: { status: 'suspended', reason: 'fraud review', sessionsRevoked: 1 },
    });
  });

  it('changes roles with an audit trail, and keeps an admin from removing their own', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const { user } = await verifyOtp(deps, { phoneNumber: phone, code: await codeSentTo(phone) }, origin());
    const updated = await setUserRoles(deps, adminActor, { userId: user.id, roles: ['driver'] }, origin());
    expect(updated.roles).toEqual(['customer', 'driver']);
    const audit = await deps.database
      .sql`select before, after from audit_log where action = 'user.roles_changed' and subject_id = ${user.id}`;
    expect(audit[0]).toMatchObject({ before: { roles: ['customer'] }, after: { roles: ['customer', 'driver'] } });
    await expectCode(setUserRoles(deps, adminActor, { userId: adminActor.userId, roles: ['customer'] }, origin()), 'FORBIDDEN');
  });

  it('gives unknown email and wrong password the same answer', async () => {
    const unknown = await loginWithPassword(deps, { email: 'nobody@example.com', password }, origin()).catch((e: AppError) => e);
    const wrong = await loginWithPassword(deps, { email: 'admin@example.com', password: 'wrong password!' }, origin()).catch(
      (e: AppError) => e,
    );
    expect(unknown).toMatchObject({ code: 'INVALID_CREDENTIALS' });
    expect(wrong).toMatchObject({ code: 'INVALID_CREDENTIALS', message: (unknown as AppError).message });
  });

  it('locks an account out progressively after repeated failures, even for the right password', async () => {
    await ensureAdmin(deps, { email: 'ops@example.com', password });
    for (let i = 0; i < 5; i++) {
      await expectCode(loginWithPassword(deps, { email: 'ops@example.com', password: `nope-${i}` }, origin()), 'INVALID_CREDENTIALS');
    }
    const locked = await loginWithPassword(deps, { email: 'ops@example.com', password }, origin()).catch((e: AppError) => e);
    expect(locked).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 30 });
    deps.clock.advance(31_000);
    await expectCode(loginWithPassword(deps, { email: 'ops@example.com', password: 'still wrong' }, origin()), 'INVALID_CREDENTIALS');
    const longer = await loginWithPassword(deps, { email: 'ops@example.com', password }, origin()).catch((e: AppError) => e);
    expect(longer).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 60 });
    deps.clock.advance(61_000);
    await expect(loginWithPassword(deps, { email: 'ops@example.com', password }, origin())).resolves.toMatchObject({
      user: { email: 'ops@example.com' },
    });
  });

  it('locks out an IP that tries many accounts', async () => {
    for (let i = 0; i < 20; i++) {
      await expectCode(
        loginWithPassword(deps, { email: `spray-${i}@example.com`, password: 'guess' }, origin('192.0.2.99')),
        'INVALID_CREDENTIALS',
      );
    }
    await expectCode(loginWithPassword(deps, { email: 'admin@example.com', password }, origin('192.0.2.99')), 'RATE_LIMITED');
    await expect(loginWithPassword(deps, { email: 'admin@example.com', password }, origin('192.0.2.100'))).resolves.toBeDefined();
  });
});

describe('the audit log', () => {
  it('has recorded the auth events', async () => {
    const rows = await deps.database.sql<Array<{ action: string }>>`select distinct action from audit_log`;
    expect(rows.map((r) => r.action)).toEqual(
      expect.arrayContaining([
        'auth.otp_sent',
        'auth.sign_in',
        'auth.sign_in_failed',
        'auth.logout',
        'auth.logout_all',
        'user.created',
        'user.suspended',
        'user.roles_changed',
      ]),
    );
  });

  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await expect(deps.database.sql`update audit_log set action = 'rewritten'`).rejects.toThrow(/append-only/);
    await expect(deps.database.sql`delete from audit_log`).rejects.toThrow(/append-only/);
    await expect(deps.database.sql`truncate audit_log`).rejects.toThrow(/append-only/);
  });
});

describe('SMS delivery', () => {
  it('sends the sealed message once and scrubs the secret from the outbox', async () => {
    const phone = freshPhone();
    await sendOtp(deps, { phoneNumber: phone }, origin());
    const code = await codeSentTo(phone);
    const [row] = await deps.database.sql<Array<{ id: string }>>`select id from notifications where recipient = ${phone}`;
    const sender = new ConsoleSmsSender({ log: { info: () => {} }, revealBody: false });
    const senders = { sms: sender, mail: new LogMailSender({ info: () => {} }) };
    expect(await sendNotifications(deps, senders, { notificationId: row?.id ?? '' })).toMatchObject({ sent: 1 });
    expect(await sendNotifications(deps, senders, { notificationId: row?.id ?? '' })).toEqual({ sent: 0, retry: 0, failed: 0, dead: 0 });
    expect(sender.outbox).toHaveLength(1);
    expect(sender.lastTo(phone)?.body).toContain(code);
    const [after] = await deps.database.sql`select status, body, provider from notifications where id = ${row?.id ?? ''}`;
    expect(after).toMatchObject({ status: 'sent', provider: 'console' });
    expect(after?.body).not.toContain(code);
  });
});
