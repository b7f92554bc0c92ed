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

/**
 * The real time, never pinned: for checks against another system's clock that a test's or the
 * demo's pinned "now" must not move (the timestamp Shopify signs into an app-proxy request).
 * Business and recorded times use now().
 */
export function wallClock(): Date {
  return new Date();
}
