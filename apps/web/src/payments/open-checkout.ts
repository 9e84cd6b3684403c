import type { RouterOutputs } from '@fareway/api-client';

type Checkout = RouterOutputs['payments']['initiate']['checkout'];

/** Why a checkout could not be opened: a key of `payment:checkout` (the sentence in the user's language). */
export type CheckoutProblem = 'notAnswered' | 'appOnly';

/**
 * Sends the browser to what the gateway asked for: a hosted page (`url`) or
 * an auto-submitted form (`formAction` + `fields`, PayHere's way). Built with
 * DOM calls, not inline script, so the CSP stays strict. Returns why
 * when this web app cannot open it (a Stripe client secret needs Stripe.js).
 */
export function openCheckout(checkout: Checkout): CheckoutProblem | null {
  if (checkout === null) return 'notAnswered';
  if ('url' in checkout) {
    window.location.assign(checkout.url);
    return null;
  }
  if ('formAction' in checkout) {
    const form = document.createElement('form');
    form.method = 'POST';
    form.action = checkout.formAction;
    for (const [name, value] of Object.entries(checkout.fields)) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    form.submit();
    return null;
  }
  return 'appOnly';
}
