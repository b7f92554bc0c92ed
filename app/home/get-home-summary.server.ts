import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { startOfMonthInTimeZone } from "../domain/calendar";
import { now } from "../lib/clock.server";
import { CREATOR_LEDGER_ACCOUNTS } from "../domain/ledger";
import { readBalances, readShopMovementsSince, readShopTotals } from "../ledger/read-balances.server";
import type { DisplayMinor } from "../domain/money";
import { toDisplayMinor } from "../ledger/to-minor-number";

export interface CurrencyFigures {
  currency: string;
  // Exact sums, however large (a bigint past 2^53): see toDisplayMinor.
  heldMinor: DisplayMinor;
  gatedMinor: DisplayMinor;
  payableMinor: DisplayMinor;
  inPayoutMinor: DisplayMinor;
  requestedMinor: DisplayMinor;
  paidThisMonthMinor: DisplayMinor;
}

export interface HomeAlert {
  id: "payout_details_missing" | "failed_payouts" | "reversed_payouts" | "requests_waiting";
  tone: "critical" | "warning" | "info";
  title: string;
  body: string;
  url: string;
}

export interface HomeSummary {
  figures: CurrencyFigures[];
  alerts: HomeAlert[];
  creatorCount: number;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

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
  const [totals, requested, paidThisMonth, failedPayouts, missingDetails, creatorCount, reversedPayouts] = await Promise.all([
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
      accounts: ["paid_stripe", "paid_offline"],
      since: startOfMonthInTimeZone(at, shop.timezone),
    }),
    client.payout.count({ where: { shopId: shop.id, status: "failed" } }),
    creatorsOwedWithoutDetails(shop.id),
    client.creator.count({ where: { shopId: shop.id, status: { not: "archived" } } }),
    // Stripe reversed these transfers lately: the money is payable again (app/stripe/reverse-stripe-payout.server.ts).
    client.payout.count({
      where: { shopId: shop.id, status: "reversed", updatedAt: { gte: new Date(at.getTime() - 30 * 24 * 3600 * 1000) } },
    }),
  ]);

  const byCurrency = new Map<string, CurrencyFigures>();
  const figuresFor = (currency: string) => {
    let figures = byCurrency.get(currency);
    if (!figures) {
      figures = { currency, heldMinor: 0, gatedMinor: 0, payableMinor: 0, inPayoutMinor: 0, requestedMinor: 0, paidThisMonthMinor: 0 };
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

  const alerts: HomeAlert[] = [];
  const missingCount = missingDetails.length;
  if (missingCount > 0) {
    alerts.push({
      id: "payout_details_missing",
      tone: "warning",
      title: "Payout details missing",
      body: `${plural(missingCount, "creator has", "creators have")} money to receive but no complete payout details.`,
      url: "/app/creators?details=missing",
    });
  }
  if (failedPayouts > 0) {
    alerts.push({
      id: "failed_payouts",
      tone: "critical",
      title: "Failed payouts",
      body: `${plural(failedPayouts, "payout has", "payouts have")} failed and need a retry or a cancel.`,
      url: "/app/payouts?status=failed",
    });
  }
  if (reversedPayouts > 0) {
    alerts.push({
      id: "reversed_payouts",
      tone: "critical",
      title: "Stripe transfers reversed",
      body: `${plural(reversedPayouts, "Stripe transfer was", "Stripe transfers were")} reversed in the last 30 days: that money is payable to the creator again.`,
      url: "/app/payouts?status=reversed",
    });
  }
  const waitingRequests = requested.reduce((sum, row) => sum + row._count, 0);
  if (waitingRequests > 0) {
    alerts.push({
      id: "requests_waiting",
      tone: "info",
      title: "Payout requests waiting",
      body: `${plural(waitingRequests, "payout request waits", "payout requests wait")} for a decision.`,
      url: "/app/payouts/requests",
    });
  }
  // The shop currency first, then the others alphabetically; never summed across currencies.
  const figures = [...byCurrency.values()].sort((a, b) =>
    a.currency === shop.currency ? -1 : b.currency === shop.currency ? 1 : a.currency.localeCompare(b.currency),
  );
  return { figures, alerts, creatorCount };
}
