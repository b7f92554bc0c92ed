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

/** Sentence case, one spelling for every badge: "awaiting_deliverable" reads "Awaiting deliverable". */
export const label = (status: string) => {
  const words = status.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
};
