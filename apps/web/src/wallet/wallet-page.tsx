import { QueryState, useProblem, useTRPC } from '@fareway/api-client';
import { Alert, Button, Card, formatMoney, ProblemAlert, parseMajorUnits, TextField, useRetryWait } from '@fareway/ui';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInGate } from '../lib/sign-in-gate';
import { type CheckoutProblem, openCheckout } from '../payments/open-checkout';

/** The wallet: its balance (from the ledger) and a top-up through the payment page. */
export function WalletPage() {
  const { t } = useTranslation('wallet');
  return (
    <div className="web-page">
      <h1 className="fw-page-title">{t('title')}</h1>
      <SignInGate reason={t('signIn')}>{() => <Wallet />}</SignInGate>
    </div>
  );
}

function Wallet() {
  const { t } = useTranslation('wallet');
  const trpc = useTRPC();
  const wallet = useQuery(trpc.wallet.get.queryOptions());
  return (
    <QueryState query={wallet} what={t('what')}>
      {(w) => (
        <div className="web-detail">
          <Card title={t('balance')} className="web-detail__main">
            <p className="web-balance" data-testid="wallet-balance">
              {formatMoney(w.balanceMinor, w.currency)}
            </p>
            <p className="fw-muted web-hint">{t('hint')}</p>
            <WalletHistoryLink />
          </Card>
          <TopUp currency={w.currency} />
        </div>
      )}
    </QueryState>
  );
}

function TopUp({ currency }: { currency: string }) {
  const { t } = useTranslation(['wallet', 'payment']);
  const trpc = useTRPC();
  const [amount, setAmount] = useState('');
  const [amountProblem, setAmountProblem] = useState<string | null>(null);
  const [openProblem, setOpenProblem] = useState<CheckoutProblem | null>(null);
  const topUp = useMutation(trpc.wallet.topUp.mutationOptions({ onSuccess: (payment) => setOpenProblem(openCheckout(payment.checkout)) }));
  const problem = useProblem(topUp.error);
  const wait = useRetryWait(problem);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const amountMinor = parseMajorUnits(amount, currency);
    if (amountMinor === null) {
      setAmountProblem(t('amountInvalid', { currency }));
      return;
    }
    setAmountProblem(null);
    setOpenProblem(null);
    topUp.mutate({ amountMinor, provider: 'sandbox' });
  }

  return (
    <Card title={t('topUp')} className="web-detail__side">
      <form className="fw-form" onSubmit={onSubmit}>
        <TextField
          label={t('amount', { currency })}
          name="amount"
          inputMode="decimal"
          required
          value={amount}
          error={amountProblem ?? undefined}
          onChange={(e) => setAmount(e.target.value)}
        />
        {problem ? <ProblemAlert title={t('topUpFailed')} problem={problem} /> : null}
        {openProblem ? <Alert>{t(`payment:checkout.${openProblem}`)}</Alert> : null}
        <div className="fw-form__actions">
          <Button
            type="submit"
            busy={topUp.isPending || (topUp.isSuccess && openProblem === null)}
            busyLabel={t('opening')}
            disabled={wait > 0}
          >
            {t('topUp')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function WalletHistoryLink() {
  const { t } = useTranslation('walletHistory');
  return (
    <p>
      <Link to="/wallet/history">{t('open')}</Link>
    </p>
  );
}
