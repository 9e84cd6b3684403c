import { QueryState, type RouterOutputs, useTRPC } from '@fareway/api-client';
import { browserTimeZone, type ColumnDef, DataTable, formatDateTime, formatMoney, Pager } from '@fareway/ui';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { SignInGate } from '../lib/sign-in-gate';

const route = getRouteApi('/wallet/history');
const LIMIT = 20;

type Move = RouterOutputs['journey']['walletMoves']['items'][number];

/** The wallet's history: every top-up, payment and refund kept in it, newest first, with the balance after each. */
export function WalletHistoryPage() {
  const { t } = useTranslation('walletHistory');
  return (
    <div className="web-page">
      <Link to="/wallet" className="fw-back">
        ← {t('back')}
      </Link>
      <h1 className="fw-page-title">{t('title')}</h1>
      <SignInGate reason={t('signIn')}>{() => <History />}</SignInGate>
    </div>
  );
}

function History() {
  const trpc = useTRPC();
  const { t } = useTranslation('walletHistory');
  const page = route.useSearch().page ?? 1;
  const navigate = route.useNavigate();
  const moves = useQuery(trpc.journey.walletMoves.queryOptions({ page, limit: LIMIT }, { placeholderData: keepPreviousData }));
  // Wallet moves belong to no vehicle or trip: they are shown on the reader's own clock.
  const zone = browserTimeZone();
  const kinds: Record<Move['kind'], string> = { top_up: t('topUp'), payment: t('payment'), refund: t('refund'), other: t('other') };
  const columns: Array<ColumnDef<Move, unknown>> = [
    { id: 'at', header: t('when'), cell: ({ row: { original: m } }) => formatDateTime(m.at, zone) },
    {
      id: 'what',
      header: t('what'),
      cell: ({ row: { original: m } }) =>
        m.bookingId ? (
          <Link to="/bookings/$id" params={{ id: m.bookingId }}>
            {kinds[m.kind]}
          </Link>
        ) : (
          kinds[m.kind]
        ),
    },
    {
      id: 'amount',
      header: t('amount'),
      meta: { numeric: true },
      cell: ({ row: { original: m } }) => (
        <span className={m.amountMinor < 0 ? 'web-money-out' : 'web-money-in'}>
          {m.amountMinor > 0 ? '+' : '−'}
          {formatMoney(Math.abs(m.amountMinor), m.currency)}
        </span>
      ),
    },
    {
      id: 'balance',
      header: t('balance'),
      meta: { numeric: true },
      cell: ({ row: { original: m } }) => formatMoney(m.balanceMinor, m.currency),
    },
  ];
  return (
    <QueryState query={moves} what={t('loading')}>
      {(data) =>
        data.items.length === 0 ? (
          <p className="fw-muted">{t('empty')}</p>
        ) : (
          <>
            <DataTable label={t('title')} data={data.items} columns={columns} getRowId={(m) => m.id} />
            <Pager page={page} limit={LIMIT} total={data.meta.total} onPage={(next) => void navigate({ search: { page: next } })} />
          </>
        )
      }
    </QueryState>
  );
}
