import { applyBasisPoints } from './cancellation-policy';

/**
 * The platform's commission on a sale, decided once when the booking is made
 * (rounded half up to the minor unit); the partner is owed the rest.
 */
export function splitCommission(amountMinor: number, rateBasisPoints: number): { commissionMinor: number; partnerMinor: number } {
  if (rateBasisPoints < 0 || rateBasisPoints > 10_000) throw new RangeError(`commission rate out of range: ${rateBasisPoints}`);
  const commissionMinor = applyBasisPoints(amountMinor, rateBasisPoints);
  return { commissionMinor, partnerMinor: amountMinor - commissionMinor };
}
