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

describe("a run's creator on their own rail (issue 15)", () => {
  const balance = { ...ready, amountMinor: 3000 };

  it("on PayPal is paid with a PayPal email in their details, left out without one", () => {
    expect(decideExclusion({ ...balance, rail: "paypal" }, rules)).toBeNull();
    for (const details of [
      { payoutMethod: null, payoutDetailsStatus: "missing" },
      { payoutMethod: "bank_transfer", payoutDetailsStatus: "complete" },
      { payoutMethod: "stripe", payoutDetailsStatus: "pending" },
    ]) {
      expect(decideExclusion({ ...balance, ...details, rail: "paypal" }, rules)).toEqual({
        code: "no_payout_details",
        reason: "paid with PayPal but has no PayPal email in their payout details: ask them to add it in the portal",
      });
    }
  });

  it("on Stripe is left out without a Stripe account, whatever their other details", () => {
    expect(decideExclusion({ ...balance, rail: "stripe", hasStripeAccount: false }, rules)).toEqual({
      code: "no_payout_details",
      reason: "paid with Stripe but has no Stripe account: ask them to finish Stripe onboarding in the portal",
    });
    expect(decideExclusion({ ...balance, payoutMethod: "stripe", rail: "stripe", hasStripeAccount: true }, rules)).toBeNull();
  });

  it("in store credit needs no payout details, and gets no 'pay offline' note", () => {
    const missing = { ...balance, payoutMethod: null, payoutDetailsStatus: "missing", rail: "store_credit" };
    expect(decideExclusion(missing, rules)).toBeNull();
    expect(runRowNote(missing)).toBeNull();
  });
});
