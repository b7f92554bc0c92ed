// A creator code's state in Shopify as the deal page names it. Shopify reports a deactivated code
// as EXPIRED (deactivating sets its end to now), so the app's own deactivation tells them apart.

export type DiscountState = "active" | "scheduled" | "expired" | "deactivated" | "deleted";

export function discountStateOf(status: "ACTIVE" | "EXPIRED" | "SCHEDULED" | "DELETED", deactivatedByApp: boolean): DiscountState {
  if (status === "DELETED") return "deleted";
  if (status === "ACTIVE") return "active";
  if (status === "SCHEDULED") return "scheduled";
  return deactivatedByApp ? "deactivated" : "expired";
}

export const DISCOUNT_STATE_LABEL: Record<DiscountState, string> = {
  active: "Active",
  scheduled: "Scheduled",
  expired: "Expired",
  deactivated: "Deactivated",
  deleted: "Deleted in Shopify",
};
