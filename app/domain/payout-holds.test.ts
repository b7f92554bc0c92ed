import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countPayoutHolds,
  holdCodesOfRefusal,
  isPayoutHoldCode,
  payoutHolds,
  wouldBeReportable,
  type PayoutHoldFacts,
} from "./payout-holds";
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

describe("payout holds: two-person approval above the shop's amount", () => {
  const facts = (amountMinor: number, secondApproval: PayoutHoldFacts["secondApproval"]): PayoutHoldFacts => ({
    payout: { amountMinor, currency: "USD" },
    taxReporting: null,
    secondApproval,
  });
  const rule = (approval: { approverId: string; amountMinor: number } | null, initiatorIds = ["mia"]) => ({
    thresholdMinor: 500_000,
    initiatorIds,
    approval: approval && { ...approval, approverName: approval.approverId === "leo" ? "Leo Park" : null },
  });

  it.each([
    ["no amount set for the currency", 9_000_000, null, []],
    ["at the amount exactly", 500_000, rule(null), []],
    ["one cent above, not approved", 500_001, rule(null), ["awaits_second_approval"]],
    ["above, approved by another staff member at this amount", 600_000, rule({ approverId: "leo", amountMinor: 600_000 }), []],
    ["above, 'approved' by its creator", 600_000, rule({ approverId: "mia", amountMinor: 600_000 }), ["awaits_second_approval"]],
    [
      "above, approved by whoever requested it",
      600_000,
      rule({ approverId: "leo", amountMinor: 600_000 }, ["mia", "leo"]),
      ["awaits_second_approval"],
    ],
    [
      "amount lowered after approval (an item removed)",
      550_000,
      rule({ approverId: "leo", amountMinor: 600_000 }),
      ["awaits_second_approval"],
    ],
    ["amount raised after approval", 650_000, rule({ approverId: "leo", amountMinor: 600_000 }), ["awaits_second_approval"]],
    ["amount fell to the amount or below after approval", 400_000, rule({ approverId: "leo", amountMinor: 600_000 }), []],
  ])("%s", (_name, amount, secondApproval, codes) => {
    expect(payoutHolds(facts(amount, secondApproval)).map((hold) => hold.code)).toEqual(codes);
  });

  it("says why: the amount, and who approved what when the amount changed since", () => {
    const [waiting] = payoutHolds(facts(600_000, rule(null)));
    expect(waiting.sentence).toBe(
      "Awaits a second approval: it is above $5,000.00, so a second staff member (not the one who created or requested it) must approve it before it is paid.",
    );
    const [changed] = payoutHolds(facts(550_000, rule({ approverId: "leo", amountMinor: 600_000 })));
    expect(changed.sentence).toContain("Leo Park approved $6,000.00, but the payout is now $5,500.00");
  });

  it("holds with both reasons when a W-9 is missing too", () => {
    const both = payoutHolds({ ...usFacts(150_000, 600_000), secondApproval: rule(null) });
    expect(both.map((hold) => hold.code)).toEqual(["w9_missing", "awaits_second_approval"]);
  });

  it("property: paid without a hold exactly when at or below the amount, or approved at this amount by a non-initiator", () => {
    const ids = fc.constantFrom("mia", "leo", "ana");
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.option(fc.record({ approverId: ids, amountMinor: fc.integer({ min: 1, max: 1_000_000 }) }), { nil: null }),
        fc.uniqueArray(ids, { maxLength: 2 }),
        (amount, threshold, approval, initiators) => {
          const held = payoutHolds(facts(amount, { ...rule(approval, initiators), thresholdMinor: threshold })).length > 0;
          const approved = approval !== null && !initiators.includes(approval.approverId) && approval.amountMinor === amount;
          expect(held).toBe(amount > threshold && !approved);
        },
      ),
    );
  });
});

describe("counting held payouts by reason", () => {
  it("counts each reason once per payout, in the door's order, and says nothing when nothing is held", () => {
    expect(countPayoutHolds([])).toBe("");
    expect(countPayoutHolds([["w9_missing"]])).toBe("1 waiting for a W-9");
    expect(
      countPayoutHolds([
        ["awaits_second_approval"],
        ["w9_missing", "awaits_second_approval"],
        ["awaits_second_approval", "awaits_second_approval"],
      ]),
    ).toBe("1 waiting for a W-9, 3 awaiting a second approval");
  });

  it("knows its own codes and nothing else", () => {
    expect(isPayoutHoldCode("w9_missing")).toBe(true);
    expect(isPayoutHoldCode("awaits_second_approval")).toBe(true);
    expect(isPayoutHoldCode("toString")).toBe(false);
    expect(isPayoutHoldCode(undefined)).toBe(false);
    expect(holdCodesOfRefusal({ holds: ["w9_missing", "toString", 3, "awaits_second_approval"] })).toEqual([
      "w9_missing",
      "awaits_second_approval",
    ]);
    expect(holdCodesOfRefusal(undefined)).toEqual([]);
    expect(holdCodesOfRefusal({ holds: "w9_missing" })).toEqual([]);
  });
});
