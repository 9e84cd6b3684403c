import { PhoneSignIn } from '@fareway/api-client';

/** Operator staff sign in with a code texted to their phone (the same sign-in as the customer app). */
export function OperatorSignIn() {
  return (
    <PhoneSignIn
      className="admin-auth op-phone-sign-in"
      title="Operator staff: get a code by SMS"
      lead="We text you a 6-digit code. New to Fareway? Signing in creates your account; then you can apply as an operator."
    />
  );
}
