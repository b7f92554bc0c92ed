import { envVariables } from "../env.server";

// The app's notion of "now". Tests and demos may pin it with CREATOR_PAYOUTS_CLOCK (an ISO
// instant); production always uses the real clock.
export function now(): Date {
  const { CREATOR_PAYOUTS_CLOCK: pinned, NODE_ENV } = envVariables("CREATOR_PAYOUTS_CLOCK", "NODE_ENV");
  if (pinned && NODE_ENV !== "production") {
    const date = new Date(pinned);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return new Date();
}
