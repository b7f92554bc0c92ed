/** Background jobs (graphile-worker task identifiers), in one place. */
export const JOB = {
  processInboundEvent: "process_inbound_event",
  releaseDueCommissions: "release_due_commissions",
  sendEmail: "send_email",
} as const;

/** Recurring jobs: graphile-worker crontab lines (minute hour day month weekday task). */
export const CRONTAB = [`* * * * * ${JOB.releaseDueCommissions}`].join("\n");
