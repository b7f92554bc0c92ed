/** Background jobs (graphile-worker task identifiers), in one place. */
export const JOB = {
  processInboundEvent: "process_inbound_event",
  drainInboundEvents: "drain_inbound_events",
  processPayoutRun: "process_payout_run",
  schedulePayoutRuns: "schedule_payout_runs",
  releaseDueCommissions: "release_due_commissions",
  sendEmail: "send_email",
  payStripePayout: "pay_stripe_payout",
  /** Every other rail's attempt (app/rails/pay-rail-attempt.server.ts); Stripe keeps its own name. */
  payRailAttempt: "pay_rail_attempt",
  /** A batch of a run's payouts on a rail that pays in batches (app/rails/pay-rail-batch.server.ts). */
  payRailBatch: "pay_rail_batch",
  sweepStripePayouts: "sweep_stripe_payouts",
  processCreatorImport: "process_creator_import",
  sendFlowTrigger: "send_flow_trigger",
  /** Fingerprints for payout details saved before issue 17 (app/risk/backfill-payout-details-fingerprints.server.ts). */
  backfillPayoutDetailsFingerprints: "backfill_payout_details_fingerprints",
  /** Emails a payout's approvers when it starts waiting for a second approval (app/payouts/notify-payout-approvers.server.ts). */
  notifyPayoutApprovers: "notify_payout_approvers",
} as const;

/** Recurring jobs: graphile-worker crontab lines (minute hour day month weekday task). */
export const CRONTAB = [
  `* * * * * ${JOB.releaseDueCommissions}`,
  // Safety net: the inbound drain re-queues itself every 250 ms; this restarts a broken chain.
  `* * * * * ${JOB.drainInboundEvents} ?jobKey=${JOB.drainInboundEvents}&jobKeyMode=replace`,
  // Hourly: a shop's Monday / 1st begins at its own midnight, whatever its time zone.
  `0 * * * * ${JOB.schedulePayoutRuns}`,
  // Payouts stuck in `processing` on any rail (a worker died mid-call): replay or look the payment up.
  `*/5 * * * * ${JOB.sweepStripePayouts}`,
].join("\n");
