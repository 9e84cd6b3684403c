import { appErrorCode, useCompleteSignIn, useProblem, useSession, useTRPC } from '@fareway/api-client';
import { Alert, Button, Card, ProblemAlert, TextField } from '@fareway/ui';
import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** Email accounts beside phone sign-in: register (seed 003's Register schema), or sign in with the email and password. */
export function RegisterPage() {
  const { t } = useTranslation('register');
  const session = useSession();
  return (
    <div className="web-page">
      <h1 className="fw-page-title">{t('title')}</h1>
      {session.user ? (
        <Alert variant="info" title={t('signedInTitle')}>
          <p>
            {t('signedIn', { who: session.user.email ?? session.user.phone ?? '' })} <Link to="/bookings">{t('toBookings')}</Link>
          </p>
        </Alert>
      ) : (
        <div className="web-detail">
          <RegisterForm />
          <EmailSignIn />
        </div>
      )}
    </div>
  );
}

function RegisterForm() {
  const { t } = useTranslation('register');
  const trpc = useTRPC();
  const completeSignIn = useCompleteSignIn();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const register = useMutation(trpc.journey.register.mutationOptions({ onSuccess: (signedIn) => completeSignIn(signedIn) }));
  const problem = useProblem(register.error);
  const fieldError = (field: 'name' | 'email' | 'password') =>
    problem?.fields[field] ?? (field === 'email' && problem?.code === 'EMAIL_IN_USE' ? problem.message : undefined);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!register.isPending) register.mutate(form);
  }

  return (
    <Card title={t('newAccount')} className="web-detail__main">
      <form className="fw-form" onSubmit={onSubmit} noValidate>
        <TextField
          label={t('name')}
          name="name"
          autoComplete="name"
          required
          value={form.name}
          error={fieldError('name')}
          onChange={(e) => setForm({ ...form, name: e.target.value })}
        />
        <TextField
          label={t('email')}
          name="email"
          type="email"
          autoComplete="email"
          required
          value={form.email}
          error={fieldError('email')}
          onChange={(e) => setForm({ ...form, email: e.target.value })}
        />
        <TextField
          label={t('password')}
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={8}
          hint={t('passwordHint')}
          value={form.password}
          error={fieldError('password')}
          onChange={(e) => setForm({ ...form, password: e.target.value })}
        />
        {problem && problem.code !== 'EMAIL_IN_USE' && Object.keys(problem.fields).length === 0 ? (
          <ProblemAlert title={t('couldNotRegister')} problem={problem} />
        ) : null}
        <div className="fw-form__actions">
          <Button type="submit" busy={register.isPending} busyLabel={t('registering')}>
            {t('register')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

function EmailSignIn() {
  const { t } = useTranslation('register');
  const trpc = useTRPC();
  const completeSignIn = useCompleteSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: (signedIn) => completeSignIn(signedIn) }));
  const problem = useProblem(login.error);
  const wrong = appErrorCode(login.error) === 'INVALID_CREDENTIALS';
  return (
    <Card title={t('haveAccount')} className="web-detail__side">
      <form
        className="fw-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!login.isPending) login.mutate({ email, password });
        }}
      >
        <TextField
          label={t('email')}
          name="login-email"
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          label={t('password')}
          name="login-password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={wrong ? problem?.message : undefined}
          onChange={(e) => setPassword(e.target.value)}
        />
        {problem && !wrong ? <ProblemAlert title={t('couldNotSignIn')} problem={problem} /> : null}
        <div className="fw-form__actions">
          <Button type="submit" busy={login.isPending} busyLabel={t('signingIn')}>
            {t('signIn')}
          </Button>
        </div>
        <p className="fw-muted web-hint">{t('phoneHint')}</p>
      </form>
    </Card>
  );
}
