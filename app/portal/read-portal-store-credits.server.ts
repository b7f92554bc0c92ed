// The creator's store credit payouts for the portal (issue 15, item 2): what each credited (the
// stored request of its newest attempt, bonus included), the shop's bonus on it, when, and where
// it stands. Payouts not yet claimed on store credit are not store credit yet and are not listed.
// Read inside the portal's one page statement (issue 16 §4): `portalStoreCreditsSql` is its part,
// `toPortalStoreCredits` turns the rows into the view.
import { Prisma, type PayoutStatus } from "@prisma/client";
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

/** One row of `portalStoreCreditsSql` (timestamps as zone-less UTC text, as JSON gives them). */
export interface PortalStoreCreditRow {
  id: string;
  status: PayoutStatus;
  paidAt: string | null;
  processedAt: string | null;
  createdAt: string;
  /** The newest store credit attempt's stored `creditInput.creditAmount` (only that part of its params). */
  creditAmount: { amount?: unknown; currencyCode?: unknown } | null;
  /** The payout's active items summed (text: a bigint sum), null when it has none. */
  activeMinor: string | null;
}

/** The rows as a JSON array: the newest 20 store credit payouts of the creator, drafts left out. */
export function portalStoreCreditsSql(shopId: string, creatorId: string): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(json_agg(json_build_object('id', x."id", 'status', x.status, 'paidAt', x."paidAt",
      'processedAt', x."processedAt", 'createdAt', x."createdAt", 'creditAmount', x."creditAmount", 'activeMinor', x."activeMinor")
      ORDER BY x."createdAt" DESC, x."id" DESC), '[]'::json)
    FROM (
      SELECT p."id", p."status"::text AS status, p."paidAt", p."processedAt", p."createdAt",
        (SELECT a."params" -> 'creditInput' -> 'creditAmount' FROM "PayoutAttempt" a
          WHERE a."payoutId" = p."id" AND a."rail" = 'store_credit' ORDER BY a."attempt" DESC LIMIT 1) AS "creditAmount",
        (SELECT SUM(i."amountMinor") FROM "PayoutItem" i
          WHERE i."payoutId" = p."id" AND i."shopId" = p."shopId" AND i."state" = 'active')::text AS "activeMinor"
      FROM "Payout" p
      WHERE p."shopId" = ${shopId} AND p."creatorId" = ${creatorId} AND p."channel" = 'store_credit' AND p."status" <> 'draft'
      ORDER BY p."createdAt" DESC, p."id" DESC
      LIMIT 20
    ) x)`;
}

const utc = (value: string) => new Date(/[zZ]|[+-]\d\d:\d\d$/.test(value) ? value : `${value}Z`);

export function toPortalStoreCredits(rows: readonly PortalStoreCreditRow[]): PortalStoreCredit[] {
  return rows.flatMap((payout) => {
    const credit = payout.creditAmount;
    if (!credit?.amount || !credit.currencyCode || payout.status === "draft") return [];
    const currency = credit.currencyCode as string;
    const creditedMinor = parseDecimalString(credit.amount as string, currency).amountMinor;
    const activeMinor = payout.activeMinor === null ? creditedMinor : toMinorNumber(payout.activeMinor);
    return [
      {
        payoutId: payout.id,
        status: payout.status,
        currency,
        creditedMinor,
        bonusMinor: Math.max(0, creditedMinor - activeMinor),
        at: utc(payout.paidAt ?? payout.processedAt ?? payout.createdAt),
      },
    ];
  });
}
