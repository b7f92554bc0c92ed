import { defineStateMachine } from "./state-machine";

export const COMMISSION_STATUSES = ["held", "approved", "paid", "reversed", "rejected"] as const;
export type CommissionStatus = (typeof COMMISSION_STATUSES)[number];

/**
 * held → approved → paid; held → reversed (fully refunded or canceled in the hold);
 * held | approved → rejected (merchant or fraud rule). Refunds after approval do not change the
 * status: they create clawbacks.
 */
export const commissionStatusMachine = defineStateMachine<CommissionStatus>("commission", {
  held: ["approved", "reversed", "rejected"],
  approved: ["paid", "rejected"],
  paid: [],
  reversed: [],
  rejected: [],
});
