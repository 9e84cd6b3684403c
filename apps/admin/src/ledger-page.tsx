import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { Alert, Button, Card, type ColumnDef, DataTable, formatMoney, type SortingState, StatusBadge } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';

/**
 * The trial balance: every ledger account's signed balance (debits positive)
 * and the total per currency. Double entry means each total is 0; anything
 * else is shown as a fault, loudly.
 */
type TrialBalance = RouterOutputs['ledger']['trialBalance'];

const totalColumns: Array<ColumnDef<TrialBalance['totals'][number], unknown>> = [
  { id: 'currency', header: 'Currency', accessorFn: (t) => t.currency },
  {
    id: 'total',
    header: 'Total',
    meta: { numeric: true },
    cell: ({ row: { original: t } }) => formatMoney(t.balanceMinor, t.currency),
  },
  {
    id: 'check',
    header: 'Check',
    cell: ({ row: { original: t } }) =>
      t.balanceMinor === 0 ? <StatusBadge variant="ok">Balanced</StatusBadge> : <StatusBadge variant="down">Off</StatusBadge>,
  },
];

const accountColumns: Array<ColumnDef<TrialBalance['accounts'][number], unknown>> = [
  {
    id: 'name',
    header: 'Account',
    accessorFn: (a) => a.name,
    cell: ({ row: { original: a } }) => (
      <Link to="/ledger/journals" search={{ account: a.code, currency: a.currency }}>
        {a.name}
      </Link>
    ),
  },
  { id: 'currency', header: 'Currency', accessorFn: (a) => a.currency },
  {
    id: 'balance',
    header: 'Balance (debit +)',
    accessorFn: (a) => a.balanceMinor,
    meta: { numeric: true },
    cell: ({ row: { original: a } }) => formatMoney(a.balanceMinor, a.currency),
  },
];

export function LedgerPage() {
  const trpc = useTRPC();
  const [sorting, setSorting] = useState<SortingState>([]);
  const balance = useQuery(trpc.ledger.trialBalance.queryOptions());
  return (
    <>
      <div className="admin-head">
        <h1 className="admin-title">Ledger · trial balance</h1>
        <Link to="/ledger/journals">All journals</Link>
        <Button variant="secondary" busy={balance.isFetching} busyLabel="Refreshing…" onClick={() => void balance.refetch()}>
          Refresh
        </Button>
      </div>
      <QueryState
        query={balance}
        what="the trial balance"
        isEmpty={(data) => data.accounts.length === 0}
        empty={<p>No money has moved yet: the ledger has no accounts with entries.</p>}
      >
        {(data) => {
          const unbalanced = data.totals.filter((total) => total.balanceMinor !== 0);
          return (
            <div className="fw-stack">
              {unbalanced.length > 0 ? (
                <Alert title="The ledger does not balance">
                  <p>
                    {unbalanced.map((t) => `${t.currency} is off by ${formatMoney(t.balanceMinor, t.currency)}`).join('; ')}. Every journal
                    must sum to zero; investigate before settling anyone.
                  </p>
                </Alert>
              ) : null}
              <Card title="Totals per currency">
                <DataTable label="Totals per currency" data={data.totals} columns={totalColumns} getRowId={(t) => t.currency} />
              </Card>
              <Card title="Accounts">
                <DataTable
                  label="Accounts"
                  data={data.accounts}
                  columns={accountColumns}
                  getRowId={(a) => `${a.code}:${a.currency}`}
                  sorting={sorting}
                  onSortingChange={setSorting}
                />
              </Card>
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
