import { newId, schema, type Transaction, withTransaction } from '@fareway/db';
import { AppError, partnerOfAccount, periodIsClosed, periodRange, previousPeriod } from '@fareway/domain';
import { and, eq, sql } from 'drizzle-orm';
import { recordAudit } from '../audit/record-audit';
import type { Deps } from '../deps';
import { queueNotifications } from '../notifications/queue-notification';
import { organizationOwnerIds } from '../organizations/organizations';

/** One booking's money in a month, per partner account and currency, as the ledger has it. */
interface LedgerLine {
  account: string;
  currency: string;
  bookingId: string;
  grossMinor: number;
  commissionMinor: number;
  feesMinor: number;
  refundsMinor: number;
}

interface Totals {
  grossMinor: number;
  commissionMinor: number;
  feesMinor: number;
  refundsMinor: number;
  netMinor: number;
}

export interface CalculateSettlementsResult {
  period: string;
  /** Statements written for the first time. */
  created: number;
  /** Drafts whose figures changed (a draft is recomputed; approved and paid ones never change). */
  updated: number;
  /** Statements already there with the same figures, or past draft. */
  unchanged: number;
}

/**
 * Reads one month of the ledger: every capture, wallet payment and refund
 * journal posted in [start, end) that has a line on a partner's payable
 * account, summed per partner, currency and booking. Gross is what the customer
 * paid (the sale's credits), commission is net of what refunds took back, fees
 * are the gateway fee recharged to the partner, refunds what went back to the
 * customer; net = gross − commission − fees − refunds, which is exactly minus
 * the sum of the partner's payable lines in the month. A refund posted after a
 * month closed falls in the month it was posted: a negative line there.
 */
async function ledgerLines(tx: Transaction, period: string): Promise<LedgerLine[]> {
  const { start, end } = periodRange(period);
  const rows = await tx.execute<{
    account: string;
    currency: string;
    booking_id: string;
    gross: string;
    commission: string;
    fees: string;
    refunds: string;
  }>(sql`
    with partner_lines as (
      select e.journal_id, e.account_code, e.currency, j.kind, j.reference
      from ledger_journals j
      join ledger_entries e on e.journal_id = j.id
      where j.created_at >= ${start.toISOString()}::timestamptz and j.created_at < ${end.toISOString()}::timestamptz
        and j.kind in ('capture', 'wallet_payment', 'refund')
        and e.line_kind in ('partner_share', 'partner_reversal')
    )
    select pl.account_code as account, pl.currency, coalesce(p.booking_id, r.booking_id) as booking_id,
      sum(case when e.line_kind in ('commission', 'fee_recharge', 'partner_share') then -e.amount_minor else 0 end)::text as gross,
      sum(case when e.line_kind in ('commission', 'commission_reversal') then -e.amount_minor else 0 end)::text as commission,
      sum(case when e.line_kind = 'fee_recharge' then -e.amount_minor else 0 end)::text as fees,
      sum(case when e.line_kind in ('commission_reversal', 'partner_reversal') then e.amount_minor else 0 end)::text as refunds
    from partner_lines pl
    join ledger_entries e on e.journal_id = pl.journal_id
    left join payments p on pl.kind <> 'refund' and p.id = pl.reference::uuid
    left join refunds r on pl.kind = 'refund' and r.id = pl.reference::uuid
    group by 1, 2, 3
    order by 1, 2, 3`);
  return [...rows].map((r) => {
    if (!r.booking_id) throw new Error(`a partner journal of ${r.account} names no booking`);
    return {
      account: r.account,
      currency: r.currency,
      bookingId: r.booking_id,
      grossMinor: Number(r.gross),
      commissionMinor: Number(r.commission),
      feesMinor: Number(r.fees),
      refundsMinor: Number(r.refunds),
    };
  });
}

const netOf = (t: Omit<Totals, 'netMinor'>) => t.grossMinor - t.commissionMinor - t.feesMinor - t.refundsMinor;

function sum(lines: LedgerLine[]): Totals {
  const t = { grossMinor: 0, commissionMinor: 0, feesMinor: 0, refundsMinor: 0 };
  for (const l of lines) {
    t.grossMinor += l.grossMinor;
    t.commissionMinor += l.commissionMinor;
    t.feesMinor += l.feesMinor;
    t.refundsMinor += l.refundsMinor;
  }
  return { ...t, netMinor: netOf(t) };
}

/**
 * `calculate-settlements`: every partner's statement for a closed month
 * (default: the month before the clock's), in ONE transaction under an advisory
 * lock on the period, so two runs at once queue and the second finds the work
 * done. A statement already approved or paid is never touched; a draft is
 * rewritten only if the ledger says something else. Calculating twice changes nothing.
 * A new statement is readable by its partner at once, so the partner (the driver,
 * or the organisation's owners) is told it is ready, once per statement and person.
 */
export async function calculateSettlements(
  deps: Pick<Deps, 'db' | 'clock' | 'config'>,
  input: { period?: string } = {},
): Promise<CalculateSettlementsResult> {
  const now = deps.clock.now();
  const period = input.period ?? previousPeriod(now);
  // Money: an open month could still get journals after its statement was approved; they would never be paid.
  if (!periodIsClosed(period, now))
    throw new AppError('VALIDATION_ERROR', `The period ${period} is not over yet`, {
      details: [{ path: 'period', message: 'not over yet' }],
    });
  return withTransaction(deps.db, async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`settlements:${period}`}))`);
    const lines = await ledgerLines(tx, period);
    const groups = new Map<string, LedgerLine[]>();
    for (const line of lines) {
      const key = `${line.account}\u0000${line.currency}`;
      groups.set(key, [...(groups.get(key) ?? []), line]);
    }
    const result: CalculateSettlementsResult = { period, created: 0, updated: 0, unchanged: 0 };
    for (const group of groups.values()) {
      const first = group[0];
      if (!first) continue;
      const partner = partnerOfAccount(first.account);
      if (!partner) throw new Error(`not a partner account: ${first.account}`);
      const totals = sum(group);
      const s = schema.settlements;
      const [existing] = await tx
        .select()
        .from(s)
        .where(and(eq(s.partnerAccount, first.account), eq(s.currency, first.currency), eq(s.period, period)))
        .for('update');
      if (existing) {
        const same =
          existing.grossMinor === totals.grossMinor &&
          existing.commissionMinor === totals.commissionMinor &&
          existing.feesMinor === totals.feesMinor &&
          existing.refundsMinor === totals.refundsMinor &&
          existing.lineCount === group.length;
        if (same || existing.status !== 'draft') {
          result.unchanged += 1;
          continue;
        }
        await tx.delete(schema.settlementLines).where(eq(schema.settlementLines.settlementId, existing.id));
        await tx
          .update(s)
          .set({ ...totals, lineCount: group.length, updatedAt: now })
          .where(eq(s.id, existing.id));
        await insertLines(tx, existing.id, group);
        result.updated += 1;
        continue;
      }
      const id = newId();
      const partnerUserId = 'userId' in partner ? partner.userId : null;
      const partnerOrganizationId = 'organizationId' in partner ? partner.organizationId : null;
      await tx.insert(s).values({
        id,
        period,
        partnerAccount: first.account,
        partnerUserId,
        partnerOrganizationId,
        currency: first.currency,
        status: 'draft',
        ...totals,
        lineCount: group.length,
        createdAt: now,
        updatedAt: now,
      });
      await insertLines(tx, id, group);
      await recordAudit(
        tx,
        now,
        { ip: null, requestId: null },
        {
          actorUserId: null,
          action: 'settlement.calculated',
          subjectType: 'settlement',
          subjectId: id,
          after: { period, partnerAccount: first.account, currency: first.currency, ...totals },
        },
      );
      const recipients = partnerUserId ? [partnerUserId] : await organizationOwnerIds(tx, partnerOrganizationId ?? '');
      await queueNotifications(
        tx,
        deps,
        recipients.map((userId) => ({
          userId,
          // Once per statement and person, however often the period is calculated.
          key: `settlement.ready:${id}:${userId}`,
          template: 'settlement.ready' as const,
          data: { settlementId: id, period, netPayableMinor: totals.netMinor, currency: first.currency },
        })),
      );
      result.created += 1;
    }
    return result;
  });
}

async function insertLines(tx: Transaction, settlementId: string, group: LedgerLine[]): Promise<void> {
  for (let i = 0; i < group.length; i += 1000) {
    await tx.insert(schema.settlementLines).values(
      group.slice(i, i + 1000).map((l) => ({
        id: newId(),
        settlementId,
        bookingId: l.bookingId,
        grossMinor: l.grossMinor,
        commissionMinor: l.commissionMinor,
        feesMinor: l.feesMinor,
        refundsMinor: l.refundsMinor,
        netMinor: netOf(l),
      })),
    );
  }
}
