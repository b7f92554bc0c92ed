import { defineStateMachine } from "./state-machine";

export const PAYOUT_STATUSES = ["draft", "pending_review", "ready", "processing", "paid", "failed", "canceled", "reversed"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/**
 * draft → pending_review → ready → processing → paid; draft → ready when the shop has no review
 * step; processing → failed → ready (retry) or canceled; anything before processing → canceled;
 * paid → reversed when Stripe reverses the transfer or the merchant disables the gift card. Once
 * processing, money may be moving, so the payout can no longer be canceled until it has
 * definitely failed.
 */
export const payoutStatusMachine = defineStateMachine<PayoutStatus>("payout", {
  draft: ["pending_review", "ready", "canceled"],
  pending_review: ["ready", "canceled"],
  ready: ["processing", "canceled"],
  processing: ["paid", "failed"],
  paid: ["reversed"],
  failed: ["ready", "canceled"],
  canceled: [],
  reversed: [],
});

/**
 * Statuses in which the payout still reserves its items (they sit in `in_payout` and cannot join
 * another payout). A failed payout keeps them until it is retried or canceled.
 */
export const PAYOUT_STATUSES_HOLDING_ITEMS = [
  "draft",
  "pending_review",
  "ready",
  "processing",
  "failed",
] as const satisfies readonly PayoutStatus[];

/** Statuses the merchant may still cancel from. */
export const PAYOUT_STATUSES_CANCELABLE = payoutStatusMachine.statuses.filter((status) =>
  payoutStatusMachine.canTransition(status, "canceled"),
);

/** Creators never see drafts; every other status has a label written for them. */
export type CreatorVisiblePayoutStatus = Exclude<PayoutStatus, "draft">;

export const CREATOR_VISIBLE_PAYOUT_STATUS: Readonly<Record<CreatorVisiblePayoutStatus, string>> = {
  pending_review: "to review",
  ready: "scheduled",
  processing: "being paid",
  paid: "paid",
  failed: "delayed",
  canceled: "canceled",
  reversed: "reversed",
};

export function isPayoutVisibleToCreator(status: PayoutStatus): status is CreatorVisiblePayoutStatus {
  return status !== "draft";
}

/** Where a payout starts: manual ones as drafts; runs and approved requests per the shop's review step. */
export function initialPayoutStatus(origin: "manual" | "run" | "request", creatorReviewEnabled: boolean): PayoutStatus {
  if (origin === "manual") return "draft";
  return creatorReviewEnabled ? "pending_review" : "ready";
}
