import fc from "fast-check";
import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import {
  CREATOR_VISIBLE_PAYOUT_STATUS,
  PAYOUT_STATUSES,
  PAYOUT_STATUSES_CANCELABLE,
  PAYOUT_STATUSES_HOLDING_ITEMS,
  type PayoutStatus,
  initialPayoutStatus,
  isPayoutVisibleToCreator,
  payoutStatusMachine,
} from "./payout-status";
import { IllegalTransitionError } from "./state-machine";
import { itFollowsTheStatusTable, reachableFrom } from "../../../tests/support/state-machine.testkit";

// DOMAIN.md §3: draft → pending_review → ready → processing → paid; draft → ready;
// processing → failed → ready | canceled; any state before processing → canceled; paid → reversed.
const moves: [PayoutStatus, PayoutStatus][] = [
  ["draft", "pending_review"],
  ["pending_review", "ready"],
  ["ready", "processing"],
  ["processing", "paid"],
  ["draft", "ready"],
  ["processing", "failed"],
  ["failed", "ready"],
  ["failed", "canceled"],
  ["draft", "canceled"],
  ["pending_review", "canceled"],
  ["ready", "canceled"],
  ["paid", "reversed"],
];

describe("payout status", () => {
  itFollowsTheStatusTable(
    payoutStatusMachine,
    ["draft", "pending_review", "ready", "processing", "paid", "failed", "canceled", "reversed"],
    moves,
    ["draft", "pending_review", "ready"],
  );

  it("matches the Prisma enum", () => {
    expect(PAYOUT_STATUSES).toEqual(["draft", "pending_review", "ready", "processing", "paid", "failed", "canceled", "reversed"]);
    // The generated client's enum, read from prisma/schema.prisma: same values, same order.
    expect(PAYOUT_STATUSES).toEqual(Object.values($Enums.PayoutStatus));
  });

  it("lets a draft go to review, straight to ready, or be canceled — nothing else", () => {
    for (const to of PAYOUT_STATUSES) {
      expect(payoutStatusMachine.canTransition("draft", to)).toBe(["pending_review", "ready", "canceled"].includes(to));
    }
  });

  it("reaches every status from a draft", () => {
    expect([...reachableFrom("draft", moves)].sort()).toEqual([...PAYOUT_STATUSES].sort());
  });

  it("cannot cancel a payout while money may be moving", () => {
    expect(() => payoutStatusMachine.assertTransition("processing", "canceled")).toThrow(
      "A payout that is processing cannot become canceled.",
    );
    expect(PAYOUT_STATUSES_CANCELABLE).toEqual(["draft", "pending_review", "ready", "failed"]);
  });

  it("explains a refused move", () => {
    expect(() => payoutStatusMachine.assertTransition("paid", "draft")).toThrow("A payout that is paid cannot become draft.");
    expect(() => payoutStatusMachine.assertTransition("draft", "pending_review")).not.toThrow(IllegalTransitionError);
  });

  it("keeps items reserved until the payout is paid or canceled, including while it has failed", () => {
    expect([...PAYOUT_STATUSES_HOLDING_ITEMS].sort()).toEqual(["draft", "failed", "pending_review", "processing", "ready"]);
    // A payout's items are released exactly when it reaches a status it cannot leave except by reversal.
    for (const status of PAYOUT_STATUSES) {
      const holds = (PAYOUT_STATUSES_HOLDING_ITEMS as readonly string[]).includes(status);
      expect(holds).toBe(!["paid", "canceled", "reversed"].includes(status));
    }
  });

  it("never sends a paid or canceled payout's items back into reservation", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PAYOUT_STATUSES), { maxLength: 30 }), (attempts) => {
        let current: PayoutStatus = "draft";
        let released = false;
        for (const target of attempts) {
          if (!payoutStatusMachine.canTransition(current, target)) continue;
          current = target;
          const holding = (PAYOUT_STATUSES_HOLDING_ITEMS as readonly string[]).includes(current);
          if (released) expect(holding).toBe(false);
          if (!holding) released = true;
        }
      }),
    );
  });

  it("shows creators every payout except drafts, with their own words", () => {
    expect(CREATOR_VISIBLE_PAYOUT_STATUS).toEqual({
      pending_review: "to review",
      ready: "scheduled",
      processing: "being paid",
      paid: "paid",
      failed: "delayed",
      canceled: "canceled",
      reversed: "reversed",
    });
    expect(PAYOUT_STATUSES.filter(isPayoutVisibleToCreator)).toEqual(Object.keys(CREATOR_VISIBLE_PAYOUT_STATUS));
    expect(isPayoutVisibleToCreator("draft")).toBe(false);
  });

  it.each([
    ["manual", true, "draft"],
    ["manual", false, "draft"],
    ["run", true, "pending_review"],
    ["run", false, "ready"],
    ["request", true, "pending_review"],
    ["request", false, "ready"],
  ] as const)("a %s payout with creator review %s starts %s", (origin, review, status) => {
    expect(initialPayoutStatus(origin, review)).toBe(status);
  });
});
