import { appErrorCode, problemOf, retryAfterSeconds, useCompleteSignIn, useTRPC } from '@fareway/api-client';
import { Alert, Button, Card, formatWait, TextField, useCountdown } from '@fareway/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';

type Step = 'phone' | 'code';

const CODE_PATTERN = /^\d{6}$/;

/** Words for a failed request that has no better home (network down, server error), in the user's language. */
function fallbackMessage(error: unknown): string {
  return problemOf(error)?.message ?? '';
}

/**
 * "Sign in with your phone": step 1 texts a code to the number, step 2 checks
 * it. Success sets the HttpOnly session cookie; `useSession()` then sees the user
 * and this card goes away. The first sign-in creates the account.
 */
export function PhoneSignIn() {
  const { t } = useTranslation('signIn');
  const trpc = useTRPC();
  const completeSignIn = useCompleteSignIn();

  const [step, setStep] = useState<Step>('phone');
  const [phone, setPhone] = useState('');
  const [sentTo, setSentTo] = useState('');
  const [code, setCode] = useState('');
  const [codeProblem, setCodeProblem] = useState<string | null>(null);
  const [codeLifetime, setCodeLifetime] = useState<number | null>(null);
  // When another code may be asked for (the resend cooldown, or a rate limit's Retry-After).
  const [sendAllowedAt, setSendAllowedAt] = useState<number | null>(null);
  const sendWait = useCountdown(sendAllowedAt);

  const phoneInput = useRef<HTMLInputElement>(null);
  const codeInput = useRef<HTMLInputElement>(null);
  // Move focus only after the user changed step, never on first render.
  const focusAfterStepChange = useRef(false);
  useEffect(() => {
    if (!focusAfterStepChange.current) return;
    focusAfterStepChange.current = false;
    (step === 'code' ? codeInput : phoneInput).current?.focus();
  }, [step]);

  const send = useMutation(trpc.auth.sendOtp.mutationOptions());
  const verify = useMutation(
    trpc.auth.verifyOtp.mutationOptions({
      onSuccess: (signedIn) => completeSignIn(signedIn),
      onError: (error) => {
        if (appErrorCode(error) === 'OTP_INVALID') {
          setCodeProblem(t('codeWrong'));
          codeInput.current?.select();
          codeInput.current?.focus();
        }
      },
    }),
  );

  function goTo(next: Step) {
    focusAfterStepChange.current = true;
    setStep(next);
  }

  function sendCode(phoneNumber: string) {
    verify.reset();
    send.mutate(
      { phoneNumber },
      {
        onSuccess: (result) => {
          setSentTo(phoneNumber);
          setCode('');
          setCodeProblem(null);
          setCodeLifetime(result.expiresIn);
          setSendAllowedAt(Date.now() + result.retryAfter * 1000);
          if (step !== 'code') goTo('code');
          else codeInput.current?.focus();
        },
        onError: (error) => {
          const seconds = retryAfterSeconds(error);
          if (appErrorCode(error) === 'OTP_RATE_LIMIT' && seconds !== undefined) setSendAllowedAt(Date.now() + seconds * 1000);
          if (appErrorCode(error) === 'VALIDATION_ERROR') phoneInput.current?.focus();
        },
      },
    );
  }

  function onSubmitPhone(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (send.isPending) return;
    sendCode(phone.trim());
  }

  function onSubmitCode(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (verify.isPending) return;
    if (!CODE_PATTERN.test(code)) {
      setCodeProblem(t('codeDigits'));
      codeInput.current?.focus();
      return;
    }
    setCodeProblem(null);
    verify.mutate({ phoneNumber: sentTo, code });
  }

  /** Skip sending when a code already came (e.g. the page was reloaded during the cooldown). */
  function enterExistingCode() {
    setSentTo(send.variables?.phoneNumber ?? phone.trim());
    send.reset();
    setCode('');
    setCodeProblem(null);
    setCodeLifetime(null);
    goTo('code');
  }

  function chooseAnotherNumber() {
    send.reset();
    verify.reset();
    setCode('');
    setCodeProblem(null);
    goTo('phone');
  }

  const sendErrorCode = appErrorCode(send.error);
  const rateLimitMessage = sendWait > 0 ? t('tooManyCodes', { wait: formatWait(sendWait) }) : t('canAskAgain');

  if (step === 'phone') {
    return (
      <Card title={t('title')} className="web-sign-in">
        <form className="fw-form" onSubmit={onSubmitPhone}>
          <p className="web-sign-in__lead">{t('lead')}</p>
          {send.error && sendErrorCode === 'OTP_RATE_LIMIT' ? (
            <Alert>
              <p>{rateLimitMessage}</p>
              <p>
                {t('haveCode')}{' '}
                <Button variant="link" onClick={enterExistingCode}>
                  {t('enterIt')}
                </Button>
              </p>
            </Alert>
          ) : null}
          {send.error && sendErrorCode !== 'OTP_RATE_LIMIT' && sendErrorCode !== 'VALIDATION_ERROR' ? (
            <Alert>{fallbackMessage(send.error)}</Alert>
          ) : null}
          <TextField
            ref={phoneInput}
            label={t('phoneLabel')}
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="077 123 4567"
            hint={t('phoneHint')}
            error={sendErrorCode === 'VALIDATION_ERROR' ? t('phoneInvalid') : undefined}
            required
            value={phone}
            onChange={(event) => {
              setPhone(event.target.value);
              if (sendErrorCode === 'VALIDATION_ERROR') send.reset();
            }}
          />
          <div className="fw-form__actions">
            <Button type="submit" busy={send.isPending} busyLabel={t('sendingCode')}>
              {t('sendCode')}
            </Button>
          </div>
        </form>
      </Card>
    );
  }

  const verifyCode = appErrorCode(verify.error);
  let problem: string | null = null;
  if (verifyCode === 'OTP_EXPIRED') problem = t('codeExpired');
  else if (verifyCode === 'ACCOUNT_SUSPENDED') problem = t('suspended');
  else if (verify.error && verifyCode !== 'OTP_INVALID') problem = fallbackMessage(verify.error);
  else if (send.error) problem = sendErrorCode === 'OTP_RATE_LIMIT' ? rateLimitMessage : fallbackMessage(send.error);

  return (
    <Card title={t('title')} className="web-sign-in">
      <form className="fw-form" onSubmit={onSubmitCode}>
        {problem ? (
          <Alert>{problem}</Alert>
        ) : (
          <Alert variant="info">
            <Trans t={t} i18nKey="codeOnItsWay" values={{ phone: sentTo }} components={{ strong: <strong /> }} />
            {codeLifetime === null ? null : ` ${t('codeLifetime', { wait: formatWait(codeLifetime) })}`}
          </Alert>
        )}
        <TextField
          ref={codeInput}
          label={t('codeLabel')}
          name="code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          error={codeProblem ?? undefined}
          value={code}
          onChange={(event) => {
            setCode(event.target.value.replace(/\D/g, '').slice(0, 6));
            setCodeProblem(null);
          }}
        />
        <div className="fw-form__actions">
          <Button type="submit" busy={verify.isPending} busyLabel={t('checking')}>
            {t('signIn')}
          </Button>
          <Button
            variant="secondary"
            busy={send.isPending}
            busyLabel={t('sending')}
            disabled={sendWait > 0}
            onClick={() => sendCode(sentTo)}
          >
            {sendWait > 0 ? t('resendIn', { seconds: sendWait }) : t('resend')}
          </Button>
        </div>
        <p className="web-sign-in__switch">
          {t('notYou', { phone: sentTo })}{' '}
          <Button variant="link" onClick={chooseAnotherNumber}>
            {t('anotherNumber')}
          </Button>
        </p>
      </form>
    </Card>
  );
}
