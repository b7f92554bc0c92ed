import { $Enums } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { DELIVERABLE_STATUSES, type DeliverableStatus, deliverableStatusMachine } from "./deliverable-status";
import { itFollowsTheStatusTable } from "../../../tests/support/state-machine.testkit";

// DOMAIN.md §3: open → submitted → approved | rejected; rejected → submitted.
const moves: [DeliverableStatus, DeliverableStatus][] = [
  ["open", "submitted"],
  ["submitted", "approved"],
  ["submitted", "rejected"],
  ["rejected", "submitted"],
];

describe("deliverable status", () => {
  itFollowsTheStatusTable(deliverableStatusMachine, ["open", "submitted", "approved", "rejected"], moves, ["open"]);

  it("matches the Prisma enum", () => {
    expect(DELIVERABLE_STATUSES).toEqual(["open", "submitted", "approved", "rejected"]);
    // The generated client's enum, read from prisma/schema.prisma: same values, same order.
    expect(DELIVERABLE_STATUSES).toEqual(Object.values($Enums.DeliverableStatus));
  });

  it("lets a creator resubmit after a rejection, but not approve their own work", () => {
    expect(deliverableStatusMachine.canTransition("rejected", "submitted")).toBe(true);
    expect(() => deliverableStatusMachine.assertTransition("open", "approved")).toThrow(
      "A deliverable that is open cannot become approved.",
    );
  });
});
