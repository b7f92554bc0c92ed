import { defineStateMachine } from "./state-machine";

export const PAYOUT_REQUEST_STATUSES = ["requested", "approved", "rejected"] as const;
export type PayoutRequestStatus = (typeof PAYOUT_REQUEST_STATUSES)[number];

/** requested → approved (a payout is created) | rejected (with a note to the creator). */
export const payoutRequestStatusMachine = defineStateMachine<PayoutRequestStatus>("payout request", {
  requested: ["approved", "rejected"],
  approved: [],
  rejected: [],
});
