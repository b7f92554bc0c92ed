import { splitAmount } from "../domain/allocation";

export interface AvailablePayableItem {
  id: string;
  amountMinor: number;
  payableSince: Date;
}

export interface PayoutItemChoice {
  id: string;
  amountMinor: number;
}

export interface PayoutSelection {
  /** Items taken whole. */
  whole: PayoutItemChoice[];
  /** The item split to reach a custom amount exactly: `takeMinor` goes in, `keepMinor` stays payable. */
  split: { id: string; takeMinor: number; keepMinor: number } | null;
  totalMinor: number;
}

const oldestFirst = (a: AvailablePayableItem, b: AvailablePayableItem) =>
  a.payableSince.getTime() - b.payableSince.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Items a run may pay: every negative item (clawbacks and corrections are always netted, whatever
 * their date, so a run never pays out money the creator already owes back) and the positive items
 * payable at or before `payableUntil`.
 */
export function eligibleForPayout(available: readonly AvailablePayableItem[], payableUntil?: Date): AvailablePayableItem[] {
  if (!payableUntil) return [...available];
  return available.filter((item) => item.amountMinor <= 0 || item.payableSince.getTime() <= payableUntil.getTime());
}

/**
 * Which items a payout takes (pure; the caller has checked 0 < amountMinor ≤ the eligible total).
 * Negative items first so they are netted, then positive items oldest first. Without an amount,
 * everything. With one, positives until the running total reaches it; an overshoot splits the last
 * item so the payout is exact and the rest of that item stays payable.
 */
export function choosePayoutItems(eligible: readonly AvailablePayableItem[], amountMinor?: number): PayoutSelection {
  const negatives = eligible.filter((item) => item.amountMinor <= 0).sort(oldestFirst);
  const positives = eligible.filter((item) => item.amountMinor > 0).sort(oldestFirst);
  const whole: PayoutItemChoice[] = negatives.map(({ id, amountMinor }) => ({ id, amountMinor }));
  let totalMinor = whole.reduce((sum, item) => sum + item.amountMinor, 0);

  if (amountMinor === undefined) {
    for (const { id, amountMinor: itemMinor } of positives) {
      whole.push({ id, amountMinor: itemMinor });
      totalMinor += itemMinor;
    }
    return { whole, split: null, totalMinor };
  }

  for (const item of positives) {
    if (totalMinor >= amountMinor) break;
    if (totalMinor + item.amountMinor <= amountMinor) {
      whole.push({ id: item.id, amountMinor: item.amountMinor });
      totalMinor += item.amountMinor;
      continue;
    }
    const [takeMinor, keepMinor] = splitAmount(item.amountMinor, amountMinor - totalMinor);
    return { whole, split: { id: item.id, takeMinor, keepMinor }, totalMinor: amountMinor };
  }
  if (totalMinor !== amountMinor) {
    throw new Error(`choosePayoutItems: ${amountMinor} is more than the eligible items add up to (${totalMinor}).`);
  }
  return { whole, split: null, totalMinor };
}
