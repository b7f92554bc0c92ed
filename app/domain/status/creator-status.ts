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

/**
 * Who earns new commissions (DOMAIN.md §3): a creator the merchant added earns from the first
 * order, `invited` included (the invitation grants portal access, not the right to earn);
 * applicants earn once approved; paused, declined and archived creators earn nothing new.
 */
export const CREATOR_STATUSES_EARNING: readonly CreatorStatus[] = ["invited", "active"];

export function creatorEarns(status: CreatorStatus): boolean {
  return CREATOR_STATUSES_EARNING.includes(status);
}
