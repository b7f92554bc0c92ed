import { Prisma, type PayoutChannel, type PayoutMethod } from "@prisma/client";
import { defaultRailOf } from "../rails/default-rail";
import { db } from "../db.server";
import { toDisplayMinor, toMinorNumber } from "../ledger/to-minor-number";
import { matchOpenRequests } from "../domain/open-requests";
import { requestGroupKey, type OpenRequestRow } from "../payout-requests/satisfy-open-requests.server";
import { amountText } from "../payouts/payout-errors";
import { readPayoutHolds } from "../payouts/payout-holds.server";
import type { PayoutHold } from "../domain/payout-holds";
import { now } from "../lib/clock.server";
import { decideExclusion, runRowNote, type Exclusion } from "./decide-exclusion";
import { resolveMinimums, resolveRunRequest, type Client, type ResolvedRunRequest } from "./resolve-run-request.server";
import type { PayoutRunRequest } from "./run-form-schema";

export interface PreviewRow {
  creatorId: string;
  creatorName: string;
  currency: string;
  /** What the payout would be: available items up to the end of the range, net of every negative item. */
  amountMinor: number;
  itemCount: number;
  /** Of those, positive items left over from before the range (e.g. below the minimum last time). */
  earlierItemCount: number;
  excluded: Exclusion | null;
  /** The rail the run pays this creator on (their preferred rail while the shop enables it). */
  rail: PayoutChannel;
  /** Something the merchant should know about an included row ("no payout details: pay offline ..."). */
  note: string | null;
  /** The creator's open payout requests in this currency that this payout would satisfy (approve and link). */
  satisfiesRequests: { requestId: string; amountMinor: number; origin: string }[];
  /** Why the payout-hold door would hold the payout once created (the preview only; a run creates it and leaves it ready). */
  holds?: PayoutHold[];
}

export interface PreviewTotal {
  currency: string;
  payoutCount: number;
  amountMinor: number;
  excludedCount: number;
  /** Included payouts the payout-hold door would hold (created, but not paid until resolved); absent when none. */
  heldCount?: number;
}

export interface PayoutRunPreview {
  from: string;
  to: string;
  creatorId: string | null;
  honourMinimum: boolean;
  minimums: Record<string, number | null>;
  rows: PreviewRow[];
  totals: PreviewTotal[];
}

/** One creator's balance in one currency that a run might pay, with what the exclusion rules read. */
export interface RunCandidate {
  creatorId: string;
  currency: string;
  creatorName: string;
  creatorStatus: string;
  payoutMethod: string | null;
  payoutDetailsStatus: string;
  payoutsHeldUntil: Date | null;
  preferredRail: PayoutChannel | null;
  stripeAccountId: string | null;
  amountMinor: bigint | null;
  /** Every available item, whatever its date: the creator's payable balance. */
  payableMinor: bigint | null;
  itemCount: bigint;
  earlierItemCount: bigint;
  newAvailableItems: bigint;
}

/** The dry run: who a run would pay, how much, and why anyone is left out. Writes nothing. */
export async function previewPayoutRun(shopId: string, request: PayoutRunRequest, client: Client = db()): Promise<PayoutRunPreview> {
  return previewResolvedRun(client, await resolveRunRequest(client, shopId, request));
}

export async function previewResolvedRun(client: Client, run: ResolvedRunRequest): Promise<PayoutRunPreview> {
  const { minimums, rows } = await decideRunRows(client, run, await readRunBalances(client, run));
  // Asked of the same door that every payment asks: the preview says which payouts would wait, and why.
  const included = rows.filter((row) => !row.excluded && row.amountMinor > 0);
  const key = (row: PreviewRow) => `${row.creatorId}:${row.currency}`;
  const holds = included.length
    ? await readPayoutHolds(client, run.shop.id, {
        candidates: included.map((row) => ({
          key: key(row),
          creatorId: row.creatorId,
          currency: row.currency,
          amountMinor: row.amountMinor,
        })),
      })
    : new Map<string, PayoutHold[]>();
  const withHolds = rows.map((row) => (holds.has(key(row)) ? { ...row, holds: holds.get(key(row)) } : row));
  return {
    from: run.from,
    to: run.to,
    creatorId: run.creatorId,
    honourMinimum: run.honourMinimum,
    minimums,
    rows: withHolds,
    totals: totalsOf(withHolds),
  };
}

/**
 * Who of these balances a run pays and why the others are left out: the minimums, the exclusion
 * rules and the open requests a payout must not strand. Shared by the preview (balances from the
 * items) and the Payouts list's "Pay all due" card (balances from the ledger's kept rows).
 */
export async function decideRunRows(
  client: Client,
  run: ResolvedRunRequest,
  balances: RunCandidate[],
): Promise<{ minimums: Record<string, number | null>; rows: PreviewRow[] }> {
  const minimums = await resolveMinimums(client, run.shop, [...new Set(balances.map((row) => row.currency))]);
  const at = now();
  const openRequests = await readOpenRequests(client, run);
  const rows = balances.map((row): PreviewRow => {
    // Beyond the exact range only with rows written before the amount cap: excluded as over the
    // maximum below, so the nearest number is only ever shown, never paid.
    const exact = toDisplayMinor(row.amountMinor ?? 0n);
    const amountMinor = Number(exact);
    const rail = defaultRailOf(run.shop, { ...row, payoutMethod: row.payoutMethod as PayoutMethod | null });
    const candidate = {
      ...row,
      amountMinor,
      newAvailableItems: Number(row.newAvailableItems),
      rail,
      hasStripeAccount: row.stripeAccountId !== null,
    };
    let excluded = decideExclusion(candidate, {
      honourMinimum: run.honourMinimum,
      minimumMinor: minimums[row.currency] ?? null,
      at,
      timeZone: run.shop.timezone,
    });
    const open = openRequests.get(requestGroupKey(row.creatorId, row.currency)) ?? [];
    let satisfied: typeof open = [];
    if (!excluded && open.length > 0) {
      const match = matchOpenRequests({
        payoutMinor: amountMinor,
        payableMinor: Number(toDisplayMinor(row.payableMinor ?? 0n)),
        requests: open,
      });
      if (match.ok) satisfied = open.filter((request) => match.satisfied.some((s) => s.id === request.id));
      else excluded = openRequestExclusion(match.uncoveredMinor, row.currency);
    }
    return {
      creatorId: row.creatorId,
      creatorName: row.creatorName,
      currency: row.currency,
      amountMinor,
      itemCount: Number(row.itemCount),
      earlierItemCount: Number(row.earlierItemCount),
      excluded,
      rail,
      note: excluded ? null : runRowNote(candidate),
      satisfiesRequests: satisfied.map((request) => ({ requestId: request.id, amountMinor: request.amountMinor, origin: request.origin })),
    };
  });
  return { minimums, rows };
}

/**
 * ONE set-based statement, grouped by creator and currency. A balance belongs to the run when a
 * positive item became payable inside the range; its amount is exactly what createPayout takes
 * with `payableUntil` = end of range: available positive items up to then (older leftovers too)
 * plus every available negative item, whatever its date. Split parents and rejected items never
 * count; an item in an active payout item is not available.
 */
async function readRunBalances(client: Client, run: ResolvedRunRequest): Promise<RunCandidate[]> {
  const { payableFrom, payableTo } = run;
  // Milliseconds, as createPayout compares them in JavaScript.
  const since = Prisma.sql`date_trunc('milliseconds', s."payableSince")`;
  const available = Prisma.sql`NOT s."reserved" AND (s."amountMinor" <= 0 OR ${since} <= ${payableTo})`;
  const inRange = Prisma.sql`s."amountMinor" > 0 AND ${since} >= ${payableFrom} AND ${since} <= ${payableTo}`;
  return client.$queryRaw<RunCandidate[]>(Prisma.sql`
    WITH scope AS (
      -- A join, not EXISTS in the select list: the inlined CTE re-ran that subquery for each of the
      -- five FILTERs that read "reserved" (a key probe each per item). One active payout item per
      -- payable item at most (PayoutItem_one_active_payout_per_payable_item), so no row doubles.
      SELECT p."creatorId", p."currency", p."amountMinor", p."payableSince", (i."id" IS NOT NULL) AS "reserved"
      FROM "PayableItem" p
      LEFT JOIN "PayoutItem" i ON i."payableItemId" = p."id" AND i."state" = 'active'
      WHERE p."shopId" = ${run.shop.id} AND p."splitAt" IS NULL AND p."rejectedAt" IS NULL
        AND (${run.creatorId}::text IS NULL OR p."creatorId" = ${run.creatorId})
    ), sums AS (
      -- Summed per creator and currency first, then joined to "Creator": grouping by the creator's
      -- columns sorted every item by name (an external merge sort of 1M rows in the payout-run
      -- benchmark) where hashing 10,000 groups does.
      SELECT s."creatorId", s."currency",
        SUM(s."amountMinor") FILTER (WHERE ${available})::bigint AS "amountMinor",
        SUM(s."amountMinor") FILTER (WHERE NOT s."reserved")::bigint AS "payableMinor",
        COUNT(*) FILTER (WHERE ${available}) AS "itemCount",
        COUNT(*) FILTER (WHERE ${available} AND s."amountMinor" > 0 AND ${since} < ${payableFrom}) AS "earlierItemCount",
        COUNT(*) FILTER (WHERE NOT s."reserved" AND ${inRange}) AS "newAvailableItems"
      FROM scope s
      GROUP BY s."creatorId", s."currency"
      HAVING COUNT(*) FILTER (WHERE ${inRange}) > 0
    )
    SELECT s."creatorId", s."currency", c."name" AS "creatorName", c."status"::text AS "creatorStatus",
      c."payoutMethod"::text AS "payoutMethod", c."payoutDetailsStatus"::text AS "payoutDetailsStatus", c."payoutsHeldUntil",
      c."preferredRail", c."stripeAccountId",
      s."amountMinor", s."payableMinor", s."itemCount", s."earlierItemCount", s."newAvailableItems"
    FROM sums s JOIN "Creator" c ON c."id" = s."creatorId"
    ORDER BY c."name", s."creatorId", s."currency"`);
}

/** The open payout requests in the run's scope, oldest first, by creator and currency. */
async function readOpenRequests(client: Client, run: ResolvedRunRequest): Promise<Map<string, OpenRequestRow[]>> {
  const requests = await client.payoutRequest.findMany({
    where: { shopId: run.shop.id, status: "requested", ...(run.creatorId ? { creatorId: run.creatorId } : {}) },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, creatorId: true, currency: true, amountMinor: true, createdAt: true, origin: true },
  });
  const byGroup = new Map<string, OpenRequestRow[]>();
  for (const request of requests) {
    const key = requestGroupKey(request.creatorId, request.currency);
    byGroup.set(key, [
      ...(byGroup.get(key) ?? []),
      { id: request.id, amountMinor: toMinorNumber(request.amountMinor), createdAt: request.createdAt, origin: request.origin },
    ]);
  }
  return byGroup;
}

/** A run leaves a balance alone rather than strand an open request it does not cover (app/domain/open-requests.ts). */
function openRequestExclusion(uncoveredMinor: number, currency: string): Exclusion {
  return {
    code: "open_request",
    reason: `an open payout request for ${amountText(uncoveredMinor, currency)} asks for more than this payout would leave payable: approve or reject it first`,
  };
}

function totalsOf(rows: PreviewRow[]): PreviewTotal[] {
  const totals = new Map<string, PreviewTotal>();
  for (const row of rows) {
    const total = totals.get(row.currency) ?? { currency: row.currency, payoutCount: 0, amountMinor: 0, excludedCount: 0 };
    if (row.excluded) total.excludedCount += 1;
    else {
      total.payoutCount += 1;
      total.amountMinor += row.amountMinor;
      if (row.holds?.length) total.heldCount = (total.heldCount ?? 0) + 1;
    }
    totals.set(row.currency, total);
  }
  return [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}
