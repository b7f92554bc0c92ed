import type { TaskList } from "graphile-worker";
import { deliverEmail } from "../email/send-email.server";
import { JOB } from "./job-names";
import { processInboundEvent } from "./tasks/process-inbound-event.server";
import { releaseDueCommissionsTask } from "./tasks/release-due-commissions.server";

export const TASK_LIST: TaskList = {
  [JOB.processInboundEvent]: processInboundEvent,
  [JOB.releaseDueCommissions]: releaseDueCommissionsTask,
  [JOB.sendEmail]: async (payload) => deliverEmail((payload as { emailId: string }).emailId),
};
