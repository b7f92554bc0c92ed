// Order velocity spike: a creator's orders in the last 24 hours against their daily average over
// the 30 days before. A spike needs at least 10 orders and five times the usual day.
import type { RiskSignal } from "./risk-signal";

export interface VelocityInput {
  ordersLast24Hours: number;
  ordersPrevious30Days: number;
}

export const VELOCITY_MIN_ORDERS = 10;

export function velocitySpikeSignal({ ordersLast24Hours, ordersPrevious30Days }: VelocityInput): RiskSignal | null {
  if (ordersLast24Hours < VELOCITY_MIN_ORDERS) return null;
  // A creator with no history has a usual day of one order (not zero: any first day would be infinite).
  const usualDay = Math.max(ordersPrevious30Days / 30, 1);
  const ratio = ordersLast24Hours / usualDay;
  if (ratio < 5) return null;
  return {
    code: "velocity_spike",
    score: ratio >= 20 ? 55 : 40,
    sentence: `${ordersLast24Hours} orders in 24 hours, ${Math.round(ratio)} times this creator's usual day.`,
  };
}
