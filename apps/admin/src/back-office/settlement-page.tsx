import { type RouterOutputs, useProblem, useTRPC } from '@fareway/api-client';
import {
  Button,
  browserTimeZone,
  Card,
  type ColumnDef,
  DataTable,
  Fact,
  Facts,
  formatDateTime,
  formatMoney,
  humanize,
  ProblemAlert,
  StatusBadge,
  TextField,
} from '@fareway/ui';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { ConfirmAction } from '../lib/confirm-action';
import { ActionsCard, DetailHead, DetailPage } from '../lib/detail-page';
import { settlementLook } from './looks';

type Settlement = RouterOutputs['admin']['settlements']['get'];
type Line = Settlement['lines'][number] & { currency: string };

const route = getRouteApi('/settlements/$settlementId');

const lineColumns: Array<ColumnDef<Line, unknown>> = [
  {
    id: 'booking',
    header: 'Booking',
    cell: ({ row: { original: l } }) => (
      <Link to="/bookings/$bookingId" params={{ bookingId: l.bookingId }}>
        {l.bookingId.slice(-8)}
      </Link>
    ),
  },
  { id: 'gross', header: 'Gross', meta: { numeric: true }, cell: ({ row: { original: l } }) => formatMoney(l.grossMinor, l.currency) },
  {
    id: 'commission',
    header: 'Commission',
    meta: { numeric: true },
    cell: ({ row: { original: l } }) => formatMoney(l.commissionMinor, l.currency),
  },
  { id: 'fees', header: 'Fees', meta: { numeric: true }, cell: ({ row: { original: l } }) => formatMoney(l.feesMinor, l.currency) },
  {
    id: 'refunds',
    header: 'Refunds',
    meta: { numeric: true },
    cell: ({ row: { original: l } }) => formatMoney(l.refundsMinor, l.currency),
  },
  { id: 'net', header: 'Payable', meta: { numeric: true }, cell: ({ row: { original: l } }) => formatMoney(l.netMinor, l.currency) },
];

/** One statement with its lines: approve a draft, record the payout of an approved one, download it as CSV. */
export function SettlementPage() {
  const trpc = useTRPC();
  const { settlementId } = route.useParams();
  const settlement = useQuery(trpc.admin.settlements.get.queryOptions({ id: settlementId }));
  return (
    <DetailPage back={{ to: '/settlements', label: 'Settlements' }} query={settlement} what="the statement">
      {(s) => (
        <div className="fw-stack">
          <DetailHead title={`${s.partner.name ?? humanize(s.partner.type)} · ${s.period}`}>
            <StatusBadge variant={settlementLook(s.status)}>{humanize(s.status)}</StatusBadge>
          </DetailHead>
          <div className="admin-grid">
            <Card title="Statement">
              <Facts>
                <Fact label="Gross">{formatMoney(s.grossMinor, s.currency)}</Fact>
                <Fact label="Commission">{formatMoney(s.commissionMinor, s.currency)}</Fact>
                <Fact label="Gateway fees">{formatMoney(s.feesMinor, s.currency)}</Fact>
                <Fact label="Refunds">{formatMoney(s.refundsMinor, s.currency)}</Fact>
                <Fact label="Payable">{formatMoney(s.netMinor, s.currency)}</Fact>
                {s.approvedAt ? <Fact label="Approved">{formatDateTime(s.approvedAt, browserTimeZone())}</Fact> : null}
                {s.paidAt ? (
                  <Fact label="Paid">
                    {formatDateTime(s.paidAt, browserTimeZone())} · {s.payoutReference}
                  </Fact>
                ) : null}
              </Facts>
            </Card>
            <ActionsCard>
              <SettlementActions settlement={s} />
              <a href={`/api/v1/admin/settlements/${s.id}/csv`} download>
                Download as CSV
              </a>
            </ActionsCard>
          </div>
          <Card title={`Lines (${s.lineCount})`}>
            {s.lines.length === 0 ? (
              <p className="fw-muted">No bookings in this statement.</p>
            ) : (
              <DataTable
                label="Statement lines"
                data={s.lines.map((l) => ({ ...l, currency: s.currency }))}
                columns={lineColumns}
                getRowId={(l) => l.bookingId}
              />
            )}
          </Card>
        </div>
      )}
    </DetailPage>
  );
}

function SettlementActions({ settlement }: { settlement: Settlement }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const done = () => queryClient.invalidateQueries(trpc.admin.settlements.pathFilter());
  const approve = useMutation(trpc.admin.settlements.approve.mutationOptions({ onSuccess: done }));
  const markPaid = useMutation(trpc.admin.settlements.markPaid.mutationOptions({ onSuccess: done }));
  const problem = useProblem(approve.error ?? markPaid.error);
  const [reference, setReference] = useState('');
  const [error, setError] = useState<string | null>(null);

  function onPaid(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (reference.trim() === '') {
      setError('Enter the bank’s reference for the payout');
      return;
    }
    setError(null);
    markPaid.mutate({ id: settlement.id, payoutReference: reference.trim() });
  }

  return (
    <div className="fw-stack">
      {problem ? <ProblemAlert title="Could not update the statement" problem={problem} /> : null}
      {settlement.status === 'draft' ? (
        <ConfirmAction
          label="Approve"
          confirmLabel="Approve it"
          busyLabel="Approving…"
          busy={approve.isPending}
          onConfirm={() => approve.mutate({ id: settlement.id })}
        >
          <p>Approving posts {formatMoney(settlement.netMinor, settlement.currency)} as owed to the partner; it cannot be undone.</p>
        </ConfirmAction>
      ) : null}
      {settlement.status === 'approved' ? (
        <form className="fw-form" onSubmit={onPaid} aria-label="Mark paid" noValidate>
          <TextField
            label="Payout reference"
            name="payoutReference"
            maxLength={200}
            value={reference}
            error={error ?? problem?.fields.payoutReference}
            onChange={(e) => setReference(e.target.value)}
          />
          <div className="fw-form__actions">
            <Button type="submit" variant="secondary" busy={markPaid.isPending} busyLabel="Saving…">
              Mark paid
            </Button>
          </div>
        </form>
      ) : null}
      {settlement.status === 'paid' ? <p className="fw-muted">Paid; nothing more to do.</p> : null}
    </div>
  );
}
