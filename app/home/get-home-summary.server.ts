import { Prisma, type Shop } from "@prisma/client";
import { db } from "../db.server";
import { startOfMonthInTimeZone } from "../domain/calendar";
import { now } from "../lib/clock.server";
import { CREATOR_LEDGER_ACCOUNTS, PAYOUT_CHANNELS, paidAccountOf } from "../domain/ledger";
import { countPositiveCreatorAccounts, readBalances, readShopMovementsSince, readShopTotals } from "../ledger/read-balances.server";
import type { DisplayMinor } from "../domain/money";
import { toDisplayMinor } from "../ledger/to-minor-number";
import { countPayoutHolds } from "../domain/payout-holds";
import { readPayoutHolds } from "../payouts/payout-holds.server";
import { homeAlerts, type HomeAlert } from "./home-alerts";
import { CREATOR_STATUSES } from "../domain/status/creator-status";

export type { HomeAlert };

export interface CurrencyFigures {
  currency: string;
  // Exact sums, however large (a bigint past 2^53): see toDisplayMinor.
  heldMinor: DisplayMinor;
  gatedMinor: DisplayMinor;
  payableMinor: DisplayMinor;
  inPayoutMinor: DisplayMinor;
  requestedMinor: DisplayMinor;
  /** Ready payouts: approved and waiting to be paid. */
  dueNowMinor: DisplayMinor;
  /** Failed payouts waiting for a retry, another way to pay, or a cancel. */
  failedMinor: DisplayMinor;
  paidThisMonthMinor: DisplayMinor;
}

export interface HomeSummary {
  figures: CurrencyFigures[];
  alerts: HomeAlert[];
  creatorCount: number;
}

/** Creators whose payable balance (summed over currencies, as ever) is positive and whose payout details are not complete. */
async function creatorsOwedWithoutDetails(shopId: string): Promise<string[]> {
  // Nobody owed anything (e.g. right after a run): no creator need be read.
  if ((await countPositiveCreatorAccounts(shopId, "payable")) === 0) return [];
  const incomplete = await db().creator.findMany({ where: { shopId, payoutDetailsStatus: { not: "complete" } }, select: { id: true } });
  if (incomplete.length === 0) return [];
  const payable = await readBalances({ shopId, creatorId: incomplete.map((creator) => creator.id), accounts: ["payable"] });
  const owed = new Map<string, bigint>();
  for (const row of payable) owed.set(row.creatorId!, (owed.get(row.creatorId!) ?? 0n) + row.balanceMinor);
  return [...owed].filter(([, total]) => total > 0n).map(([id]) => id);
}

/** Payouts whose items still sit in the creator's in_payout account (DOMAIN §4): reserved, not yet paid or canceled. */
const OPEN_STATUSES = ["draft", "pending_review", "ready", "processing", "failed"] as const;

/**
 * Every creator status but archived, named rather than `<> 'archived'`: the planner then counts
 * on the (shop, status, name) index alone instead of reading every creator row (a shop of 10,000
 * creators: 4.6 → 2.5 ms).
 */
const NOT_ARCHIVED = CREATOR_STATUSES.filter((status) => status !== "archived");

/**
 * Ready and failed payouts' totals by currency. A payout's amount is the sum of its active items,
 * so summing every ready payout reads every item of them (a run of 10,000 creators × 100 items
 * leaves a million): when the ready payouts outnumber the other open ones, ready is computed as
 * the kept in_payout balance (which equals the open payouts' active items) minus the other open
 * payouts' items, reading the smaller side only.
 */
async function readDueAndFailed(shopId: string, openByStatus: ReadonlyMap<string, number>) {
  const client = db();
  const count = (status: string) => openByStatus.get(status) ?? 0;
  const ready = count("ready");
  const others = OPEN_STATUSES.filter((status) => status !== "ready").reduce((sum, status) => sum + count(status), 0);
  const sumItems = async (statuses: readonly string[]) => {
    if (statuses.every((status) => count(status) === 0)) return [];
    return client.$queryRaw<{ currency: string; total: bigint }[]>(Prisma.sql`
      SELECT p."currency", SUM(i."amountMinor")::bigint AS total
      FROM "Payout" p JOIN "PayoutItem" i ON i."shopId" = p."shopId" AND i."payoutId" = p."id" AND i."state" = 'active'
      WHERE p."shopId" = ${shopId} AND p."status" = ANY(${[...statuses]}::"PayoutStatus"[])
      GROUP BY p."currency"`);
  };
  const failed = await sumItems(["failed"]);
  const failedCount = count("failed");
  if (ready <= others) return { readyFrom: "items" as const, ready: await sumItems(["ready"]), failed, failedCount, others: [] };
  return {
    readyFrom: "in_payout" as const,
    failedCount,
    ready: [],
    failed,
    others: await sumItems(OPEN_STATUSES.filter((status) => status !== "ready")),
  };
}

/**
 * Home's counts in ONE statement (each a Prisma call, compiled per request, before): creators not
 * archived, payouts Stripe reversed since an instant, open payouts by status, and the waiting
 * payout requests' totals by currency.
 */
async function readHomeCounts(shopId: string, reversedSince: Date) {
  const [row] = await db().$queryRaw<
    {
      creators: number;
      reversed: number;
      openByStatus: Record<string, number>;
      requested: { currency: string; total: string; count: number }[];
    }[]
  >(Prisma.sql`
    SELECT
      (SELECT COUNT(*)::int FROM "Creator" WHERE "shopId" = ${shopId} AND "status" = ANY(${NOT_ARCHIVED}::"CreatorStatus"[])) AS creators,
      (SELECT COUNT(*)::int FROM "Payout" WHERE "shopId" = ${shopId} AND "status" = 'reversed'
         AND "updatedAt" >= ${reversedSince.toISOString()}::timestamp(3)) AS reversed,
      (SELECT COALESCE(json_object_agg(s."status", s."count"), '{}'::json) FROM (
         -- Grouped by the enum, in the (shop, status, createdAt) index's order: no text per payout.
         SELECT "status", COUNT(*)::int AS "count" FROM "Payout"
         WHERE "shopId" = ${shopId} AND "status" = ANY(${[...OPEN_STATUSES]}::"PayoutStatus"[]) GROUP BY "status") s) AS "openByStatus",
      -- Totals as text: exact past 2^53 (json numbers are not).
      (SELECT COALESCE(json_agg(r ORDER BY r."currency"), '[]'::json) FROM (
         SELECT "currency", SUM("amountMinor")::text AS "total", COUNT(*)::int AS "count" FROM "PayoutRequest"
         WHERE "shopId" = ${shopId} AND "status" = 'requested' GROUP BY 1) r) AS "requested"`);
  return {
    creatorCount: row.creators,
    reversedPayouts: row.reversed,
    openByStatus: new Map(Object.entries(row.openByStatus)),
    requested: row.requested.map((request) => ({ currency: request.currency, totalMinor: BigInt(request.total), count: request.count })),
  };
}

/**
 * Commissions a risk rule flagged that wait for review (held, `riskReview` pending), in ONE
 * statement reached through the creators that have flags (RiskFlag's (shopId, creatorId) index: a
 * shop has few) and Commission's (shopId, creatorId, status) index: scanning the shop's held
 * commissions for the review state would read every commission in the hold. Only a risk flag makes
 * a commission pending, its own or its creator's velocity spike of the day (day-velocity-flag.ts).
 */
async function countRiskReviewsWaiting(shopId: string): Promise<number> {
  const [row] = await db().$queryRaw<{ waiting: bigint }[]>(Prisma.sql`
    SELECT COUNT(*)::bigint AS waiting
      FROM "Commission" c
     WHERE c."shopId" = ${shopId} AND c."status" = 'held' AND c."riskReview" = 'pending'
       AND c."creatorId" IN (SELECT DISTINCT f."creatorId" FROM "RiskFlag" f WHERE f."shopId" = ${shopId})`);
  return Number(row?.waiting ?? 0n);
}

const onlyHoldCode = (codes: string[]) => (codes.length > 0 && codes.every((code) => code === codes[0]) ? codes[0] : null);

/** Home: what is owed, requested and paid this month per currency, and what needs attention. */
export async function getHomeSummary(shop: Shop): Promise<HomeSummary> {
  const client = db();
  const at = now();
  const countsThenDue = async () => {
    // Stripe reversed these transfers lately: the money is payable again (app/stripe/reverse-stripe-payout.server.ts).
    const counts = await readHomeCounts(shop.id, new Date(at.getTime() - 30 * 24 * 3600 * 1000));
    return { counts, dueOrFailed: await readDueAndFailed(shop.id, counts.openByStatus) };
  };
  const [totals, paidThisMonth, missingDetails, { counts, dueOrFailed }, held, riskReviews] = await Promise.all([
    // Kept shop totals (a few rows), not a sum over every creator account or entry of the shop.
    readShopTotals(shop.id, CREATOR_LEDGER_ACCOUNTS),
    readShopMovementsSince({
      shopId: shop.id,
      accounts: PAYOUT_CHANNELS.map(paidAccountOf),
      since: startOfMonthInTimeZone(at, shop.timezone),
    }),
    creatorsOwedWithoutDetails(shop.id),
    countsThenDue(),
    // Open payouts the payout-hold door holds (a missing W-9…), with their reasons.
    readPayoutHolds(client, shop.id, { open: true }),
    countRiskReviewsWaiting(shop.id),
  ]);
  const { creatorCount, reversedPayouts, requested } = counts;

  const byCurrency = new Map<string, CurrencyFigures>();
  const figuresFor = (currency: string) => {
    let figures = byCurrency.get(currency);
    if (!figures) {
      figures = {
        currency,
        heldMinor: 0,
        gatedMinor: 0,
        payableMinor: 0,
        inPayoutMinor: 0,
        requestedMinor: 0,
        dueNowMinor: 0,
        failedMinor: 0,
        paidThisMonthMinor: 0,
      };
      byCurrency.set(currency, figures);
    }
    return figures;
  };
  figuresFor(shop.currency);
  for (const total of totals) {
    const figures = figuresFor(total.currency);
    if (total.account === "held") figures.heldMinor = total.amountMinor;
    if (total.account === "gated") figures.gatedMinor = total.amountMinor;
    if (total.account === "payable") figures.payableMinor = total.amountMinor;
    if (total.account === "in_payout") figures.inPayoutMinor = total.amountMinor;
  }
  for (const row of requested) figuresFor(row.currency).requestedMinor = toDisplayMinor(row.totalMinor);
  for (const row of paidThisMonth) figuresFor(row.currency).paidThisMonthMinor = row.amountMinor;
  for (const row of dueOrFailed.failed) figuresFor(row.currency).failedMinor = toDisplayMinor(row.total);
  const inPayout = new Map(totals.filter((total) => total.account === "in_payout").map((total) => [total.currency, total.amountMinor]));
  if (dueOrFailed.readyFrom === "items") {
    for (const row of dueOrFailed.ready) figuresFor(row.currency).dueNowMinor = toDisplayMinor(row.total);
  } else {
    // Ready = everything reserved (kept in_payout) minus what the other open payouts hold.
    const others = new Map(dueOrFailed.others.map((row) => [row.currency, row.total]));
    for (const [currency, reserved] of inPayout) {
      figuresFor(currency).dueNowMinor = toDisplayMinor(BigInt(reserved) - (others.get(currency) ?? 0n));
    }
  }

  const alerts = homeAlerts({
    creatorsMissingDetails: missingDetails.length,
    // Counted with the other open payouts (readDueAndFailed), not by a statement of its own.
    failedPayouts: dueOrFailed.failedCount,
    reversedPayouts,
    waitingRequests: requested.reduce((sum, row) => sum + row.count, 0),
    heldPayouts: held.size,
    heldByReason: countPayoutHolds([...held.values()].map((holds) => holds.map((hold) => hold.code))),
    onlyHoldCode: onlyHoldCode([...held.values()].flat().map((hold) => hold.code)),
    riskReviewsWaiting: riskReviews,
    awaitingSecondApproval: [...held.values()].filter((holds) => holds.some((hold) => hold.code === "awaits_second_approval")).length,
  });
  // The shop currency first, then the others alphabetically; never summed across currencies.
  const figures = [...byCurrency.values()].sort((a, b) =>
    a.currency === shop.currency ? -1 : b.currency === shop.currency ? 1 : a.currency.localeCompare(b.currency),
  );
  return { figures, alerts, creatorCount };
}
