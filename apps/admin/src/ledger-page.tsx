import { QueryState, useTRPC } from '@fareway/api-client';
import { Alert, Button, Card, formatMoney, StatusBadge } from '@fareway/ui';
import { useQuery } from '@tanstack/react-query';

/**
 * The trial balance: every ledger account's signed balance (debits positive)
 * and the total per currency. Double entry means each total is 0; anything
 * else is shown as a fault, loudly.
 */
export function LedgerPage() {
  const trpc = useTRPC();
  const balance = useQuery(trpc.ledger.trialBalance.queryOptions());
  return (
    <>
      <div className="admin-head">
        <h1 className="admin-title">Ledger · trial balance</h1>
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
                <div className="fw-table-wrap">
                  <table className="fw-table" data-testid="ledger-totals">
                    <thead>
                      <tr>
                        <th scope="col">Currency</th>
                        <th scope="col" className="fw-num">
                          Total
                        </th>
                        <th scope="col">Check</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.totals.map((total) => (
                        <tr key={total.currency}>
                          <td>{total.currency}</td>
                          <td className="fw-num">{formatMoney(total.balanceMinor, total.currency)}</td>
                          <td>
                            {total.balanceMinor === 0 ? (
                              <StatusBadge variant="ok">Balanced</StatusBadge>
                            ) : (
                              <StatusBadge variant="down">Off</StatusBadge>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Card>
              <Card title="Accounts">
                <div className="fw-table-wrap">
                  <table className="fw-table">
                    <thead>
                      <tr>
                        <th scope="col">Account</th>
                        <th scope="col">Currency</th>
                        <th scope="col" className="fw-num">
                          Balance (debit +)
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.accounts.map((account) => (
                        <tr key={`${account.code}:${account.currency}`}>
                          <td>
                            <code className="fw-tag">{account.code}</code>
                          </td>
                          <td>{account.currency}</td>
                          <td className="fw-num">{formatMoney(account.balanceMinor, account.currency)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </Card>
            </div>
          );
        }}
      </QueryState>
    </>
  );
}
