import type { DatabaseOrTransaction } from '@fareway/db';
import { accountName } from '@fareway/domain';
import { loadLabels } from '../back-office/labels';

/** An account as the console shows it: what it is, and whose, by name. */
export interface NamedAccount {
  code: string;
  currency: string;
  /** "Customer wallet · Amaya Perera", "Partner payable · Lanka Express", "Platform revenue". */
  name: string;
  owner: { kind: 'user' | 'organization'; id: string; name: string } | null;
}

/** Names for a page of account codes: one query per kind of owner, whatever the number of accounts. */
export async function nameAccounts(db: DatabaseOrTransaction, codes: Iterable<string>) {
  const parsed = new Map([...new Set(codes)].map((code) => [code, accountName(code)]));
  const owners = [...parsed.values()].map((n) => n.owner);
  const labels = await loadLabels(db, {
    users: owners.map((o) => (o && 'userId' in o ? o.userId : null)),
    organizations: owners.map((o) => (o && 'organizationId' in o ? o.organizationId : null)),
  });
  return (code: string, currency: string): NamedAccount => {
    const { title, owner } = parsed.get(code) ?? accountName(code);
    let named: NamedAccount['owner'] = null;
    if (owner && 'userId' in owner) {
      const person = labels.person(owner.userId);
      named = { kind: 'user', id: owner.userId, name: person?.name ?? person?.phone ?? person?.email ?? 'unknown user' };
    } else if (owner) {
      named = {
        kind: 'organization',
        id: owner.organizationId,
        name: labels.organization(owner.organizationId)?.name ?? 'unknown operator',
      };
    }
    return { code, currency, name: named ? `${title} · ${named.name}` : title, owner: named };
  };
}
