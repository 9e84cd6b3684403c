import { PhoneSignIn as SharedPhoneSignIn } from '@fareway/api-client';

/** The customer's "Sign in with your phone" card (shared with the console's operator sign-in). */
export function PhoneSignIn() {
  return <SharedPhoneSignIn className="web-sign-in" />;
}
