import type { RouterOutputs } from '@fareway/api-client';

type Checkout = RouterOutputs['payments']['initiate']['checkout'];

/**
 * Sends the browser to what the gateway asked for: a hosted page (`url`) or
 * an auto-submitted form (`formAction` + `fields`, PayHere's way). Built with
 * DOM calls, not inline script, so the CSP stays strict. Returns a sentence
 * when this web app cannot open it (a Stripe client secret needs Stripe.js).
 */
export function openCheckout(checkout: Checkout): string | null {
  if (checkout === null) return 'The payment provider has not answered yet; try again in a moment';
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
  return 'This payment method is only available in the Fareway mobile app';
}
