import type { Task } from "graphile-worker";
import { releaseDueCommissions } from "../../commissions/release-due-commissions.server";

/** Cron, every minute: release commissions whose hold ended, in batches until none is due. */
export const releaseDueCommissionsTask: Task = async () => {
  while ((await releaseDueCommissions()) > 0) {
    // keep going: a flash sale's worth of holds may end in the same minute
  }
};
