import { Prisma, type Shop } from "@prisma/client";
import { db } from "../db.server";
import { startOfMonthInTimeZone } from "../domain/calendar";
import { now } from "../lib/clock.server";
import { CREATOR_LEDGER_ACCOUNTS, PAYOUT_CHANNELS, paidAccountOf } from "../domain/ledger";
import { readBalances, readShopMovementsSince, readShopTotals } from "../ledger/read-balances.server";
import type { DisplayMinor } from "../domain/money";
import { toDisplayMinor } from "../ledger/to-minor-number";
import { homeAlerts, type HomeAlert } from "./home-alerts";

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
  const incomplete = await db().creator.findMany({ where: { shopId, payoutDetailsStatus: { not: "complete" } }, select: { id: true } });
  if (incomplete.length === 0) return [];
  const payable = await readBalances({ shopId, creatorId: incomplete.map((creator) => creator.id), accounts: ["payable"] });
  const owed = new Map<string, bigint>();
  for (const row of payable) owed.set(row.creatorId!, (owed.get(row.creatorId!) ?? 0n) + row.balanceMinor);
  return [...owed].filter(([, total]) => total > 0n).map(([id]) => id);
}

/** Home: what is owed, requested and paid this month per currency, and what needs attention. */
export async function getHomeSummary(shop: Shop): Promise<HomeSummary> {
  const client = db();
  const at = now();
  const [totals, requested, paidThisMonth, failedPayouts, missingDetails, creatorCount, reversedPayouts, dueOrFailed] = await Promise.all([
    // Kept balances (one row per creator account), not a sum over every entry of the shop.
    readShopTotals(shop.id, CREATOR_LEDGER_ACCOUNTS),
    client.payoutRequest.groupBy({
      by: ["currency"],
      where: { shopId: shop.id, status: "requested" },
      _sum: { amountMinor: true },
      _count: true,
    }),
    readShopMovementsSince({
      shopId: shop.id,
      accounts: PAYOUT_CHANNELS.map(paidAccountOf),
      since: startOfMonthInTimeZone(at, shop.timezone),
    }),
    client.payout.count({ where: { shopId: shop.id, status: "failed" } }),
    creatorsOwedWithoutDetails(shop.id),
    client.creator.count({ where: { shopId: shop.id, status: { not: "archived" } } }),
    // Stripe reversed these transfers lately: the money is payable again (app/stripe/reverse-stripe-payout.server.ts).
    client.payout.count({
      where: { shopId: shop.id, status: "reversed", updatedAt: { gte: new Date(at.getTime() - 30 * 24 * 3600 * 1000) } },
    }),
    // A payout's amount is the sum of its active items.
    client.$queryRaw<{ currency: string; status: "ready" | "failed"; total: bigint }[]>(Prisma.sql`
      SELECT p."currency", p."status"::text AS status, SUM(i."amountMinor") AS total
      FROM "Payout" p JOIN "PayoutItem" i ON i."payoutId" = p."id" AND i."state" = 'active'
      WHERE p."shopId" = ${shop.id} AND p."status" IN ('ready', 'failed')
      GROUP BY p."currency", p."status"`),
  ]);

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
  for (const row of requested) figuresFor(row.currency).requestedMinor = toDisplayMinor(row._sum.amountMinor);
  for (const row of paidThisMonth) figuresFor(row.currency).paidThisMonthMinor = row.amountMinor;
  for (const row of dueOrFailed) {
    const figures = figuresFor(row.currency);
    if (row.status === "ready") figures.dueNowMinor = toDisplayMinor(row.total);
    else figures.failedMinor = toDisplayMinor(row.total);
  }

  const alerts = homeAlerts({
    creatorsMissingDetails: missingDetails.length,
    failedPayouts,
    reversedPayouts,
    waitingRequests: requested.reduce((sum, row) => sum + row._count, 0),
  });
  // The shop currency first, then the others alphabetically; never summed across currencies.
  const figures = [...byCurrency.values()].sort((a, b) =>
    a.currency === shop.currency ? -1 : b.currency === shop.currency ? 1 : a.currency.localeCompare(b.currency),
  );
  return { figures, alerts, creatorCount };
}
