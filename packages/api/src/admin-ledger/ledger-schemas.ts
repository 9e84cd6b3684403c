import { z } from 'zod';

/** A ledger account, named: what it is and whose, never a bare id. */
export const NamedAccountSchema = z.object({
  code: z.string(),
  currency: z.string().length(3),
  name: z.string().describe('e.g. "Customer wallet · Amaya Perera"'),
  owner: z.object({ kind: z.enum(['user', 'organization']), id: z.uuid(), name: z.string() }).nullable(),
});
