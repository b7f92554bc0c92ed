// How much of a period's creator cost has been paid: the active items of paid payouts whose
// payable item comes from that cost (a commission on an order of the period — or a clawback of
// one —, a fee added in the period and not canceled, an adjustment made in the period). The
// rest of the cost is owed (held, gated, payable or in a payout not yet paid). Set-based: it
// starts from the shop's paid payouts created since the period began (what the period's cost
// became payable in can only be created after it), never loading rows into JavaScript.
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { instantRange } from "../domain/calendar";
import { toDisplayMinor } from "../ledger/to-minor-number";
import type { CurrencyAmount, Period } from "./report-definitions";
import type { ReportShop } from "./read-report.server";

export interface CostPaidQuery {
  period: Period;
  campaignId?: string;
  creatorId?: string;
}

export async function readPeriodCostPaid(shop: ReportShop, query: CostPaidQuery): Promise<CurrencyAmount[]> {
  const { start, end } = instantRange(query.period, shop.timezone) as { start: Date; end: Date };
  const at = (date: Date) => Prisma.sql`${date.toISOString()}::timestamp(3)`;
  const inPeriod = (column: Prisma.Sql) => Prisma.sql`${column} >= ${at(start)} AND ${column} < ${at(end)}`;
  const campaign = query.campaignId ? Prisma.sql`AND COALESCE(f."campaignId", d."campaignId") = ${query.campaignId}` : Prisma.empty;
  const creator = query.creatorId ? Prisma.sql`AND p."creatorId" = ${query.creatorId}` : Prisma.empty;
  const rows = await db().$queryRaw<{ currency: string; paid: string }[]>(Prisma.sql`
    SELECT poi."currency", SUM(poi."amountMinor")::text AS "paid"
    FROM "Payout" p
    JOIN "PayoutItem" poi ON poi."payoutId" = p."id" AND poi."shopId" = p."shopId" AND poi."state" = 'active'
    JOIN "PayableItem" pa ON pa."id" = poi."payableItemId"
    LEFT JOIN "Clawback" cb ON cb."id" = pa."clawbackId"
    LEFT JOIN "CommissionCost" cc ON cc."commissionId" = COALESCE(pa."commissionId", cb."commissionId") AND cc."currency" = poi."currency"
    LEFT JOIN "FixedFee" f ON f."id" = pa."fixedFeeId"
    LEFT JOIN "Adjustment" a ON a."id" = pa."adjustmentId"
    LEFT JOIN "Deal" d ON d."id" = COALESCE(cc."dealId", f."dealId", a."dealId")
    WHERE p."shopId" = ${shop.id} AND p."status" = 'paid' AND p."createdAt" >= ${at(start)} ${creator}
      AND (
        (cc."commissionId" IS NOT NULL AND ${inPeriod(Prisma.sql`cc."orderedAt"`)})
        OR (f."id" IS NOT NULL AND f."status" <> 'canceled' AND ${inPeriod(Prisma.sql`f."createdAt"`)})
        OR (a."id" IS NOT NULL AND ${inPeriod(Prisma.sql`a."createdAt"`)})
      ) ${campaign}
    GROUP BY 1
    ORDER BY 1`);
  return rows.map((row) => ({ currency: row.currency, amountMinor: toDisplayMinor(row.paid) }));
}
