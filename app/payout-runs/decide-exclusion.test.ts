import { describe, expect, it } from "vitest";
import { MAX_LEDGER_ENTRY_MINOR } from "../domain/amount-limits";
import { decideExclusion, NO_DETAILS_NOTE, runRowNote } from "./decide-exclusion";

const ready = {
  currency: "USD",
  creatorStatus: "active",
  payoutMethod: "paypal",
  payoutDetailsStatus: "complete",
  payoutsHeldUntil: null,
  newAvailableItems: 1,
};
const rules = { honourMinimum: false, minimumMinor: null, at: new Date("2026-12-04T00:00:00Z"), timeZone: "UTC" };

describe("a run's creator over the largest payout", () => {
  it("is paid up to the maximum one payout carries", () => {
    expect(decideExclusion({ ...ready, amountMinor: MAX_LEDGER_ENTRY_MINOR }, rules)).toBeNull();
  });

  it("is left out with a reason instead of failing the run (even past 2^53, from rows written before the cap)", () => {
    for (const amountMinor of [MAX_LEDGER_ENTRY_MINOR + 1, 2 ** 54]) {
      expect(decideExclusion({ ...ready, amountMinor }, rules)).toEqual({
        code: "over_maximum",
        reason: "more than one payout can carry (100000000000.00 USD): pay it in parts with custom-amount payouts",
      });
    }
  });
});

describe("a run's creator and their payout details (ISSUE13 item 1)", () => {
  const balance = { ...ready, amountMinor: 3000 };

  it("with no payout details at all is paid, with a note to pay offline", () => {
    for (const payoutMethod of [null, "paypal", "bank_transfer", "other"]) {
      const missing = { ...balance, payoutMethod, payoutDetailsStatus: "missing" };
      expect(decideExclusion(missing, rules)).toBeNull();
      expect(decideExclusion(missing, { ...rules, honourMinimum: true, minimumMinor: 2500 })).toBeNull();
      expect(runRowNote(missing)).toBe(NO_DETAILS_NOTE);
    }
    expect(NO_DETAILS_NOTE).toBe("no payout details: pay offline by a method you agree on");
    expect(runRowNote(balance)).toBeNull();
  });

  it("on Stripe without finished onboarding is left out: a Stripe payout cannot be sent", () => {
    expect(decideExclusion({ ...balance, payoutMethod: "stripe", payoutDetailsStatus: "missing" }, rules)).toEqual({
      code: "no_payout_details",
      reason: "Stripe onboarding not started",
    });
    expect(decideExclusion({ ...balance, payoutMethod: "stripe", payoutDetailsStatus: "pending" }, rules)).toEqual({
      code: "no_payout_details",
      reason: "Stripe onboarding not finished",
    });
    expect(decideExclusion({ ...balance, payoutMethod: "stripe", payoutDetailsStatus: "restricted" }, rules)).toEqual({
      code: "no_payout_details",
      reason: "Stripe account restricted",
    });
    expect(decideExclusion({ ...balance, payoutMethod: "stripe" }, rules)).toBeNull();
  });
});

describe("a run's creator whose payout method just changed", () => {
  it("is held until a time on the shop's clock, not UTC", () => {
    const held = { ...ready, amountMinor: 3000, payoutsHeldUntil: new Date("2026-12-04T15:30:00Z") };
    expect(decideExclusion(held, { ...rules, timeZone: "Europe/Paris" })).toEqual({
      code: "payouts_held",
      reason: "payout method just changed; payouts held until 2026-12-04 16:30 (Europe/Paris)",
    });
  });
});
