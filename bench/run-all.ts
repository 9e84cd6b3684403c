// `pnpm bench`: every benchmark in turn; each prints its own figures and ratios.
import { runExpireHolds } from './expire-holds';
import { runHttpOverhead } from './http-overhead';
import { runIdempotencyOverhead } from './idempotency-overhead';
import { runPaymentApply } from './payment-apply';
import { runPaymentWebhooks } from './payment-webhooks';
import { runRentalHolds } from './rental-holds';
import { runSeatHolds } from './seat-holds';

process.env.TZ = 'UTC';
await runHttpOverhead();
await runIdempotencyOverhead();
await runSeatHolds();
await runPaymentWebhooks();
await runPaymentApply();
await runRentalHolds();
await runExpireHolds();
process.exit(0);
