// Badge tones and spoken labels for the statuses shown on the creator page.
export const STATUS_TONE: Record<string, "success" | "attention" | "info" | "warning" | "critical" | undefined> = {
  active: "success",
  invited: "info",
  applied: "attention",
  paused: "warning",
  approved: "success",
  awaiting_deliverable: "attention",
  paid: "success",
  canceled: undefined,
  open: "info",
  submitted: "attention",
  rejected: "critical",
  requested: "attention",
  held: "info",
  reversed: undefined,
};

export const label = (status: string) => status.replace(/_/g, " ");
