import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { COMMISSION_STATUSES, type CommissionStatus, commissionStatusMachine } from "./commission-status";
import { itFollowsTheStatusTable } from "../../../tests/support/state-machine.testkit";

// DOMAIN.md §3: held → approved → paid; held → reversed; held | approved → rejected.
const moves: [CommissionStatus, CommissionStatus][] = [
  ["held", "approved"],
  ["approved", "paid"],
  ["held", "reversed"],
  ["held", "rejected"],
  ["approved", "rejected"],
];

describe("commission status", () => {
  itFollowsTheStatusTable(commissionStatusMachine, ["held", "approved", "paid", "reversed", "rejected"], moves, ["held"]);

  it("matches the Prisma enum", () => {
    expect(COMMISSION_STATUSES).toEqual(["held", "approved", "paid", "reversed", "rejected"]);
    // The generated client's enum, read from prisma/schema.prisma: same values, same order.
    expect(COMMISSION_STATUSES).toEqual(Object.values($Enums.CommissionStatus));
  });

  it("handles a refund after approval with a clawback, not by reversing the commission", () => {
    expect(() => commissionStatusMachine.assertTransition("approved", "reversed")).toThrow(
      "A commission that is approved cannot become reversed.",
    );
    expect(commissionStatusMachine.canTransition("paid", "rejected")).toBe(false);
  });
});
