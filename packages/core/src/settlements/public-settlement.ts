import { type DatabaseOrTransaction, schema } from '@fareway/db';
import { AppError } from '@fareway/domain';
import { and, asc, eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import { loadLabels } from '../back-office/labels';
import type { Actor } from '../identity/users';

export type SettlementRow = typeof schema.settlements.$inferSelect;

export interface PublicSettlementLine {
  bookingId: string;
  grossMinor: number;
  commissionMinor: number;
  feesMinor: number;
  refundsMinor: number;
  netMinor: number;
}

export interface PublicSettlement {
  id: string;
  period: string;
  /** Who is settled, named (a driver's name or phone, an operator's name). */
  partner: { type: 'user' | 'organization'; id: string; name: string | null };
  currency: string;
  status: SettlementRow['status'];
  grossMinor: number;
  commissionMinor: number;
  feesMinor: number;
  refundsMinor: number;
  netMinor: number;
  lineCount: number;
  approvedAt: string | null;
  paidAt: string | null;
  payoutReference: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Statements with their partners' names, loaded for the whole page at once. */
export async function toPublicSettlements(tx: DatabaseOrTransaction, rows: SettlementRow[]): Promise<PublicSettlement[]> {
  const labels = await loadLabels(tx, { users: rows.map((r) => r.partnerUserId), organizations: rows.map((r) => r.partnerOrganizationId) });
  return rows.map((row) => {
    const person = labels.person(row.partnerUserId);
    return toPublicSettlement(
      row,
      person ? (person.name ?? person.phone ?? person.email) : (labels.organization(row.partnerOrganizationId)?.name ?? null),
    );
  });
}

export function toPublicSettlement(row: SettlementRow, partnerName: string | null = null): PublicSettlement {
  return {
    id: row.id,
    period: row.period,
    partner: row.partnerUserId
      ? { type: 'user', id: row.partnerUserId, name: partnerName }
      : { type: 'organization', id: row.partnerOrganizationId ?? '', name: partnerName },
    currency: row.currency,
    status: row.status,
    grossMinor: row.grossMinor,
    commissionMinor: row.commissionMinor,
    feesMinor: row.feesMinor,
    refundsMinor: row.refundsMinor,
    netMinor: row.netMinor,
    lineCount: row.lineCount,
    approvedAt: row.approvedAt?.toISOString() ?? null,
    paidAt: row.paidAt?.toISOString() ?? null,
    payoutReference: row.payoutReference,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * The statements a partner may read: their own as a driver, and those of the
 * organisations they own. Anyone else's is invisible ("not yours" = absent).
 */
export function ownedBy(actor: Actor): SQL {
  const s = schema.settlements;
  const owned = sql`(select ${schema.organizationMembers.organizationId} from ${schema.organizationMembers}
    where ${schema.organizationMembers.userId} = ${actor.userId} and ${schema.organizationMembers.role} = 'owner')`;
  return or(eq(s.partnerUserId, actor.userId), sql`${s.partnerOrganizationId} in ${owned}`) as SQL;
}

export async function settlementLinesOf(tx: DatabaseOrTransaction, ids: string[]): Promise<Map<string, PublicSettlementLine[]>> {
  const l = schema.settlementLines;
  const rows =
    ids.length === 0 ? [] : await tx.select().from(l).where(inArray(l.settlementId, ids)).orderBy(asc(l.settlementId), asc(l.bookingId));
  const byId = new Map<string, PublicSettlementLine[]>();
  for (const row of rows) {
    const line = {
      bookingId: row.bookingId,
      grossMinor: row.grossMinor,
      commissionMinor: row.commissionMinor,
      feesMinor: row.feesMinor,
      refundsMinor: row.refundsMinor,
      netMinor: row.netMinor,
    };
    byId.set(row.settlementId, [...(byId.get(row.settlementId) ?? []), line]);
  }
  return byId;
}

/** One statement with its lines; `actor` set limits it to that partner's own. */
export async function loadSettlement(
  tx: DatabaseOrTransaction,
  id: string,
  actor: Actor | null,
): Promise<PublicSettlement & { lines: PublicSettlementLine[] }> {
  const s = schema.settlements;
  const [row] = await tx
    .select()
    .from(s)
    .where(actor ? and(eq(s.id, id), ownedBy(actor)) : eq(s.id, id))
    .limit(1);
  if (!row) throw new AppError('SETTLEMENT_NOT_FOUND', 'No such settlement');
  const lines = await settlementLinesOf(tx, [row.id]);
  const [named] = await toPublicSettlements(tx, [row]);
  return { ...(named ?? toPublicSettlement(row)), lines: lines.get(row.id) ?? [] };
}
