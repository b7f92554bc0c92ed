// The reconciliation screen's data: for each rail the shop uses, what the rail says was paid and
// what the ledger says, matched (app/domain/reconcile-rail-payments.ts). Rails are read side by
// side; a rail that cannot be reached is a sentence on its own section while the others still show.
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import type { InstantRange } from "../domain/calendar";
import { reconcileRailPayments, type ReconciliationRow } from "../domain/reconcile-rail-payments";
import { logger } from "../lib/logger.server";
import type { RailName } from "../rails/rail";
import { railLabel } from "../rails/rail-choices.server";
import { readLedgerRailPayouts } from "./read-ledger-rail-payouts.server";
import { RAIL_RECORD_LISTERS } from "./rail-record-listers.server";

/** Both sides are read this much wider than the range: a payment posted just before midnight may reach the rail after it. */
const EDGE_MS = 24 * 60 * 60 * 1000;

export type RailReconciliation = { rail: RailName; rows: ReconciliationRow[]; error: null } | { rail: RailName; rows: []; error: string };

/** The rails on the screen: those the shop enables, and any rail a payout was paid or sent on. */
export async function railsToReconcile(shopId: string): Promise<RailName[]> {
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { enabledRails: true } });
  const used = await db().payout.findMany({ where: { shopId, channel: { not: null } }, distinct: ["channel"], select: { channel: true } });
  const names = new Set<string>([...shop.enabledRails, ...used.map((p) => p.channel!)]);
  return (Object.keys(RAIL_RECORD_LISTERS) as RailName[]).filter((rail) => names.has(rail));
}

function unreachable(rail: RailName, error: unknown): string {
  const label = railLabel(rail);
  if (isDomainError(error)) return `${label} could not be read: ${error.message}`;
  return `${label} could not be reached just now, so its payments are not shown. Try again in a few minutes.`;
}

export async function reconcileRail(shopId: string, rail: RailName, range: InstantRange): Promise<RailReconciliation> {
  const wide = { start: new Date(range.start.getTime() - EDGE_MS), end: new Date(range.end.getTime() + EDGE_MS) };
  try {
    const records = await RAIL_RECORD_LISTERS[rail]!(shopId, wide);
    const named = [...new Set(records.flatMap((r) => (r.payoutId ? [r.payoutId] : [])))];
    const payouts = await readLedgerRailPayouts(shopId, rail, wide, named);
    return { rail, rows: reconcileRailPayments({ records, payouts, range }), error: null };
  } catch (error) {
    logger().warn(
      { module: "reconciliation", rail, shopId },
      `reading ${rail} for reconciliation: ${error instanceof Error ? error.message : String(error)}`,
    );
    return { rail, rows: [], error: unreachable(rail, error) };
  }
}

export async function loadReconciliation(shopId: string, range: InstantRange): Promise<RailReconciliation[]> {
  const rails = await railsToReconcile(shopId);
  return Promise.all(rails.map((rail) => reconcileRail(shopId, rail, range)));
}
