import type { TaskList } from "graphile-worker";
import { deliverEmail } from "../email/send-email.server";
import { sendFlowTriggerTask } from "../flow/send-flow-trigger.server";
import { processCreatorImportTask } from "../imports/process-creator-import.server";
import { notifyPayoutApproversTask } from "../payouts/notify-payout-approvers.server";
import { processPayoutRunTask } from "../payout-runs/process-payout-run.server";
import { schedulePayoutRunsTask } from "../payout-runs/schedule-payout-runs.server";
import { payRailAttemptTask } from "../rails/pay-rail-attempt.server";
import { payRailBatchTask } from "../rails/pay-rail-batch.server";
import { sweepRailAttemptsTask } from "../rails/sweep-rail-attempts.server";
import { backfillPayoutDetailsFingerprintsTask } from "../risk/backfill-payout-details-fingerprints.server";
import { JOB } from "./job-names";
import { drainInboundEventsTask } from "./tasks/drain-inbound-events.server";
import { processInboundEvent } from "./tasks/process-inbound-event.server";
import { releaseDueCommissionsTask } from "./tasks/release-due-commissions.server";

export const TASK_LIST: TaskList = {
  [JOB.processInboundEvent]: processInboundEvent,
  [JOB.drainInboundEvents]: drainInboundEventsTask,
  [JOB.releaseDueCommissions]: releaseDueCommissionsTask,
  [JOB.processPayoutRun]: processPayoutRunTask,
  [JOB.schedulePayoutRuns]: schedulePayoutRunsTask,
  [JOB.payStripePayout]: payRailAttemptTask,
  [JOB.payRailAttempt]: payRailAttemptTask,
  [JOB.payRailBatch]: payRailBatchTask,
  [JOB.sweepStripePayouts]: sweepRailAttemptsTask,
  [JOB.processCreatorImport]: processCreatorImportTask,
  [JOB.sendFlowTrigger]: sendFlowTriggerTask,
  [JOB.backfillPayoutDetailsFingerprints]: backfillPayoutDetailsFingerprintsTask,
  [JOB.notifyPayoutApprovers]: notifyPayoutApproversTask,
  [JOB.sendEmail]: async (payload) => deliverEmail((payload as { emailId: string }).emailId),
};
