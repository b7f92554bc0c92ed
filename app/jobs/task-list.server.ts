import type { TaskList } from "graphile-worker";
import { JOB } from "./job-names";
import { processInboundEvent } from "./tasks/process-inbound-event.server";
import { releaseDueCommissionsTask } from "./tasks/release-due-commissions.server";

export const TASK_LIST: TaskList = {
  [JOB.processInboundEvent]: processInboundEvent,
  [JOB.releaseDueCommissions]: releaseDueCommissionsTask,
};
