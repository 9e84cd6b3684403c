import { newId, schema } from '@fareway/db';
import { bookingReference, type NotificationLocale, renderNotification } from '@fareway/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bookingNotice,
  ConsoleSmsSender,
  changeVehicleStatus,
  cleanupNotifications,
  confirmBooking,
  createRentalHold,
  listNotifications,
  loadBookingFacts,
  type MailMessage,
  type MailSender,
  queueNotification,
  reviewDriverApplication,
  type Senders,
  SmtpMailSender,
  sendNotifications,
  sendReminders,
  setOrganizationStatus,
  sweepExpiredHolds,
} from '../src';
import { createTestDeps, type SmtpInbox, startSmtpInbox, type TestDeps } from '../src/testing';
import { insertUser, insertVehicle } from './support/booking-fixtures';

const PUBLIC_URL = 'https://fareway.example.lk';
const origin = { ip: '10.0.0.9', requestId: 'req_notify' };
const actorOf = (userId: string, roles: Array<'customer' | 'driver' | 'admin'> = ['customer']) => ({ userId, roles, sessionId: 's' });

let deps: TestDeps;
let inbox: SmtpInbox;
let mail: SmtpMailSender;
let senders: Senders;
const sms = new ConsoleSmsSender({ log: { info: () => {} }, revealBody: false });
let seq = 0;

beforeAll(async () => {
  inbox = await startSmtpInbox();
  deps = await createTestDeps({
    env: {
      PUBLIC_URL,
      MAIL_FROM: 'Fareway <no-reply@fareway.example.lk>',
      NOTIFICATION_MAX_ATTEMPTS: '3',
      NOTIFICATION_RETRY_BASE_SECONDS: '30',
      NOTIFICATION_LEASE_SECONDS: '120',
      NOTIFICATION_RETENTION_DAYS: '30',
      REMINDER_HOURS: '24,2',
    },
  });
  deps.clock.set('2026-06-01T00:00:00Z');
  mail = new SmtpMailSender({ url: inbox.url });
  senders = { sms, mail };
});
afterAll(async () => {
  mail.close();
  await inbox.close();
  await deps.cleanup();
});

/** A customer with a phone, an email and a language. */
async function person(locale: NotificationLocale | null, roles: Array<'customer' | 'driver' | 'admin'> = ['customer']) {
  const id = await insertUser(deps, roles);
  const email = `person-${++seq}@example.lk`;
  await deps.db.update(schema.users).set({ email, locale }).where(eq(schema.users.id, id));
  const [row] = await deps.database.sql<Array<{ phone: string }>>`select phone from users where id = ${id}`;
  return { id, email, phone: row?.phone as string };
}

const arrived = (to: string) => inbox.messages.filter((m) => m.to && !Array.isArray(m.to) && m.to.text === to);
const rows = (where: string, order = 'created_at, id') =>
  deps.database.sql.unsafe(`select * from notifications where ${where} order by ${order}`);

async function heldAndConfirmed(customerId: string, startIso: string) {
  const owner = await insertUser(deps, ['driver']);
  const vehicleId = await insertVehicle(deps, owner, { make: 'Toyota', model: 'Aqua', year: 2020, dailyRateMinor: 1_250_050 });
  const start = new Date(startIso);
  const held = await createRentalHold(deps, actorOf(customerId), { vehicleId, start, end: new Date(start.getTime() + 86_400_000) }, origin);
  await confirmBooking(deps, { bookingId: held.id, paidMinor: held.totalMinor });
  return { bookingId: held.id, owner, vehicleId };
}

describe('email over real SMTP, in each language', () => {
  it.each([
    {
      locale: 'en' as const,
      subject: (ref: string) => `Booking ${ref} confirmed`,
      money: 'Paid: LKR 12,500.50',
      time: 'Pickup: Jun 10, 2026, 10:00 AM (Asia/Colombo)',
      link: 'View your booking',
    },
    {
      locale: 'si' as const,
      subject: (ref: string) => `වෙන්කිරීම ${ref} තහවුරු කළා`,
      money: 'ගෙවූ මුදල: LKR 12,500.50',
      time: 'ලබාගැනීම: 2026 පොසොන් 10, 10.00 (Asia/Colombo)',
      link: 'ඔබගේ වෙන්කිරීම බලන්න',
    },
    {
      locale: 'ta' as const,
      subject: (ref: string) => `முன்பதிவு ${ref} உறுதிசெய்யப்பட்டது`,
      money: 'செலுத்தியது: LKR 12,500.50',
      time: 'வாகனம் பெறுதல்: 10 ஜூன், 2026, 10:00 (Asia/Colombo)',
      link: 'உங்கள் முன்பதிவைப் பார்க்கவும்',
    },
  ])('a hold and its confirmation reach a $locale customer by email and SMS', async ({ locale, subject, money, time, link }) => {
    const customer = await person(locale);
    const { bookingId } = await heldAndConfirmed(customer.id, '2026-06-10T04:30:00Z');
    expect(await sendNotifications(deps, senders)).toEqual({ sent: 4, retry: 0, failed: 0, dead: 0 });

    const messages = arrived(customer.email);
    expect(messages).toHaveLength(2);
    const confirmed = messages.find((m) => m.subject === subject(bookingReference(bookingId)));
    expect(confirmed, `subjects: ${messages.map((m) => m.subject).join(' | ')}`).toBeDefined();
    const url = `${PUBLIC_URL}/bookings/${bookingId}`;
    expect(confirmed?.text).toContain(money);
    expect(confirmed?.text).toContain(time);
    expect(confirmed?.text).toContain(`${link}: ${url}`);
    expect(confirmed?.html).toContain(money);
    expect(confirmed?.html).toContain(time);
    expect(confirmed?.html).toContain(`<a href="${url}">${link}</a>`);
    expect(confirmed?.html).toContain(`<html lang="${locale}">`);
    expect(confirmed?.from?.value[0]).toMatchObject({ name: 'Fareway', address: 'no-reply@fareway.example.lk' });
    const [row] = await rows(`kind = 'booking.confirmed' and channel = 'email' and recipient = '${customer.email}'`);
    expect(confirmed?.messageId).toBe(`<${row?.id}@fareway.example.lk>`);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, provider: 'smtp', locale });

    const texts = sms.outbox.filter((m) => m.to === customer.phone).map((m) => m.body);
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      expect(text).toContain(bookingReference(bookingId));
      expect(text).toContain(url);
    }
  });

  it('speaks English when the profile has no language, and to a number alone by SMS only', async () => {
    const customer = await person(null);
    await deps.database.sql`update users set email = null where id = ${customer.id}`;
    await heldAndConfirmed(customer.id, '2026-06-12T04:30:00Z');
    const queued = await rows(`user_id = '${customer.id}'`);
    expect(queued.map((r) => [r.kind, r.channel, r.locale])).toEqual([
      ['booking.held', 'sms', 'en'],
      ['booking.confirmed', 'sms', 'en'],
    ]);
    await sendNotifications(deps, senders);
    const texts = sms.outbox.filter((m) => m.to === customer.phone).map((m) => m.body);
    expect(texts.find((t) => t.includes('confirmed'))).toMatch(
      /^Fareway: booking FW-[0-9A-F]{8} confirmed\. Toyota Aqua 2020, Jun 12, 2026, 10:00 AM \(Asia\/Colombo\)\. Paid LKR 12,500\.50\./,
    );
  });
});

describe('a lapsed hold’s notice, written by the sweep as template + data', () => {
  it('shows in the outbox, is delivered by email and SMS in the customer’s language as if rendered when queued, and keeps what was sent', async () => {
    const customer = await person('si');
    const owner = await insertUser(deps, ['driver']);
    const vehicleId = await insertVehicle(deps, owner, { make: 'Toyota', model: 'Aqua', year: 2020, dailyRateMinor: 1_250_050 });
    const start = new Date('2026-06-20T04:30:00Z');
    const held = await createRentalHold(
      deps,
      actorOf(customer.id),
      { vehicleId, start, end: new Date(start.getTime() + 86_400_000) },
      origin,
    );
    await sendNotifications(deps, senders); // the hold's own notice, out of the way
    deps.clock.set(new Date(new Date(held.expiresAt ?? '').getTime() + 1000));
    expect(await sweepExpiredHolds(deps)).toEqual({ expired: 1 });

    const where = `kind = 'booking.hold_expired' and user_id = '${customer.id}'`;
    const queued = await rows(where, 'channel');
    expect(queued.map((r) => [r.channel, r.locale, r.status, r.body, r.data?.bookingId])).toEqual([
      ['email', 'si', 'queued', null, held.id],
      ['sms', 'si', 'queued', null, held.id],
    ]);
    // What queueing the notice in this process renders from the same booking.
    const facts = (await loadBookingFacts(deps.db, [held.id])).get(held.id);
    if (!facts) throw new Error('no facts');
    const notice = bookingNotice('booking.hold_expired', facts);
    const expected = renderNotification('booking.hold_expired', notice.data as never, 'si', PUBLIC_URL);
    expect(expected.sms).toContain(bookingReference(held.id));

    const listed = (await listNotifications(deps, { page: 1, limit: 100 })).items.filter((m) => m.userId === customer.id);
    const shown = listed.filter((m) => m.kind === 'booking.hold_expired').sort((x, y) => x.channel.localeCompare(y.channel));
    expect(shown.map((m) => [m.channel, m.subject, m.body, m.masked])).toEqual([
      ['email', expected.subject, expected.text, false],
      ['sms', null, expected.sms, false],
    ]);

    expect(await sendNotifications(deps, senders)).toEqual({ sent: 2, retry: 0, failed: 0, dead: 0 });
    const email = arrived(customer.email).find((m) => m.subject === expected.subject);
    expect(email?.text?.trimEnd()).toBe(expected.text);
    expect(email?.html).toBe(expected.html);
    expect(sms.outbox.filter((m) => m.to === customer.phone).at(-1)?.body).toBe(expected.sms);
    // Once sent, the row holds the text that went out, as a notice rendered when queued does.
    expect((await rows(where, 'channel')).map((r) => [r.channel, r.status, r.subject, r.body, r.html])).toEqual([
      ['email', 'sent', expected.subject, expected.text, expected.html],
      ['sms', 'sent', null, expected.sms, null],
    ]);
  });
});

describe('delivery: exactly once under concurrency, at least once across a kill', () => {
  async function queueMany(n: number) {
    const customer = await person('en');
    await deps.database.sql`update users set phone = null where id = ${customer.id}`.catch(() => undefined);
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      await deps.db.transaction(async (tx) => {
        ids.push(
          ...(await queueNotification(tx, deps, {
            to: customer.email,
            template: 'refund.issued',
            data: { amountMinor: 1000 + i, currency: 'LKR', bookingId: null, toWallet: true },
          })),
        );
      });
    }
    return { customer, ids };
  }

  it('four runs at once deliver 40 messages once each', async () => {
    const { customer, ids } = await queueMany(40);
    const results = await Promise.all(Array.from({ length: 4 }, () => sendNotifications(deps, senders, { limit: 15 })));
    // Whatever the first round left (each run takes at most 15), a second round finishes.
    await Promise.all(Array.from({ length: 4 }, () => sendNotifications(deps, senders, { limit: 15 })));
    expect(results.reduce((n, r) => n + r.sent, 0)).toBeGreaterThan(0);
    expect(arrived(customer.email)).toHaveLength(40);
    const [counts] = await deps.database.sql<Array<{ sent: number; attempts: number; tries: number }>>`
      select count(*) filter (where status = 'sent')::int as sent, sum(attempts)::int as attempts,
             (select count(*)::int from notification_attempts where notification_id = any(${ids}::uuid[])) as tries
        from notifications where id = any(${ids}::uuid[])`;
    expect(counts).toEqual({ sent: 40, attempts: 40, tries: 40 });
  });

  it('killed after the SMTP server took it: sent again with the same Message-ID once the lease runs out, both tries recorded', async () => {
    const { customer, ids } = await queueMany(1);
    const id = ids[0] as string;
    // The first worker hands the message to SMTP and dies before writing `sent`.
    let delivered!: () => void;
    const handedOver = new Promise<void>((resolve) => {
      delivered = resolve;
    });
    const dying: MailSender = {
      name: 'smtp',
      async send(message: MailMessage) {
        await mail.send(message);
        delivered();
        return new Promise(() => {}); // never completes: the process is gone
      },
    };
    void sendNotifications(deps, { sms, mail: dying }, { notificationId: id });
    await handedOver;
    // Another run while the lease holds finds nothing to do.
    expect(await sendNotifications(deps, senders)).toEqual({ sent: 0, retry: 0, failed: 0, dead: 0 });
    deps.clock.advance(121_000);
    expect(await sendNotifications(deps, senders)).toMatchObject({ sent: 1 });
    const copies = arrived(customer.email);
    expect(copies).toHaveLength(2);
    expect(copies[0]?.messageId).toBe(copies[1]?.messageId);
    const [row] = await rows(`id = '${id}'`);
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    const tries = await deps.database
      .sql`select attempt, outcome, error from notification_attempts where notification_id = ${id} order by attempt`;
    expect(tries).toEqual([
      { attempt: 1, outcome: 'retry', error: expect.stringMatching(/interrupted/) },
      { attempt: 2, outcome: 'sent', error: null },
    ]);
  });

  it('killed after `sent` was written (before its job completed): the retried job sends nothing', async () => {
    const { customer, ids } = await queueMany(1);
    expect(await sendNotifications(deps, senders, { notificationId: ids[0] })).toMatchObject({ sent: 1 });
    // pg-boss retries the job whose completion was lost.
    expect(await sendNotifications(deps, senders, { notificationId: ids[0] })).toEqual({ sent: 0, retry: 0, failed: 0, dead: 0 });
    expect(await sendNotifications(deps, senders)).toEqual({ sent: 0, retry: 0, failed: 0, dead: 0 });
    expect(arrived(customer.email)).toHaveLength(1);
  });

  it('retries a 4xx reply with backoff, marks a message dead after NOTIFICATION_MAX_ATTEMPTS, and a 5xx reply failed at once', async () => {
    const { ids } = await queueMany(1);
    const id = ids[0] as string;
    for (let attempt = 1; attempt <= 3; attempt++) {
      inbox.refuseNext(451, 'Try again later');
      const result = await sendNotifications(deps, senders, { notificationId: id });
      expect(result).toMatchObject(attempt < 3 ? { retry: 1 } : { dead: 1 });
      // Not due again before its backoff (30 s, then 60 s).
      expect(await sendNotifications(deps, senders, { notificationId: id })).toMatchObject({ sent: 0, retry: 0 });
      deps.clock.advance(30_000 * 2 ** (attempt - 1));
    }
    expect((await rows(`id = '${id}'`))[0]).toMatchObject({ status: 'dead', attempts: 3, last_error: expect.stringMatching(/451/) });

    const rejected = (await queueMany(1)).ids[0] as string;
    inbox.refuseNext(550, 'No such user');
    expect(await sendNotifications(deps, senders, { notificationId: rejected })).toMatchObject({ failed: 1 });
    expect((await rows(`id = '${rejected}'`))[0]).toMatchObject({
      status: 'failed',
      attempts: 1,
      last_error: expect.stringMatching(/550/),
    });
  });
});

describe('cleanup-notifications', () => {
  it('deletes delivered messages past retention (and their attempts), keeps the rest; twice at once changes nothing more', async () => {
    const old = await deps.database.sql<Array<{ id: string }>>`
      select id from notifications where status = 'sent' limit 3`;
    const oldIds = old.map((r) => r.id);
    await deps.database.sql`update notifications set sent_at = sent_at - interval '31 days' where id = any(${oldIds}::uuid[])`;
    const [before] = await deps.database.sql<Array<{ n: number }>>`select count(*)::int as n from notifications`;
    const results = await Promise.all([cleanupNotifications(deps), cleanupNotifications(deps)]);
    expect(results[0].deleted + results[1].deleted).toBe(3);
    const [after] = await deps.database.sql<Array<{ n: number }>>`select count(*)::int as n from notifications`;
    expect(after?.n).toBe((before?.n ?? 0) - 3);
    expect(await deps.database.sql`select 1 from notification_attempts where notification_id = any(${oldIds}::uuid[])`).toHaveLength(0);
    expect(await deps.database.sql`select 1 from notifications where status in ('dead', 'failed')`).toHaveLength(2);
    expect(await cleanupNotifications(deps)).toEqual({ deleted: 0 });
  });
});

describe('send-reminders', () => {
  it('queues the 24 h reminder once, then the 2 h one once, however many runs overlap', async () => {
    deps.clock.set('2026-07-01T00:00:00Z');
    const customer = await person('ta');
    const { bookingId } = await heldAndConfirmed(customer.id, '2026-07-01T20:00:00Z');
    const reminders = () => rows(`kind = 'booking.reminder' and user_id = '${customer.id}'`);
    await Promise.all([sendReminders(deps), sendReminders(deps), sendReminders(deps)]);
    expect((await reminders()).map((r) => r.dedupe_key).sort()).toEqual([
      `booking.reminder:${bookingId}:24h:email`,
      `booking.reminder:${bookingId}:24h:sms`,
    ]);
    expect(await sendReminders(deps)).toEqual({ queued: 0 });
    deps.clock.set('2026-07-01T18:30:00Z');
    await Promise.all([sendReminders(deps), sendReminders(deps)]);
    const all = await reminders();
    expect(all).toHaveLength(4);
    const twoHour = all.find((r) => r.dedupe_key === `booking.reminder:${bookingId}:2h:email`);
    expect(twoHour?.subject).toBe('நினைவூட்டல்: உங்கள் வாகனத்தை 2 மணி நேரத்தில் பெற வேண்டும்');
    expect(twoHour?.body).toContain('(Asia/Colombo)');
    deps.clock.set('2026-07-01T20:00:01Z');
    expect(await sendReminders(deps)).toEqual({ queued: 0 });
  });
});

describe('notices from the business transactions', () => {
  it('partners hear of approvals and rejections, with the reason', async () => {
    const admin = actorOf((await person(null, ['admin'])).id, ['admin']);
    const driver = await person('si');
    const vehicleId = await insertVehicle(deps, driver.id, { status: 'pending_review' });
    await changeVehicleStatus(deps, admin, { vehicleId, action: 'reject', reason: 'No insurance papers' }, origin);
    const application = newId();
    await deps.db.insert(schema.driverApplications).values({
      id: application,
      userId: driver.id,
      fullName: 'Nimal Perera',
      nationalId: '199012345678',
      licenceNumber: 'B1234567',
      licenceExpiry: '2030-01-01',
      createdAt: deps.clock.now(),
      updatedAt: deps.clock.now(),
    });
    await reviewDriverApplication(
      deps,
      admin,
      { applicationId: application, decision: 'reject', reason: 'Licence photo unreadable' },
      origin,
    );
    const queued = await rows(`user_id = '${driver.id}' and channel = 'email'`);
    expect(queued.map((r) => [r.kind, r.locale])).toEqual([
      ['vehicle.rejected', 'si'],
      ['driver.rejected', 'si'],
    ]);
    expect(queued[0]?.body).toContain('හේතුව: No insurance papers');
    expect(queued[1]?.body).toContain('හේතුව: Licence photo unreadable');

    const owner = await person('en');
    const orgId = newId();
    await deps.db
      .insert(schema.organizations)
      .values({ id: orgId, name: 'Lanka Express', status: 'pending', createdAt: deps.clock.now(), updatedAt: deps.clock.now() });
    await deps.db
      .insert(schema.organizationMembers)
      .values({ organizationId: orgId, userId: owner.id, role: 'owner', createdAt: deps.clock.now() });
    await setOrganizationStatus(deps, admin, { organizationId: orgId, status: 'approved' }, origin);
    expect((await rows(`user_id = '${owner.id}' and channel = 'email'`)).map((r) => r.subject)).toEqual([
      'Lanka Express is approved on Fareway',
    ]);
  });
});
