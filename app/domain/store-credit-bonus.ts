// The shop-set store credit bonus (issue 15, item 2): "creators who take store credit get 110%".
// Pure integer arithmetic on minor units: the bonus is rounded DOWN, so a creator never gets more
// than the percent the shop set, and the payout's own amount is always credited in full.
import { DomainError } from "./errors";

/** 100 is no bonus; the shop may set up to 150 (the database's CHECK says the same). */
export const STORE_CREDIT_BONUS_PERCENT_OFF = 100;
export const STORE_CREDIT_BONUS_PERCENT_MAX = 150;

export interface StoreCreditWithBonus {
  /** What the payout pays (its items): in_payout → paid_store_credit. */
  payoutMinor: number;
  /** The shop's extra, the brand's cost: store_credit_bonus → paid_store_credit. */
  bonusMinor: number;
  /** What Shopify credits: payout + bonus. */
  creditedMinor: number;
}

export function isStoreCreditBonusPercent(value: unknown): value is number {
  return (
    typeof value === "number" &&
    Number.isInteger(value) &&
    value >= STORE_CREDIT_BONUS_PERCENT_OFF &&
    value <= STORE_CREDIT_BONUS_PERCENT_MAX
  );
}

/**
 * The credit for a payout of `payoutMinor` at `bonusPercent`: bonus = ⌊payout × (percent − 100) / 100⌋,
 * computed in BigInt so no amount the ledger holds loses a unit. Never negative, never above the
 * percent, and zero when the bonus is off.
 */
export function storeCreditWithBonus(payoutMinor: number, bonusPercent: number): StoreCreditWithBonus {
  if (!Number.isSafeInteger(payoutMinor) || payoutMinor <= 0) {
    throw new DomainError("invalid_amount", "A store credit payout must be a whole, positive number of minor units.", { payoutMinor });
  }
  if (!isStoreCreditBonusPercent(bonusPercent)) {
    throw new DomainError(
      "invalid_input",
      `The store credit bonus is a whole percent from ${STORE_CREDIT_BONUS_PERCENT_OFF} to ${STORE_CREDIT_BONUS_PERCENT_MAX}.`,
      { bonusPercent },
    );
  }
  const bonusMinor = Number((BigInt(payoutMinor) * BigInt(bonusPercent - STORE_CREDIT_BONUS_PERCENT_OFF)) / 100n);
  return { payoutMinor, bonusMinor, creditedMinor: payoutMinor + bonusMinor };
}

/** How the bonus is named to creators and merchants: "get 110%", or null when it is off. */
export function storeCreditBonusPhrase(bonusPercent: number): string | null {
  return bonusPercent > STORE_CREDIT_BONUS_PERCENT_OFF ? `get ${bonusPercent}%` : null;
}
