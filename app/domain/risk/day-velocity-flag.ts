// An order velocity spike is a fact about a creator's day, not about one order: it is stored once
// per creator, UTC day and score, on the commission that raised it (a unique index in migration
// 20261211100000), and shown on every later commission of that creator the same day. Flagging
// every order after the tenth wrote a row, three index entries and a lock per order (issue 16 §1).
import type { RiskRule } from "./risk-signal";

export const VELOCITY_RULE: RiskRule = "velocity_spike";

interface Flag {
  creatorId: string;
  rule: string;
  score: number;
}

/**
 * A batch's flags with each creator's velocity flag once per score: the first in the batch's order
 * (the order the commissions were earned), as one delivery per batch would have stored it.
 */
export function firstVelocityFlagPerCreator<T extends Flag & { shopId: string }>(flags: readonly T[]): T[] {
  const seen = new Set<string>();
  return flags.filter((flag) => {
    if (flag.rule !== VELOCITY_RULE) return true;
    const key = `${flag.shopId}\u0000${flag.creatorId}\u0000${flag.score}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export interface DayVelocityFlag {
  creatorId: string;
  score: number;
  sentence: string;
  createdAt: Date;
}

const utcDay = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The velocity spike a commission was earned in: its creator's strongest velocity flag raised the
 * same UTC day at or before the commission (null: none). Its own flag, when it raised one, is among them.
 */
export function velocityFlagOf<T extends DayVelocityFlag>(
  commission: { creatorId: string; createdAt: Date },
  dayFlags: readonly T[],
): T | null {
  const day = utcDay(commission.createdAt);
  let strongest: T | null = null;
  for (const flag of dayFlags) {
    if (flag.creatorId !== commission.creatorId || utcDay(flag.createdAt) !== day) continue;
    if (flag.createdAt.getTime() > commission.createdAt.getTime()) continue;
    if (!strongest || flag.score > strongest.score) strongest = flag;
  }
  return strongest;
}
