import { Alert, Button, Card, formatWait, TextField, useCountdown } from '@fareway/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { appErrorCode, retryAfterSeconds } from './errors';
import { useCompleteSignIn } from './session';
import { useTRPC } from './trpc';

type Step = 'phone' | 'code';

const CODE_PATTERN = /^\d{6}$/;

/** Words for a failed request that has no better home (network down, server error). */
function fallbackMessage(error: { message: string }): string {
  return appErrorCode(error) === undefined ? 'Could not reach Fareway; check your connection and try again' : error.message;
}

export interface PhoneSignInProps {
  /** The card's class; its lead and switch lines get `<className>__lead` and `<className>__switch`. */
  className: string;
  title?: ReactNode;
  lead?: ReactNode;
}

/**
 * "Sign in with your phone": step 1 texts a code to the number, step 2 checks
 * it. Success sets the HttpOnly session cookie; `useSession()` then sees the user
 * and this card goes away. The first sign-in creates the account.
 * Both SPAs use it: customers in the web app, operator staff in the console.
 */
export function PhoneSignIn({
  className,
  title = 'Sign in with your phone',
  lead = 'We will text you a 6-digit code. New here? Signing in creates your account.',
}: PhoneSignInProps) {
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
          setCodeProblem('That code is not right');
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
      setCodeProblem('Enter the 6 digits from the SMS');
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
  const rateLimitMessage =
    sendWait > 0 ? `Too many codes requested; try again in ${formatWait(sendWait)}` : 'You can ask for a new code now';

  if (step === 'phone') {
    return (
      <Card title={title} className={className}>
        <form className="fw-form" onSubmit={onSubmitPhone}>
          <p className={`${className}__lead`}>{lead}</p>
          {send.error && sendErrorCode === 'OTP_RATE_LIMIT' ? (
            <Alert>
              <p>{rateLimitMessage}</p>
              <p>
                Already have a code for this number?{' '}
                <Button variant="link" onClick={enterExistingCode}>
                  Enter it
                </Button>
              </p>
            </Alert>
          ) : null}
          {send.error && sendErrorCode !== 'OTP_RATE_LIMIT' && sendErrorCode !== 'VALIDATION_ERROR' ? (
            <Alert>{fallbackMessage(send.error)}</Alert>
          ) : null}
          <TextField
            ref={phoneInput}
            label="Mobile number"
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="077 123 4567"
            hint="Sri Lankan numbers work without +94; for other countries start with + and the country code."
            error={sendErrorCode === 'VALIDATION_ERROR' ? 'Enter a valid mobile number, like 077 123 4567' : undefined}
            required
            value={phone}
            onChange={(event) => {
              setPhone(event.target.value);
              if (sendErrorCode === 'VALIDATION_ERROR') send.reset();
            }}
          />
          <div className="fw-form__actions">
            <Button type="submit" busy={send.isPending} busyLabel="Sending code…">
              Send code
            </Button>
          </div>
        </form>
      </Card>
    );
  }

  const verifyCode = appErrorCode(verify.error);
  let problem: string | null = null;
  if (verifyCode === 'OTP_EXPIRED') problem = 'That code expired; we can send a new one';
  else if (verifyCode === 'ACCOUNT_SUSPENDED') problem = 'This account is suspended; contact Fareway support';
  else if (verify.error && verifyCode !== 'OTP_INVALID') problem = fallbackMessage(verify.error);
  else if (send.error) problem = sendErrorCode === 'OTP_RATE_LIMIT' ? rateLimitMessage : fallbackMessage(send.error);

  return (
    <Card title={title} className={className}>
      <form className="fw-form" onSubmit={onSubmitCode}>
        {problem ? (
          <Alert>{problem}</Alert>
        ) : (
          <Alert variant="info">
            If <strong>{sentTo}</strong> can receive SMS, a 6-digit code is on its way.
            {codeLifetime === null ? null : ` It works for ${formatWait(codeLifetime)}.`}
          </Alert>
        )}
        <TextField
          ref={codeInput}
          label="6-digit code"
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
          <Button type="submit" busy={verify.isPending} busyLabel="Checking…">
            Sign in
          </Button>
          <Button variant="secondary" busy={send.isPending} busyLabel="Sending…" disabled={sendWait > 0} onClick={() => sendCode(sentTo)}>
            {sendWait > 0 ? `Resend code in ${sendWait}s` : 'Resend code'}
          </Button>
        </div>
        <p className={`${className}__switch`}>
          Not {sentTo}?{' '}
          <Button variant="link" onClick={chooseAnotherNumber}>
            Use another number
          </Button>
        </p>
      </form>
    </Card>
  );
}
