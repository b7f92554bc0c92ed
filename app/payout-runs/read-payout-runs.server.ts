import { Prisma, type PayoutChannel, type PayoutRunStatus } from "@prisma/client";
import { db } from "../db.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { payoutRunNotFound } from "./payout-run-errors";
import { readRunSummary } from "./run-summary";
import { railLabel } from "../rails/rail-choices.server";
import type { PayoutStatus } from "~/domain/status/payout-status";

export interface PayoutRunListRow {
  id: string;
  status: PayoutRunStatus;
  from: string;
  to: string;
  creatorId: string | null;
  honourMinimum: boolean;
  totalCreators: number;
  doneCreators: number;
  createdBy: string;
  createdAt: Date;
}

export interface PayoutRunView extends PayoutRunListRow {
  finishedAt: Date | null;
  error: string | null;
  /** "Pay all due": how many payouts went on each rail (offline: left ready to pay by hand). */
  rails: { rail: string; label: string; sent: number; errors: string[] }[];
  /** The run's payouts as they are now (a payout may have moved on since the run created it). */
  payouts: {
    payoutId: string;
    creatorName: string;
    currency: string;
    amountMinor: number;
    status: PayoutStatus;
    invoiceLabel: string | null;
  }[];
  skipped: { creatorId: string; creatorName: string; currency: string; amountMinor: number; code: string; reason: string }[];
}

export async function listPayoutRuns(shopId: string, options: { limit?: number } = {}): Promise<PayoutRunListRow[]> {
  const runs = await db().payoutRun.findMany({ where: { shopId }, orderBy: { createdAt: "desc" }, take: options.limit ?? 20 });
  return runs.map((run) => {
    const { from, to } = readRunSummary(run.summary);
    return {
      id: run.id,
      status: run.status,
      from,
      to,
      creatorId: run.creatorId,
      honourMinimum: run.honourMinimum,
      totalCreators: run.totalCreators,
      doneCreators: run.doneCreators,
      createdBy: run.createdBy,
      createdAt: run.createdAt,
    };
  });
}

export async function getPayoutRun(shopId: string, runId: string): Promise<PayoutRunView> {
  const run = await db().payoutRun.findFirst({ where: { id: runId, shopId } });
  if (!run) throw payoutRunNotFound(runId);
  const summary = readRunSummary(run.summary);
  const payouts = await db().$queryRaw<
    { payoutId: string; creatorName: string; currency: string; amountMinor: bigint; status: PayoutStatus; invoiceLabel: string | null }[]
  >(Prisma.sql`
    SELECT p."id" AS "payoutId", c."name" AS "creatorName", p."currency", p."status"::text AS "status", p."invoiceLabel",
      COALESCE(SUM(i."amountMinor"), 0)::bigint AS "amountMinor"
    FROM "Payout" p
    JOIN "Creator" c ON c."id" = p."creatorId"
    -- A canceled payout released its items; show what it had reserved.
    LEFT JOIN "PayoutItem" i ON i."payoutId" = p."id" AND (i."state" = 'active' OR (p."status" = 'canceled' AND i."state" = 'released'))
    WHERE p."shopId" = ${shopId} AND p."runId" = ${runId}
    GROUP BY p."id", c."name"
    ORDER BY c."name", p."currency"`);
  // The groups the job skipped, in plan order (their names and previewed amounts are the plan's).
  const skips = await db().payoutRunSkip.findMany({ where: { runId: run.id, shopId }, orderBy: { position: "asc" } });
  const skippedInRun = skips.map((skip) => {
    const group = summary.groups[skip.position];
    const planned = group?.creatorId === skip.creatorId && group.currency === skip.currency ? group : undefined;
    return { ...skip, creatorName: planned?.creatorName ?? skip.creatorId, amountMinor: planned?.amountMinor ?? 0 };
  });
  return {
    id: run.id,
    status: run.status,
    from: summary.from,
    to: summary.to,
    creatorId: run.creatorId,
    honourMinimum: run.honourMinimum,
    totalCreators: run.totalCreators,
    doneCreators: run.doneCreators,
    createdBy: run.createdBy,
    createdAt: run.createdAt,
    finishedAt: run.finishedAt,
    error: summary.error ?? null,
    rails: Object.entries(summary.rails ?? {}).map(([rail, result]) => ({ rail, label: railLabel(rail as PayoutChannel), ...result })),
    payouts: payouts.map((payout) => ({ ...payout, amountMinor: toMinorNumber(payout.amountMinor) })),
    skipped: [
      ...summary.excluded.map(({ creatorId, creatorName, currency, amountMinor, code, reason }) => ({
        creatorId,
        creatorName,
        currency,
        amountMinor,
        code,
        reason,
      })),
      ...skippedInRun.map(({ creatorId, creatorName, currency, amountMinor, code, reason }) => ({
        creatorId,
        creatorName,
        currency,
        amountMinor,
        code,
        reason,
      })),
    ],
  };
}

/** The form's creator choices: who can still be paid, by name (a shop with more uses "all creators"). */
export async function listRunCreatorOptions(shopId: string, limit = 500): Promise<{ id: string; name: string; status: string }[]> {
  return db().creator.findMany({
    // Invited creators earn (DOMAIN §3), so a run may pay them too.
    where: { shopId, status: { in: ["active", "invited", "paused"] } },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, name: true, status: true },
  });
}
