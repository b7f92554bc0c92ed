import type { PayableKind } from "@prisma/client";

/** "pending_review" → "pending review", for sentences. */
export function spokenPayoutStatus(status: string): string {
  return status.replace(/_/g, " ");
}

export interface PayableItemDescription {
  kind: PayableKind;
  /** True for the child of a custom-amount split: only part of the original is in this payout. */
  isPart: boolean;
  orderName?: string | null;
  feeComment?: string | null;
  adjustmentReason?: string | null;
  clawbackReason?: string | null;
}

/** What a merchant or creator reads on a payout line: "Commission on order #1042", "Fee: TikTok video". */
export function payableItemLabel(item: PayableItemDescription): string {
  const order = item.orderName ?? "an order";
  const label = {
    commission: `Commission on order ${order}`,
    fixed_fee: item.feeComment ? `Fee: ${item.feeComment}` : "Fixed fee",
    adjustment: item.adjustmentReason ? `Adjustment: ${item.adjustmentReason}` : "Adjustment",
    clawback: `Clawback: ${item.clawbackReason ?? "refund"} on ${order}`,
  }[item.kind];
  return item.isPart ? `${label} (part)` : label;
}
