import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { PAYOUT_REQUEST_STATUSES, type PayoutRequestStatus, payoutRequestStatusMachine } from "./payout-request-status";
import { itFollowsTheStatusTable } from "../../../tests/support/state-machine.testkit";

// DOMAIN.md §3: requested → approved | rejected.
const moves: [PayoutRequestStatus, PayoutRequestStatus][] = [
  ["requested", "approved"],
  ["requested", "rejected"],
];

describe("payout request status", () => {
  itFollowsTheStatusTable(payoutRequestStatusMachine, ["requested", "approved", "rejected"], moves, ["requested"]);

  it("matches the Prisma enum", () => {
    expect(PAYOUT_REQUEST_STATUSES).toEqual(["requested", "approved", "rejected"]);
    // The generated client's enum, read from prisma/schema.prisma: same values, same order.
    expect(PAYOUT_REQUEST_STATUSES).toEqual(Object.values($Enums.PayoutRequestStatus));
  });

  it("decides a request once", () => {
    expect(() => payoutRequestStatusMachine.assertTransition("rejected", "approved")).toThrow(
      "A payout request that is rejected cannot become approved.",
    );
  });
});
