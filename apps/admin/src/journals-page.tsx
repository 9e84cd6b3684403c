import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { browserTimeZone, Card, type ColumnDef, DataTable, formatDateTime, formatMoney, humanize, Pager } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';

type Journal = RouterOutputs['ledger']['journals']['items'][number];
type Posting = Journal['postings'][number];

const route = getRouteApi('/ledger/journals');

const postingColumns: Array<ColumnDef<Posting, unknown>> = [
  {
    id: 'account',
    header: 'Account',
    cell: ({ row: { original: p } }) => (
      <Link to="/ledger/journals" search={{ account: p.code, currency: p.currency }}>
        {p.name}
      </Link>
    ),
  },
  { id: 'line', header: 'Line', cell: ({ row: { original: p } }) => humanize(p.lineKind) },
  {
    id: 'debit',
    header: 'Debit',
    meta: { numeric: true },
    cell: ({ row: { original: p } }) => (p.amountMinor > 0 ? formatMoney(p.amountMinor, p.currency) : ''),
  },
  {
    id: 'credit',
    header: 'Credit',
    meta: { numeric: true },
    cell: ({ row: { original: p } }) => (p.amountMinor < 0 ? formatMoney(-p.amountMinor, p.currency) : ''),
  },
];

/** Ledger journals newest first, each with its postings (debits and credits), or those of one account (drill-down). */
export function JournalsPage() {
  const trpc = useTRPC();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const account = search.account && search.currency ? { accountCode: search.account, currency: search.currency } : {};
  const journals = useQuery(
    trpc.ledger.journals.queryOptions({ ...account, page: search.page ?? 1, limit: 20 }, { placeholderData: keepPreviousData }),
  );
  // The drill-down's heading: the account's name and balance, as the trial balance shows them.
  const balance = useQuery({ ...trpc.ledger.trialBalance.queryOptions(), enabled: Boolean(search.account) });
  const named = balance.data?.accounts.find((a) => a.code === search.account && a.currency === search.currency);
  return (
    <>
      <Link to="/ledger" className="fw-back">
        ← Trial balance
      </Link>
      <h1 className="admin-title">Ledger · journals</h1>
      <QueryState
        query={journals}
        what="the journals"
        isEmpty={(data) => data.items.length === 0}
        empty={<p>No journals{search.account ? ' on this account' : ''} yet.</p>}
      >
        {(data) => (
          <div className="fw-stack">
            {named ? (
              <Card title={named.name}>
                <p>
                  Balance (debit +): <strong>{formatMoney(named.balanceMinor, named.currency)}</strong>{' '}
                  <span className="fw-muted admin-hint">
                    <code className="admin-wrap">{named.code}</code> · <Link to="/ledger/journals">all journals</Link>
                  </span>
                </p>
              </Card>
            ) : null}
            {data.items.map((journal) => (
              <Card key={journal.id} title={`${humanize(journal.kind)} · ${formatDateTime(journal.createdAt, browserTimeZone())}`}>
                <p className="fw-muted admin-hint admin-wrap">Reference {journal.reference}</p>
                <DataTable
                  label={`Postings of ${humanize(journal.kind)} ${journal.id.slice(-8)}`}
                  data={journal.postings}
                  columns={postingColumns}
                  getRowId={(p) => `${p.code}:${p.currency}:${p.lineKind}:${p.amountMinor}`}
                />
              </Card>
            ))}
            <Pager
              page={data.meta.page}
              limit={data.meta.limit}
              total={data.meta.total}
              busy={journals.isFetching}
              onPage={(next) => void navigate({ search: (prev) => ({ ...prev, page: next > 1 ? next : undefined }) })}
            />
          </div>
        )}
      </QueryState>
    </>
  );
}
