import type { BadgeProps } from "@shopify/polaris";
import type { PayoutStatus } from "~/domain/status/payout-status";

/** Merchant-facing labels and badge tones of payout statuses (DOMAIN.md §3). */
// Keyed by the status type: a status without a label (or tone) is a type error.
export const PAYOUT_STATUS_LABEL: Record<PayoutStatus, string> = {
  draft: "Draft",
  pending_review: "Creator review",
  ready: "Ready",
  processing: "Being paid",
  paid: "Paid",
  failed: "Failed",
  canceled: "Canceled",
  reversed: "Reversed",
};

export const PAYOUT_STATUS_TONE: Record<PayoutStatus, BadgeProps["tone"]> = {
  draft: undefined,
  pending_review: "attention",
  ready: "info",
  processing: "info",
  paid: "success",
  failed: "critical",
  canceled: undefined,
  reversed: "warning",
};

export const PAYOUT_TABS = ["all", "draft", "pending_review", "ready", "processing", "paid", "failed", "canceled", "reversed"] as const;
