// Test-only crash points: with CREATOR_PAYOUTS_CRASH_AT=<name> the process kills itself
// (SIGKILL: no cleanup, no rollback hooks) when it reaches that point, so tests can prove that a
// crash anywhere in paying a payout ends, after recovery, in exactly one transfer.
// env.server.ts refuses the variable in production; this check refuses it again.

import { envVariables } from "../env.server";

export const CRASH_POINTS = ["before_stripe_call", "after_stripe_response", "before_settle_commit"] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export function crashPoint(name: CrashPoint): void {
  const { NODE_ENV, CREATOR_PAYOUTS_CRASH_AT } = envVariables("NODE_ENV", "CREATOR_PAYOUTS_CRASH_AT");
  if (NODE_ENV === "production") return;
  if (CREATOR_PAYOUTS_CRASH_AT === name) process.kill(process.pid, "SIGKILL");
}
