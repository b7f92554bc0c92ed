import { defineStateMachine } from "./state-machine";

export const DELIVERABLE_STATUSES = ["open", "submitted", "approved", "rejected"] as const;
export type DeliverableStatus = (typeof DELIVERABLE_STATUSES)[number];

/** open → submitted → approved | rejected; a rejected deliverable can be resubmitted. */
export const deliverableStatusMachine = defineStateMachine<DeliverableStatus>("deliverable", {
  open: ["submitted"],
  submitted: ["approved", "rejected"],
  rejected: ["submitted"],
  approved: [],
});
