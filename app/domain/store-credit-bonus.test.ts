import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_LEDGER_ENTRY_MINOR } from "./amount-limits";
import {
  isStoreCreditBonusPercent,
  STORE_CREDIT_BONUS_PERCENT_MAX,
  STORE_CREDIT_BONUS_PERCENT_OFF,
  storeCreditBonusPhrase,
  storeCreditWithBonus,
} from "./store-credit-bonus";

const payouts = fc.integer({ min: 1, max: MAX_LEDGER_ENTRY_MINOR });
const percents = fc.integer({ min: STORE_CREDIT_BONUS_PERCENT_OFF, max: STORE_CREDIT_BONUS_PERCENT_MAX });

describe("the store credit bonus", () => {
  it.each([
    // 125.50 at 110%: 12.55 extra
    [12_550, 110, 1_255, 13_805],
    // 0.09 at 110%: 0.009 rounds down to nothing
    [9, 110, 0, 9],
    // 0.19 at 150%: 0.095 rounds down to 0.09
    [19, 150, 9, 28],
    [12_550, 100, 0, 12_550],
  ])("%i minor units at %i%% get a bonus of %i, %i credited", (payout, percent, bonus, credited) => {
    expect(storeCreditWithBonus(payout, percent)).toEqual({ payoutMinor: payout, bonusMinor: bonus, creditedMinor: credited });
  });

  it("never exceeds the percent, never goes negative, loses less than one minor unit, and is exact integer arithmetic", () => {
    fc.assert(
      fc.property(payouts, percents, (payout, percent) => {
        const { bonusMinor, creditedMinor, payoutMinor } = storeCreditWithBonus(payout, percent);
        expect(Number.isSafeInteger(bonusMinor)).toBe(true);
        expect(bonusMinor).toBeGreaterThanOrEqual(0);
        expect(payoutMinor).toBe(payout);
        expect(creditedMinor).toBe(payout + bonusMinor);
        // credited / payout ≤ percent / 100, and the rounding gives away less than one unit.
        const exact = BigInt(payout) * BigInt(percent - 100);
        expect(BigInt(bonusMinor) * 100n <= exact).toBe(true);
        expect(exact - BigInt(bonusMinor) * 100n < 100n).toBe(true);
        expect(BigInt(creditedMinor) * 100n <= BigInt(payout) * BigInt(percent)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it("is off at 100% and grows with the percent", () => {
    fc.assert(
      fc.property(payouts, percents, percents, (payout, a, b) => {
        expect(storeCreditWithBonus(payout, 100).bonusMinor).toBe(0);
        const [low, high] = a <= b ? [a, b] : [b, a];
        expect(storeCreditWithBonus(payout, low).bonusMinor).toBeLessThanOrEqual(storeCreditWithBonus(payout, high).bonusMinor);
      }),
    );
  });

  it("refuses a percent outside 100–150 or a fraction, and a payout that is not a positive whole amount", () => {
    for (const bad of [99, 151, 110.5, Number.NaN, -100]) {
      expect(isStoreCreditBonusPercent(bad)).toBe(false);
      expect(() => storeCreditWithBonus(1000, bad)).toThrow("from 100 to 150");
    }
    for (const bad of [0, -5, 1.5]) expect(() => storeCreditWithBonus(bad, 110)).toThrow("whole, positive");
  });

  it("names the bonus only when it is on", () => {
    expect(storeCreditBonusPhrase(100)).toBeNull();
    expect(storeCreditBonusPhrase(110)).toBe("get 110%");
  });
});
