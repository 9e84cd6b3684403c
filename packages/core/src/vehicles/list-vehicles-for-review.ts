import { type DatabaseOrTransaction, schema } from '@fareway/db';
import type { VehicleState } from '@fareway/domain';
import { and, asc, count, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { PersonLabel } from '../back-office/labels';
import type { Deps } from '../deps';
import type { Page } from '../identity/list-users';
import { containsPattern, personMatches } from '../identity/person-search';
import { fileUrl } from '../storage/public-file';
import { type PublicVehicle, toPublicVehicles } from './public-vehicle';

/** A vehicle as the review queue shows it: its owner named, and the papers the owner gave when applying to drive. */
export interface ReviewVehicle extends PublicVehicle {
  owner: PersonLabel;
  /** The owner's latest driver application's documents (licence, ...); served through the access-checked file route. */
  ownerDocuments: { kind: string; fileId: string; url: string }[];
}

/**
 * Admin: vehicles in one state (default: waiting for review), oldest first, a
 * review queue, paged on the server. `q` finds a vehicle by make and model,
 * city, or its owner's name, email or phone (typed any way).
 */
export async function listVehiclesForReview(
  deps: Pick<Deps, 'db' | 'config'>,
  input: { status?: VehicleState; q?: string; page: number; limit: number },
): Promise<Page<ReviewVehicle>> {
  const v = schema.vehicles;
  const u = schema.users;
  const filters: SQL[] = [eq(v.status, input.status ?? 'pending_review')];
  const q = input.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    filters.push(
      or(
        ilike(sql`${v.make} || ' ' || ${v.model}`, pattern),
        ilike(v.city, pattern),
        personMatches(u, q, deps.config.auth.defaultRegion),
      ) as SQL,
    );
  }
  const where = and(...filters);
  const [rows, [total]] = await Promise.all([
    deps.db
      .select({ vehicle: v, owner: { id: u.id, name: u.name, phone: u.phone, email: u.email } })
      .from(v)
      .innerJoin(u, eq(u.id, v.ownerUserId))
      .where(where)
      .orderBy(asc(v.updatedAt), asc(v.id))
      .limit(input.limit)
      .offset((input.page - 1) * input.limit),
    deps.db.select({ n: count() }).from(v).innerJoin(u, eq(u.id, v.ownerUserId)).where(where),
  ]);
  const [vehicles, documents] = await Promise.all([
    toPublicVehicles(
      deps.db,
      rows.map((r) => r.vehicle),
      () => true,
    ),
    ownerDocuments(
      deps.db,
      rows.map((r) => r.owner.id),
    ),
  ]);
  return {
    items: vehicles.map((vehicle, i) => {
      const owner = rows[i]?.owner as PersonLabel;
      return { ...vehicle, owner, ownerDocuments: documents.get(owner.id) ?? [] };
    }),
    meta: { page: input.page, limit: input.limit, total: total?.n ?? 0 },
  };
}

/** Each owner's latest driver application's documents, one query for a page of owners. */
async function ownerDocuments(db: DatabaseOrTransaction, ownerIds: string[]) {
  const out = new Map<string, ReviewVehicle['ownerDocuments']>();
  if (ownerIds.length === 0) return out;
  const a = schema.driverApplications;
  const rows = await db
    .selectDistinctOn([a.userId], { userId: a.userId, documents: a.documents })
    .from(a)
    .where(inArray(a.userId, [...new Set(ownerIds)]))
    .orderBy(a.userId, desc(a.createdAt));
  for (const row of rows)
    out.set(
      row.userId,
      row.documents.map((d) => ({ kind: d.kind, fileId: d.fileId, url: fileUrl(d.fileId) })),
    );
  return out;
}
