import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { payoutHolds, wouldBeReportable, type PayoutHoldFacts } from "./payout-holds";
import { reportingThresholdMinor } from "./tax-reporting-thresholds";

const usFacts = (
  paidInYearMinor: number,
  amountMinor: number,
  year = 2026,
  changes: Partial<PayoutHoldFacts["taxReporting"]> = {},
): PayoutHoldFacts => ({
  payout: { amountMinor, currency: "USD" },
  taxReporting: { year, payeeIsUsPerson: true, validW9OnFile: false, paidInYearMinor, ...changes },
});

describe("reporting thresholds", () => {
  it.each([
    [2025, 60_000],
    [2026, 200_000],
    [2027, 200_000],
    [2031, 200_000],
  ])("%i → %i cents", (year, threshold) => {
    expect(reportingThresholdMinor(year)).toBe(threshold);
  });
});

describe("payout holds: W-9 above the reporting threshold", () => {
  it.each([
    ["below the threshold after this payout", 100_000, 99_999, []],
    ["reaching it exactly", 100_000, 100_000, ["w9_missing"]],
    ["crossing it with this payout", 150_000, 60_000, ["w9_missing"]],
    ["already above it", 250_000, 100, ["w9_missing"]],
  ])("%s", (_name, paid, amount, codes) => {
    expect(payoutHolds(usFacts(paid, amount)).map((hold) => hold.code)).toEqual(codes);
  });

  it("says why in a sentence naming the year and the threshold", () => {
    const [hold] = payoutHolds(usFacts(150_000, 60_000));
    expect(hold.sentence).toContain("2026");
    expect(hold.sentence).toContain("$2,000.00");
    expect(hold.sentence).toContain("W-9");
  });

  it("a valid W-9 on file, a non-US person or a non-US payer never hold", () => {
    expect(payoutHolds(usFacts(500_000, 1, 2026, { validW9OnFile: true }))).toEqual([]);
    expect(payoutHolds(usFacts(500_000, 1, 2026, { payeeIsUsPerson: false }))).toEqual([]);
    expect(payoutHolds({ payout: { amountMinor: 900_000, currency: "USD" }, taxReporting: null })).toEqual([]);
  });

  it("a payment in another currency to a US person without a W-9 waits (no exchange rate is invented)", () => {
    const facts: PayoutHoldFacts = { payout: { amountMinor: 100, currency: "EUR" }, taxReporting: usFacts(0, 0).taxReporting };
    expect(payoutHolds(facts).map((hold) => hold.code)).toEqual(["w9_missing"]);
    expect(payoutHolds({ ...facts, taxReporting: { ...facts.taxReporting!, validW9OnFile: true } })).toEqual([]);
  });

  const years = fc.integer({ min: 2024, max: 2032 });

  it("property: a USD payout is held exactly when the year's total with it reaches the year's threshold", () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 1, max: 1_000_000 }), (year, paid, amount) => {
        const held = payoutHolds(usFacts(paid, amount, year)).length > 0;
        expect(held).toBe(paid + amount >= reportingThresholdMinor(year));
      }),
    );
  });

  it("property: around the boundary, one cent decides", () => {
    fc.assert(
      fc.property(years, fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 1, max: 500_000 }), (year, below, amount) => {
        const threshold = reportingThresholdMinor(year);
        // Paid so far such that this payout ends exactly one cent below, or exactly on, the threshold.
        const paidJustBelow = threshold - 1 - amount;
        fc.pre(paidJustBelow >= 0);
        expect(payoutHolds(usFacts(paidJustBelow, amount, year))).toEqual([]);
        expect(payoutHolds(usFacts(paidJustBelow + 1, amount, year)).map((hold) => hold.code)).toEqual(["w9_missing"]);
        // A payout that starts below the threshold and crosses it is held; so is any later one.
        const paidBefore = Math.max(0, threshold - amount + below);
        if (paidBefore < threshold) expect(wouldBeReportable(paidBefore, amount, year)).toBe(true);
      }),
    );
  });

  it("property: for any currency, a W-9 on file lets it through, and without one only USD below the threshold passes", () => {
    const currencies = fc.constantFrom("USD", "EUR", "JPY", "KWD", "CAD", "GBP");
    fc.assert(
      fc.property(
        years,
        currencies,
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.boolean(),
        (year, currency, paid, amount, w9) => {
          const facts: PayoutHoldFacts = {
            payout: { amountMinor: amount, currency },
            taxReporting: usFacts(paid, amount, year, { validW9OnFile: w9 }).taxReporting,
          };
          const held = payoutHolds(facts).length > 0;
          const expected = !w9 && (currency !== "USD" || paid + amount >= reportingThresholdMinor(year));
          expect(held).toBe(expected);
        },
      ),
    );
  });
});
