/** The admin sections, in menu order: shared by App Bridge's NavMenu and the demo frame. */
export const ADMIN_NAVIGATION = [
  { label: "Home", url: "/app" },
  { label: "Creators", url: "/app/creators" },
  { label: "Payouts", url: "/app/payouts" },
  { label: "Reconciliation", url: "/app/reconciliation" },
  { label: "Risk", url: "/app/risk" },
  { label: "Campaigns", url: "/app/campaigns" },
  { label: "Plans", url: "/app/plans" },
  { label: "Reports", url: "/app/reports" },
  { label: "Settings", url: "/app/settings" },
] as const;
