// The creator's store credit payouts for the portal (issue 15, item 2): what each credited (the
// stored request of its newest attempt, bonus included), the shop's bonus on it, when, and where
// it stands. Payouts not yet claimed on store credit are not store credit yet and are not listed.
import type { PayoutStatus } from "@prisma/client";
import { db } from "../db.server";
import { parseDecimalString } from "../domain/money";
import { toMinorNumber } from "../ledger/to-minor-number";

export interface PortalStoreCredit {
  payoutId: string;
  status: Exclude<PayoutStatus, "draft">;
  currency: string;
  creditedMinor: number;
  bonusMinor: number;
  /** Paid: when Shopify confirmed it; else when it was sent. */
  at: Date;
}

interface StoredCredit {
  creditInput?: { creditAmount?: { amount?: string; currencyCode?: string } };
}

export async function readPortalStoreCredits(shopId: string, creatorId: string): Promise<PortalStoreCredit[]> {
  const payouts = await db().payout.findMany({
    where: { shopId, creatorId, channel: "store_credit", status: { not: "draft" } },
    select: {
      id: true,
      status: true,
      currency: true,
      paidAt: true,
      processedAt: true,
      createdAt: true,
      attempts: { where: { rail: "store_credit" }, orderBy: { attempt: "desc" }, take: 1, select: { params: true } },
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: 20,
  });
  if (payouts.length === 0) return [];
  const totals = await db().payoutItem.groupBy({
    by: ["payoutId"],
    where: { shopId, payoutId: { in: payouts.map((p) => p.id) }, state: "active" },
    _sum: { amountMinor: true },
  });
  const amountOf = new Map(totals.map((row) => [row.payoutId, toMinorNumber(row._sum.amountMinor)]));
  return payouts.flatMap((payout) => {
    const credit = (payout.attempts[0]?.params as StoredCredit | undefined)?.creditInput?.creditAmount;
    if (!credit?.amount || !credit.currencyCode || payout.status === "draft") return [];
    const creditedMinor = parseDecimalString(credit.amount, credit.currencyCode).amountMinor;
    return [
      {
        payoutId: payout.id,
        status: payout.status,
        currency: credit.currencyCode,
        creditedMinor,
        bonusMinor: Math.max(0, creditedMinor - (amountOf.get(payout.id) ?? creditedMinor)),
        at: payout.paidAt ?? payout.processedAt ?? payout.createdAt,
      },
    ];
  });
}
