import { describe, expect, it } from "vitest";
import { MAX_LEDGER_ENTRY_MINOR } from "../domain/amount-limits";
import { decideExclusion } from "./decide-exclusion";

const ready = { currency: "USD", creatorStatus: "active", payoutDetailsStatus: "complete", payoutsHeldUntil: null, newAvailableItems: 1 };
const rules = { honourMinimum: false, minimumMinor: null, at: new Date("2026-12-04T00:00:00Z") };

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
