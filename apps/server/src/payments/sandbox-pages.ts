import { type Deps, findPayment, type PaymentRow } from '@fareway/core';
import { type ErrorCode, findAppError, formatMoney } from '@fareway/domain';
import {
  buildSandboxEventBody,
  checkSandboxPayLink,
  SANDBOX_LINK_PARAMETER,
  SANDBOX_SIGNATURE_HEADER,
  type SandboxEventType,
  signSandboxEvent,
} from '@fareway/gateways';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendError } from '../envelope';
import { requestActorResolver } from '../request-actor';

const SANDBOX_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2330}
main{max-width:28rem;margin:4rem auto;background:#fff;border:1px solid #dde1e8;border-radius:12px;padding:2rem}
h1{font-size:1.25rem;margin:0 0 .25rem}.note{color:#5b6475;font-size:.875rem}.amount{font-size:2rem;font-weight:600;margin:1rem 0}
.actions{display:flex;gap:.75rem;margin-top:1.5rem}form{margin:0}button{font:inherit;padding:.6rem 1.4rem;border-radius:8px;border:1px solid #c6ccd6;background:#fff;cursor:pointer}
button.approve{background:#1f7a4d;border-color:#1f7a4d;color:#fff}dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem;font-size:.875rem}dt{color:#5b6475}`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  // No inline scripts or styles: the CSP forbids them; the stylesheet is served beside the page.
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><link rel="stylesheet" href="/sandbox/sandbox.css"></head><body><main>${body}</main></body></html>`;
}

function renderPayPage(intent: PaymentRow, link: string | null): string {
  const open = intent.status === 'initiated' || intent.status === 'pending';
  const what = intent.purpose === 'top_up' ? 'Wallet top-up' : 'Booking payment';
  // The signed link travels on to the buttons (it is only digits, a dot and hex: nothing to escape).
  const query = link ? `?${SANDBOX_LINK_PARAMETER}=${link}` : '';
  const actions = open
    ? `<div class="actions">
<form method="post" action="/sandbox/pay/${intent.id}/approve${query}"><button type="submit" class="approve">Approve</button></form>
<form method="post" action="/sandbox/pay/${intent.id}/decline${query}"><button type="submit">Decline</button></form></div>`
    : `<p>This payment is <strong>${escapeHtml(intent.status)}</strong>.</p>${
        intent.returnUrl ? `<p><a href="${escapeHtml(intent.returnUrl)}">Back to Fareway</a></p>` : ''
      }`;
  return page(
    'Fareway sandbox payment',
    `<h1>Sandbox gateway</h1><p class="note">No real money moves. Approve or decline to send the signed webhook a real gateway would.</p>
<div class="amount">${escapeHtml(formatMoney(intent.amountMinor, intent.currency))}</div>
<dl><dt>For</dt><dd>${what}</dd><dt>Payment</dt><dd>${intent.id}</dd></dl>${actions}`,
  );
}

/** Why a request may not act on a sandbox payment, as the envelope says it. */
const REFUSALS = {
  PAYMENT_NOT_FOUND: 'No such sandbox payment',
  PAYMENT_LINK_INVALID: 'This payment link is not valid; open the payment again from the app',
  PAYMENT_LINK_EXPIRED: 'This payment link has expired; open the payment again from the app',
} as const satisfies Partial<Record<ErrorCode, string>>;

type Refusal = keyof typeof REFUSALS;

/**
 * The sandbox gateway's hosted page (`checkout.url` of a sandbox intent):
 * `GET /sandbox/pay/{intentId}` shows the amount with Approve and Decline,
 * plain HTML forms posting to `/sandbox/pay/{intentId}/approve|decline`. Each
 * builds the event a gateway would send, signs it with SANDBOX_WEBHOOK_SECRET
 * (`Fareway-Signature`), delivers it to `/api/v1/payments/webhook/sandbox`
 * through the server's own HTTP routing (the same route, verification and
 * recording as any gateway's webhook) and sends the browser to the intent's
 * return URL. Only there when the sandbox gateway is enabled.
 */
export async function registerSandboxPages(app: FastifyInstance, deps: Deps, secureCookies: boolean): Promise<void> {
  if (!deps.config.payments.sandboxEnabled) return;
  const secret = deps.config.payments.gateways.sandbox.webhookSecret;
  const actorOf = requestActorResolver(deps, secureCookies);

  /**
   * The sandbox intent this request may act on: the checkout's signed, unexpired link, or the
   * session of the customer who owns the payment (the owner needs no link, even an expired one).
   * Without either, the payment id alone opens nothing: the same 404 as an unknown id, so ids
   * cannot be probed; a link that is forged, altered or another payment's is PAYMENT_LINK_INVALID,
   * and only a genuine one can be PAYMENT_LINK_EXPIRED (which tells its holder nothing new).
   */
  async function intentFor(
    request: FastifyRequest<{ Params: { intentId: string } }>,
    reply: FastifyReply,
    mutation: boolean,
  ): Promise<{ intent: PaymentRow; link: string | null } | Refusal> {
    const { intentId } = request.params;
    const link = (request.query as Record<string, unknown> | undefined)?.[SANDBOX_LINK_PARAMETER];
    const check = checkSandboxPayLink(secret, intentId, link, Math.floor(deps.clock.now().getTime() / 1000));
    const intent = await findPayment(deps, intentId);
    const sandboxIntent = intent?.provider === 'sandbox' ? intent : undefined;
    if (check === 'valid') return sandboxIntent ? { intent: sandboxIntent, link: link as string } : 'PAYMENT_NOT_FOUND';
    // A stale token or a cross-site cookie post is simply not the owner.
    const actor = await actorOf(request, reply, mutation).catch((error: unknown) => {
      if (findAppError(error)) return null;
      throw error;
    });
    if (sandboxIntent && actor?.userId === sandboxIntent.customerId) return { intent: sandboxIntent, link: null };
    if (check === 'expired') return 'PAYMENT_LINK_EXPIRED';
    if (check === 'invalid') return 'PAYMENT_LINK_INVALID';
    return 'PAYMENT_NOT_FOUND';
  }

  const refuse = (request: FastifyRequest, reply: FastifyReply, code: Refusal) => sendError(request, reply, code, REFUSALS[code]);

  await app.register(async (scope) => {
    // The forms post form-encoded bodies that carry nothing we need.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

    scope.get('/sandbox/sandbox.css', async (_request, reply) => reply.type('text/css; charset=utf-8').send(SANDBOX_CSS));

    scope.get<{ Params: { intentId: string } }>('/sandbox/pay/:intentId', async (request, reply) => {
      const allowed = await intentFor(request, reply, false);
      if (typeof allowed === 'string') return refuse(request, reply, allowed);
      return reply.type('text/html; charset=utf-8').header('Cache-Control', 'no-store').send(renderPayPage(allowed.intent, allowed.link));
    });

    scope.post<{ Params: { intentId: string; action: string } }>('/sandbox/pay/:intentId/:action', async (request, reply) => {
      const { action } = request.params;
      if (action !== 'approve' && action !== 'decline') return refuse(request, reply, 'PAYMENT_NOT_FOUND');
      const allowed = await intentFor(request, reply, true);
      if (typeof allowed === 'string') return refuse(request, reply, allowed);
      const { intent } = allowed;
      const type: SandboxEventType = action === 'approve' ? 'payment.succeeded' : 'payment.failed';
      // One event id per intent and outcome: a double click is one event, deduplicated by the webhook.
      const body = buildSandboxEventBody({
        id: `sbx_evt_${intent.id}_${action}`,
        type,
        data: { intentId: intent.id, amountMinor: intent.amountMinor, currency: intent.currency },
      });
      const signature = signSandboxEvent(secret, body, Math.floor(deps.clock.now().getTime() / 1000));
      const delivered = await app.inject({
        method: 'POST',
        url: '/api/v1/payments/webhook/sandbox',
        headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER.toLowerCase()]: signature },
        payload: body,
      });
      if (delivered.statusCode !== 200) {
        request.log.error({ status: delivered.statusCode, body: delivered.body }, 'sandbox webhook was not accepted');
        return reply
          .code(502)
          .type('text/html; charset=utf-8')
          .send(page('Sandbox error', '<h1>The webhook was not accepted</h1><p class="note">See the server log.</p>'));
      }
      return reply.redirect(intent.returnUrl ?? `${deps.config.http.publicUrl}/`, 303);
    });
  });
}
