import { AppError } from '@fareway/domain';
import { createFlutterwaveGateway, type FlutterwaveGatewayConfig } from './flutterwave/flutterwave-gateway';
import { createMintPayGateway, type MintPayGatewayConfig } from './mintpay/mintpay-gateway';
import { createPayHereGateway, type PayHereGatewayConfig } from './payhere/payhere-gateway';
import type { GatewayName, PaymentGateway } from './payment-gateway';
import { createSandboxGateway, type SandboxGatewayConfig } from './sandbox/sandbox-gateway';
import { createStripeGateway, type StripeGatewayConfig } from './stripe/stripe-gateway';

/** Filled by the core's config from the variables listed in index.ts; a gateway left out is not offered. */
export interface GatewaysConfig {
  /** Applies to every outbound call that does not set its own. */
  timeoutMs?: number;
  sandbox: SandboxGatewayConfig;
  payhere?: PayHereGatewayConfig;
  mintpay?: MintPayGatewayConfig;
  flutterwave?: FlutterwaveGatewayConfig;
  stripe?: StripeGatewayConfig;
}

/** The configured gateways; the sandbox is always there. */
export type Gateways = { sandbox: PaymentGateway } & Partial<Record<Exclude<GatewayName, 'sandbox'>, PaymentGateway>>;

export function createGateways(config: GatewaysConfig): Gateways {
  const withTimeout = <T extends { timeoutMs?: number }>(c: T): T => ({ ...c, timeoutMs: c.timeoutMs ?? config.timeoutMs });
  const gateways: Gateways = { sandbox: createSandboxGateway(config.sandbox) };
  if (config.payhere) gateways.payhere = createPayHereGateway(withTimeout(config.payhere));
  if (config.mintpay) gateways.mintpay = createMintPayGateway(withTimeout(config.mintpay));
  if (config.flutterwave) gateways.flutterwave = createFlutterwaveGateway(withTimeout(config.flutterwave));
  if (config.stripe) gateways.stripe = createStripeGateway(withTimeout(config.stripe));
  return gateways;
}

/** The gateway a client asked for, or VALIDATION_ERROR when it is unknown or not configured here. */
export function pickGateway(gateways: Gateways, provider: string): PaymentGateway {
  const gateway = Object.hasOwn(gateways, provider) ? gateways[provider as GatewayName] : undefined;
  if (!gateway) throw new AppError('VALIDATION_ERROR', `Payment provider "${provider}" is not available`);
  return gateway;
}
