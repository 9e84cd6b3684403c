import { AppError, type GatewayProvider } from '@fareway/domain';
import { type PaymentGateway, pickGateway } from '@fareway/gateways';
import type { Deps } from '../deps';

/** The adapter for a provider a client asked for, or VALIDATION_ERROR when it is not offered here. */
export function gatewayFor(deps: Pick<Deps, 'gateways' | 'config'>, provider: string): PaymentGateway {
  // The sandbox approves payments for anyone who clicks: never offered where it is turned off.
  if (provider === 'sandbox' && !deps.config.payments.sandboxEnabled) {
    throw new AppError('VALIDATION_ERROR', 'Payment provider "sandbox" is not available');
  }
  return pickGateway(deps.gateways, provider);
}

export function isGatewayProvider(provider: string): provider is GatewayProvider {
  return ['sandbox', 'payhere', 'mintpay', 'flutterwave', 'stripe'].includes(provider);
}
