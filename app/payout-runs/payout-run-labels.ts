import type { PayoutRunStatus } from "@prisma/client";

// How a run's status reads on the page (one place, shared by the run pages).

export const PAYOUT_RUN_STATUS_LABEL: Record<PayoutRunStatus, string> = {
  preview: "Preview",
  running: "Running",
  completed: "Completed",
  canceled: "Canceled",
  failed: "Failed",
};

export const PAYOUT_RUN_STATUS_TONE: Record<PayoutRunStatus, "info" | "success" | "critical" | undefined> = {
  preview: undefined,
  running: "info",
  completed: "success",
  canceled: undefined,
  failed: "critical",
};
