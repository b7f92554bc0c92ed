// Test-only crash points: with CREATOR_PAYOUTS_CRASH_AT=<name> the process kills itself
// (SIGKILL: no cleanup, no rollback hooks) when it reaches that point, so tests can prove that a
// crash anywhere in paying a payout ends, after recovery, in exactly one payment at the rail.
// env.server.ts refuses the variable in production; this check refuses it again.

import { envVariables } from "../env.server";
import type { RailName } from "./rail";

/** Stripe's points, which the crash test walks through (every rail passes the same ones). */
export const CRASH_POINTS = ["before_stripe_call", "after_stripe_response", "before_settle_commit"] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number] | `before_${RailName}_call` | `after_${RailName}_response`;

export function crashPoint(name: CrashPoint): void {
  const { NODE_ENV, CREATOR_PAYOUTS_CRASH_AT } = envVariables("NODE_ENV", "CREATOR_PAYOUTS_CRASH_AT");
  if (NODE_ENV === "production") return;
  if (CREATOR_PAYOUTS_CRASH_AT === name) process.kill(process.pid, "SIGKILL");
}
