import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { FIXED_FEE_STATUSES, type FixedFeeStatus, fixedFeeStatusMachine, initialFixedFeeStatus } from "./fixed-fee-status";
import { itFollowsTheStatusTable } from "../../../tests/support/state-machine.testkit";

// DOMAIN.md §3: awaiting_deliverable → approved (or approved at once); approved → paid; unpaid → canceled.
const moves: [FixedFeeStatus, FixedFeeStatus][] = [
  ["awaiting_deliverable", "approved"],
  ["approved", "paid"],
  ["awaiting_deliverable", "canceled"],
  ["approved", "canceled"],
];

describe("fixed fee status", () => {
  itFollowsTheStatusTable(fixedFeeStatusMachine, ["awaiting_deliverable", "approved", "paid", "canceled"], moves, [
    "awaiting_deliverable",
    "approved",
  ]);

  it("matches the Prisma enum", () => {
    expect(FIXED_FEE_STATUSES).toEqual(["awaiting_deliverable", "approved", "paid", "canceled"]);
    // The generated client's enum, read from prisma/schema.prisma: same values, same order.
    expect(FIXED_FEE_STATUSES).toEqual(Object.values($Enums.FixedFeeStatus));
  });

  it("starts gated fees waiting for their deliverable and others approved", () => {
    expect(initialFixedFeeStatus(true)).toBe("awaiting_deliverable");
    expect(initialFixedFeeStatus(false)).toBe("approved");
  });

  it("cannot cancel a fee that was paid", () => {
    expect(() => fixedFeeStatusMachine.assertTransition("paid", "canceled")).toThrow("A fixed fee that is paid cannot become canceled.");
  });
});
