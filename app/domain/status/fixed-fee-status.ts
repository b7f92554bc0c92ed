import { defineStateMachine } from "./state-machine";

export const FIXED_FEE_STATUSES = ["awaiting_deliverable", "approved", "paid", "canceled"] as const;
export type FixedFeeStatus = (typeof FIXED_FEE_STATUSES)[number];

/**
 * awaiting_deliverable → approved when its deliverable is approved (an ungated fee starts in
 * approved); approved → paid; an unpaid fee → canceled.
 */
export const fixedFeeStatusMachine = defineStateMachine<FixedFeeStatus>("fixed fee", {
  awaiting_deliverable: ["approved", "canceled"],
  approved: ["paid", "canceled"],
  paid: [],
  canceled: [],
});

/** Where a new fee starts: gated fees wait for their deliverable. */
export function initialFixedFeeStatus(gated: boolean): FixedFeeStatus {
  return gated ? "awaiting_deliverable" : "approved";
}
