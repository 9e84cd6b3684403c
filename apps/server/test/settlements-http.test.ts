import { calculateSettlements, createOrganization, processRefund } from '@fareway/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelByPartner, insertPaidRental } from '../../../packages/core/test/support/money-fixtures';
import { bearer, insertUser, type Json, type PaymentsHarness, startPaymentsHarness } from './support/payments-harness';

// Partner statements from the ledger, over real HTTP: a demo month equals a
// direct ledger sum to the minor unit, approve and mark paid post balanced
// journals, a refund after the month closed lands in the next month as a
// negative line, partners read only their own, the CSV has one header row.
let h: PaymentsHarness;
let admin: Record<string, string>;
const sql = () => h.deps.database.sql;

beforeAll(async () => {
  h = await startPaymentsHarness({ worker: false });
  await h.adminToken();
});
afterAll(() => h.close());

/** Sessions live 30 days and these tests move the clock by months: a fresh admin session at the current time. */
async function signInAdmin() {
  const [row] = await sql()`select id from users where email = 'ledger-admin@example.com'`;
  admin = bearer(await h.tokenFor(row?.id as string));
}
/** What the ledger says a partner account earned in a month, summed straight from its entries. */
async function ledgerSum(account: string, from: string, to: string) {
  const [row] = await sql()`
    select -coalesce(sum(e.amount_minor), 0)::int as net
    from ledger_entries e join ledger_journals j on j.id = e.journal_id
    where e.account_code = ${account} and e.line_kind in ('partner_share', 'partner_reversal')
      and j.created_at >= ${from}::timestamptz and j.created_at < ${to}::timestamptz`;
  const [sale] = await sql()`
    select coalesce(sum(p.amount_minor), 0)::int as gross, coalesce(sum(p.fee_minor), 0)::int as fees
    from payments p join ledger_journals j on j.reference = p.id::text and j.kind = 'capture'
    join bookings b on b.id = p.booking_id
    where ('partner_payable:user:' || b.partner_user_id) = ${account}
      and j.created_at >= ${from}::timestamptz and j.created_at < ${to}::timestamptz`;
  return { net: row?.net as number, gross: sale?.gross as number, fees: sale?.fees as number };
}

describe('settlements', () => {
  let driverA: string;
  let driverB: string;
  let lateRefunded: { bookingId: string; paymentId: string; ownerUserId: string };
  let february: Json;

  it('a month equals the direct ledger sum to the minor unit; calculating again changes nothing', async () => {
    h.deps.clock.set('2026-01-20T09:00:00Z');
    lateRefunded = await insertPaidRental(h.deps);
    driverA = lateRefunded.ownerUserId;
    h.deps.clock.set('2026-02-03T09:00:00Z');
    await insertPaidRental(h.deps, { ownerUserId: driverA, provider: 'payhere' });
    await insertPaidRental(h.deps, { ownerUserId: driverA, provider: 'stripe' });
    const cancelled = await insertPaidRental(h.deps, { ownerUserId: driverA, provider: 'stripe' });
    const refundId = await cancelByPartner(h.deps, cancelled);
    expect(await processRefund(h.deps, { refundId })).toBe('succeeded');
    driverB = (await insertPaidRental(h.deps)).ownerUserId;

    h.deps.clock.set('2026-03-01T02:00:00Z');
    await signInAdmin();
    expect(await calculateSettlements(h.deps, {})).toMatchObject({ period: '2026-02', created: 2 });
    const listed = await h.call('GET', '/api/v1/admin/settlements?period=2026-02', undefined, admin);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toHaveLength(2);
    february = listed.body.data.find((s: Json) => s.partner.id === driverA);
    const direct = await ledgerSum(`partner_payable:user:${driverA}`, '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z');
    expect(february.netMinor).toBe(direct.net);
    expect(february.grossMinor).toBe(direct.gross);
    expect(february.feesMinor).toBe(direct.fees);
    expect(february.refundsMinor).toBe(1_000_000);
    expect(february.netMinor).toBe(february.grossMinor - february.commissionMinor - february.feesMinor - february.refundsMinor);
    expect(february.lineCount).toBe(3);

    const again = await h.call('POST', '/api/v1/admin/jobs/calculate-settlements', { payload: { period: '2026-02' } }, admin);
    expect(again.status).toBe(200);
    expect(await calculateSettlements(h.deps, { period: '2026-02' })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    // The partner heard once that the statement is ready (calculated three times, one notice per channel).
    const notices = await sql()`select dedupe_key, body from notifications where kind = 'settlement.ready' and user_id = ${driverA}`;
    expect(notices.map((n) => n.dedupe_key)).toEqual([`settlement.ready:${february.id}:${driverA}:sms`]);
    expect(notices[0]?.body).toContain('February 2026');
    const detail = await h.call('GET', `/api/v1/admin/settlements/${february.id}`, undefined, admin);
    expect(detail.body.data).toMatchObject({ ...february, lines: expect.any(Array) });
    expect(detail.body.data.lines.reduce((s: number, l: Json) => s + l.netMinor, 0)).toBe(direct.net);
  });

  it('refuses a month that is not over', async () => {
    await expect(calculateSettlements(h.deps, { period: '2026-03' })).rejects.toMatchObject({ code: 'VALIDATION_ERROR' });
  });

  it('approve and mark paid post balanced journals; paying twice is 409', async () => {
    const marked = await h.call('POST', `/api/v1/admin/settlements/${february.id}/mark-paid`, { payoutReference: 'BANK-1' }, admin);
    expect(marked.status).toBe(409);
    expect(marked.body.error.code).toBe('SETTLEMENT_NOT_APPROVED');
    const approved = await h.call('POST', `/api/v1/admin/settlements/${february.id}/approve`, {}, admin);
    expect(approved.status).toBe(200);
    expect(approved.body.data.status).toBe('approved');
    expect((await h.call('POST', `/api/v1/admin/settlements/${february.id}/approve`, {}, admin)).body.error.code).toBe(
      'SETTLEMENT_ALREADY_APPROVED',
    );
    const paid = await h.call('POST', `/api/v1/admin/settlements/${february.id}/mark-paid`, { payoutReference: 'BANK-2026-0042' }, admin);
    expect(paid.status).toBe(200);
    expect(paid.body.data).toMatchObject({ status: 'paid', payoutReference: 'BANK-2026-0042' });
    const twice = await h.call('POST', `/api/v1/admin/settlements/${february.id}/mark-paid`, { payoutReference: 'BANK-2026-0043' }, admin);
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('SETTLEMENT_ALREADY_PAID');

    const journals = await sql()`
      select j.kind, sum(e.amount_minor)::int as total, count(*)::int as lines,
        sum(case when e.account_code = ${`partner_payable:user:${driverA}`} then e.amount_minor else 0 end)::int as payable
      from ledger_journals j join ledger_entries e on e.journal_id = j.id
      where j.reference = ${february.id} group by j.kind order by j.kind`;
    expect(journals).toEqual([
      { kind: 'settlement_approval', total: 0, lines: 2, payable: february.netMinor },
      { kind: 'settlement_payout', total: 0, lines: 2, payable: 0 },
    ]);
    const balance = await h.call('GET', '/api/v1/admin/ledger/trial-balance', undefined, admin);
    expect(balance.body.data.totals.every((t: Json) => t.balanceMinor === 0)).toBe(true);
    const audits = await sql()`select action from audit_log where subject_id = ${february.id} order by id`;
    expect(audits.map((a) => a.action)).toEqual(['settlement.calculated', 'settlement.approved', 'settlement.paid']);
  });

  it('a refund after the month closed lands in the next month as a negative line', async () => {
    h.deps.clock.set('2026-03-05T09:00:00Z');
    const refundId = await cancelByPartner(h.deps, lateRefunded);
    expect(await processRefund(h.deps, { refundId })).toBe('succeeded');
    h.deps.clock.set('2026-04-01T01:00:00Z');
    await signInAdmin();
    await calculateSettlements(h.deps, {});
    const march = (await h.call('GET', '/api/v1/admin/settlements?period=2026-03', undefined, admin)).body.data;
    expect(march).toHaveLength(1);
    const detail = (await h.call('GET', `/api/v1/admin/settlements/${march[0].id}`, undefined, admin)).body.data;
    expect(detail.lines).toEqual([expect.objectContaining({ bookingId: lateRefunded.bookingId, grossMinor: 0, refundsMinor: 1_000_000 })]);
    expect(detail.netMinor).toBeLessThan(0);
    const direct = await ledgerSum(`partner_payable:user:${driverA}`, '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');
    expect(detail.netMinor).toBe(direct.net);
  });

  it('partners read their own statements only; another partner’s answers 404 like an absent one', async () => {
    const a = bearer(await h.tokenFor(driverA));
    const b = bearer(await h.tokenFor(driverB));
    const mine = await h.call('GET', '/api/v1/settlements', undefined, a);
    expect(mine.status).toBe(200);
    expect(mine.body.data.map((s: Json) => s.period).sort()).toEqual(['2026-02', '2026-03']);
    expect((await h.call('GET', `/api/v1/settlements/${february.id}`, undefined, a)).body.data.lines).toHaveLength(3);
    const theirs = await h.call('GET', `/api/v1/settlements/${february.id}`, undefined, b);
    expect(theirs.status).toBe(404);
    expect(theirs.body.error.code).toBe('SETTLEMENT_NOT_FOUND');
    expect((await h.call('GET', '/api/v1/admin/settlements', undefined, a)).status).toBe(403);
    expect((await h.call('GET', '/api/v1/settlements')).status).toBe(401);
    // An organisation's statements are its owners' to read.
    const owner = await insertUser(h.deps);
    await createOrganization(
      h.deps,
      { userId: owner, roles: ['customer'], sessionId: 's' },
      { name: 'No sales yet' },
      { ip: null, requestId: null },
    );
    expect((await h.call('GET', '/api/v1/settlements', undefined, bearer(await h.tokenFor(owner)))).body.data).toEqual([]);
  });

  it('exports a period and a statement as CSV with one header row, amounts in major units', async () => {
    const res = await fetch(`${h.base}/api/v1/admin/settlements.csv?period=2026-02`, { headers: admin });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await res.text()).trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'settlement_id,period,partner_type,partner_id,status,payout_reference,booking_id,currency,gross,commission,fees,refunds,net',
    );
    expect(rows.filter((r) => r.startsWith('settlement_id'))).toHaveLength(1);
    expect(rows).toHaveLength(1 + 3 + 1);
    const netOfA = rows
      .slice(1)
      .filter((r) => r.includes(driverA))
      .reduce((sum, r) => sum + Math.round(Number(r.split(',').at(-1)) * 100), 0);
    expect(netOfA).toBe(february.netMinor);
    expect(rows[1]).toMatch(/,LKR,-?\d+\.\d{2},-?\d+\.\d{2},-?\d+\.\d{2},-?\d+\.\d{2},-?\d+\.\d{2}$/);

    const one = await fetch(`${h.base}/api/v1/admin/settlements/${february.id}/csv`, { headers: admin });
    expect((await one.text()).trimEnd().split('\r\n')).toHaveLength(1 + 3);
    const customer = bearer(await h.tokenFor(driverB));
    expect((await fetch(`${h.base}/api/v1/admin/settlements.csv?period=2026-02`, { headers: customer })).status).toBe(403);
    expect((await fetch(`${h.base}/api/v1/admin/settlements.csv?period=2026-02`)).status).toBe(401);
    const bad = await fetch(`${h.base}/api/v1/admin/settlements.csv?period=February`, { headers: admin });
    expect(bad.status).toBe(400);
  });
});
