import { Alert, Button, Card, formatWait, TextField, useCountdown } from '@fareway/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { appErrorCode, retryAfterSeconds } from './errors';
import { problemOf } from './problem';
import { useCompleteSignIn } from './session';
import { useTRPC } from './trpc';

type Step = 'phone' | 'code';

const CODE_PATTERN = /^\d{6}$/;

/** Words for a failed request that has no better home (network down, server error): the code's sentence, in the messages' language. */
function fallbackMessage(error: unknown): string {
  return problemOf(error)?.message ?? '';
}

/** Every word of the card: English by default (the console); the web app passes its translations. */
export interface PhoneSignInWords {
  title: ReactNode;
  lead: ReactNode;
  codeWrong: string;
  codeDigits: string;
  tooManyCodes: (wait: string) => string;
  canAskAgain: string;
  haveCode: ReactNode;
  enterIt: ReactNode;
  phoneLabel: ReactNode;
  phoneHint: ReactNode;
  phoneInvalid: ReactNode;
  sendingCode: string;
  sendCode: ReactNode;
  codeExpired: string;
  suspended: string;
  /** "If <strong>{phone}</strong> can receive SMS, a 6-digit code is on its way." */
  codeOnItsWay: (phone: string) => ReactNode;
  codeLifetime: (wait: string) => string;
  codeLabel: ReactNode;
  checking: string;
  signIn: ReactNode;
  sending: string;
  resendIn: (seconds: number) => string;
  resend: string;
  notYou: (phone: string) => ReactNode;
  anotherNumber: ReactNode;
}

export const PHONE_SIGN_IN_WORDS: PhoneSignInWords = {
  title: 'Sign in with your phone',
  lead: 'We will text you a 6-digit code. New here? Signing in creates your account.',
  codeWrong: 'That code is not right',
  codeDigits: 'Enter the 6 digits from the SMS',
  tooManyCodes: (wait) => `Too many codes requested; try again in ${wait}`,
  canAskAgain: 'You can ask for a new code now',
  haveCode: 'Already have a code for this number?',
  enterIt: 'Enter it',
  phoneLabel: 'Mobile number',
  phoneHint: 'Sri Lankan numbers work without +94; for other countries start with + and the country code.',
  phoneInvalid: 'Enter a valid mobile number, like 077 123 4567',
  sendingCode: 'Sending code…',
  sendCode: 'Send code',
  codeExpired: 'That code expired; we can send a new one',
  suspended: 'This account is suspended; contact Fareway support',
  codeOnItsWay: (phone) => (
    <>
      If <strong>{phone}</strong> can receive SMS, a 6-digit code is on its way.
    </>
  ),
  codeLifetime: (wait) => `It works for ${wait}.`,
  codeLabel: '6-digit code',
  checking: 'Checking…',
  signIn: 'Sign in',
  sending: 'Sending…',
  resendIn: (seconds) => `Resend code in ${seconds}s`,
  resend: 'Resend code',
  notYou: (phone) => `Not ${phone}?`,
  anotherNumber: 'Use another number',
};

export interface PhoneSignInProps {
  /** The card's class; its lead and switch lines get `<className>__lead` and `<className>__switch`. */
  className: string;
  /** The card's words; English (PHONE_SIGN_IN_WORDS) for any left out. */
  words?: Partial<PhoneSignInWords>;
  /** Shorthands for `words.title` and `words.lead`. */
  title?: ReactNode;
  lead?: ReactNode;
}

/**
 * "Sign in with your phone": step 1 texts a code to the number, step 2 checks
 * it. Success sets the HttpOnly session cookie; `useSession()` then sees the user
 * and this card goes away. The first sign-in creates the account.
 * Both SPAs use it: customers in the web app (translated words), operator staff in the console (English).
 */
export function PhoneSignIn({ className, words, title, lead }: PhoneSignInProps) {
  const w: PhoneSignInWords = {
    ...PHONE_SIGN_IN_WORDS,
    ...words,
    ...(title === undefined ? {} : { title }),
    ...(lead === undefined ? {} : { lead }),
  };
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
          setCodeProblem(w.codeWrong);
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
      setCodeProblem(w.codeDigits);
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
  const rateLimitMessage = sendWait > 0 ? w.tooManyCodes(formatWait(sendWait)) : w.canAskAgain;

  if (step === 'phone') {
    return (
      <Card title={w.title} className={className}>
        <form className="fw-form" onSubmit={onSubmitPhone}>
          <p className={`${className}__lead`}>{w.lead}</p>
          {send.error && sendErrorCode === 'OTP_RATE_LIMIT' ? (
            <Alert>
              <p>{rateLimitMessage}</p>
              <p>
                {w.haveCode}{' '}
                <Button variant="link" onClick={enterExistingCode}>
                  {w.enterIt}
                </Button>
              </p>
            </Alert>
          ) : null}
          {send.error && sendErrorCode !== 'OTP_RATE_LIMIT' && sendErrorCode !== 'VALIDATION_ERROR' ? (
            <Alert>{fallbackMessage(send.error)}</Alert>
          ) : null}
          <TextField
            ref={phoneInput}
            label={w.phoneLabel}
            name="phone"
            type="tel"
            inputMode="tel"
            autoComplete="tel"
            placeholder="077 123 4567"
            hint={w.phoneHint}
            error={sendErrorCode === 'VALIDATION_ERROR' ? w.phoneInvalid : undefined}
            required
            value={phone}
            onChange={(event) => {
              setPhone(event.target.value);
              if (sendErrorCode === 'VALIDATION_ERROR') send.reset();
            }}
          />
          <div className="fw-form__actions">
            <Button type="submit" busy={send.isPending} busyLabel={w.sendingCode}>
              {w.sendCode}
            </Button>
          </div>
        </form>
      </Card>
    );
  }

  const verifyCode = appErrorCode(verify.error);
  let problem: string | null = null;
  if (verifyCode === 'OTP_EXPIRED') problem = w.codeExpired;
  else if (verifyCode === 'ACCOUNT_SUSPENDED') problem = w.suspended;
  else if (verify.error && verifyCode !== 'OTP_INVALID') problem = fallbackMessage(verify.error);
  else if (send.error) problem = sendErrorCode === 'OTP_RATE_LIMIT' ? rateLimitMessage : fallbackMessage(send.error);

  return (
    <Card title={w.title} className={className}>
      <form className="fw-form" onSubmit={onSubmitCode}>
        {problem ? (
          <Alert>{problem}</Alert>
        ) : (
          <Alert variant="info">
            {w.codeOnItsWay(sentTo)}
            {codeLifetime === null ? null : ` ${w.codeLifetime(formatWait(codeLifetime))}`}
          </Alert>
        )}
        <TextField
          ref={codeInput}
          label={w.codeLabel}
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
          <Button type="submit" busy={verify.isPending} busyLabel={w.checking}>
            {w.signIn}
          </Button>
          <Button variant="secondary" busy={send.isPending} busyLabel={w.sending} disabled={sendWait > 0} onClick={() => sendCode(sentTo)}>
            {sendWait > 0 ? w.resendIn(sendWait) : w.resend}
          </Button>
        </div>
        <p className={`${className}__switch`}>
          {w.notYou(sentTo)}{' '}
          <Button variant="link" onClick={chooseAnotherNumber}>
            {w.anotherNumber}
          </Button>
        </p>
      </form>
    </Card>
  );
}
