import { createHash } from 'node:crypto';
import { newId, schema, withTransaction } from '@fareway/db';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Deps } from '../deps';
import type { Seeder } from '../seed/seed-demo';
import { fileStorageOf } from '../storage/file-storage-of';
import { drawOperatorLogo } from './draw-operator-logo';
import { DEMO_OPERATORS } from './seed-demo-trips';

/**
 * A logo for every demo operator that has none, drawn at seed time (draw-operator-logo.ts) and
 * stored like an upload (the file storage, a stored_files row owned by the operator's owner),
 * then set as the organization's logo: search results, the trip page and the e-ticket show it
 * beside the operator's name, and `GET /files/{id}` serves it to anyone while the operator is
 * approved. Idempotent: operators with a logo are left alone.
 */
export const demoOperatorLogosSeeder: Seeder = {
  name: 'demo-operator-logos',
  async run(deps: Deps) {
    const o = schema.organizations;
    const bare = await deps.db
      .select({ id: o.id, name: o.name, ownerUserId: schema.organizationMembers.userId })
      .from(o)
      .innerJoin(
        schema.organizationMembers,
        and(eq(schema.organizationMembers.organizationId, o.id), eq(schema.organizationMembers.role, 'owner')),
      )
      .where(
        and(
          inArray(
            o.name,
            DEMO_OPERATORS.map((d) => d.operator.name),
          ),
          isNull(o.logoFileId),
        ),
      );
    const storage = fileStorageOf(deps);
    const done = new Set<string>();
    for (const operator of bare) {
      if (done.has(operator.id)) continue; // one logo even if an operator had two owners
      done.add(operator.id);
      const bytes = drawOperatorLogo(operator.name);
      const id = newId();
      const storageKey = `organization_logo/${id}`;
      // The bytes first, then the rows (no I/O inside the transaction), as uploadFile does.
      await storage.put(storageKey, bytes, 'image/png');
      await withTransaction(deps.db, async (tx) => {
        const now = deps.clock.now();
        await tx.insert(schema.storedFiles).values({
          id,
          ownerUserId: operator.ownerUserId,
          purpose: 'organization_logo',
          storageKey,
          contentType: 'image/png',
          sizeBytes: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
          createdAt: now,
        });
        await tx.update(o).set({ logoFileId: id, updatedAt: now }).where(eq(o.id, operator.id));
      });
    }
    return { created: done.size };
  },
};
