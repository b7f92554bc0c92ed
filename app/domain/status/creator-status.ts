import { defineStateMachine } from "./state-machine";

export const CREATOR_STATUSES = ["invited", "applied", "active", "paused", "declined", "archived"] as const;
export type CreatorStatus = (typeof CREATOR_STATUSES)[number];

/**
 * invited → active (invitation accepted); applied → active | declined (self-signup);
 * active ⇄ paused; any → archived, which is final.
 */
export const creatorStatusMachine = defineStateMachine<CreatorStatus>("creator", {
  invited: ["active", "archived"],
  applied: ["active", "declined", "archived"],
  active: ["paused", "archived"],
  paused: ["active", "archived"],
  declined: ["archived"],
  archived: [],
});

/** Only active creators earn new commissions; paused ones are recorded with the reason. */
export const CREATOR_STATUSES_EARNING: readonly CreatorStatus[] = ["active"];
