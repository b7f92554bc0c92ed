import { Prisma, type Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { parseMoney, type DisplayMinor } from "../domain/money";
import { toMinorNumber } from "../ledger/to-minor-number";
import { now } from "../lib/clock.server";
import { lifetimePeriod, readReport } from "../reports/read-report.server";
import { reportFigures } from "../reports/report-definitions";
import { reportShopOf } from "../reports/report-summaries.server";
import { campaignFormSchema } from "./campaign-form-schema";
import { withTransaction } from "../db/transaction.server";
import { fromDateColumn, toDateColumn, todayInTimeZone } from "../domain/calendar";

export interface CampaignRow {
  id: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  budgetMinor: number | null;
  currency: string | null;
  dealCount: number;
  /**
   * The campaign's creator cost in the shop currency, exactly as Reports and the campaign's ROI
   * card define it (REPORT_DEFINITIONS.cost, over the campaign's lifetime): commissions on orders
   * of its deals, fees and adjustments of its deals. One statement computes both, so they agree.
   */
  costMinor: DisplayMinor;
}

const day = (d: Date | null) => (d ? fromDateColumn(d) : null);

/** Each campaign's lifetime creator cost from the report statement, by campaign id. */
async function campaignCosts(shop: Shop): Promise<Map<string, DisplayMinor>> {
  const period = lifetimePeriod(todayInTimeZone(now(), shop.timezone));
  const report = await readReport(reportShopOf(shop), { period, groupBy: "campaign", sort: "name", direction: "asc" });
  return new Map(report.rows.map((row) => [row.key, reportFigures(row.sums).costMinor]));
}

/** The shop's campaigns with their creator cost (see CampaignRow.costMinor). */
export async function listCampaigns(shop: Shop): Promise<CampaignRow[]> {
  const [campaigns, costs] = await Promise.all([
    db().campaign.findMany({
      where: { shopId: shop.id },
      orderBy: [{ startsOn: { sort: "desc", nulls: "last" } }, { name: "asc" }],
      include: { _count: { select: { deals: true } } },
    }),
    campaignCosts(shop),
  ]);
  return campaigns.map((c) => ({
    id: c.id,
    name: c.name,
    startsOn: day(c.startsOn),
    endsOn: day(c.endsOn),
    budgetMinor: c.budgetMinor === null ? null : toMinorNumber(c.budgetMinor),
    currency: c.currency,
    dealCount: c._count.deals,
    costMinor: costs.get(c.id) ?? 0,
  }));
}

/**
 * The campaigns a new deal may join, newest first, as one JSON array of {id, name}: the one
 * definition of the list, read inside a page's statement (the deal page) or alone.
 */
export function campaignChoicesJsonSql(shopId: string): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT json_agg(json_build_object('id', c."id", 'name', c."name") ORDER BY c."createdAt" DESC)
    FROM "Campaign" c WHERE c."shopId" = ${shopId}), '[]'::json)`;
}

/** The campaigns a new deal may join, newest first. */
export async function listCampaignChoices(shopId: string): Promise<{ id: string; name: string }[]> {
  const [row] = await db().$queryRaw<{ choices: { id: string; name: string }[] }[]>(
    Prisma.sql`SELECT ${campaignChoicesJsonSql(shopId)} AS "choices"`,
  );
  return row!.choices;
}

export type SaveCampaignResult = { ok: true; campaignId: string } | { ok: false; fieldErrors: Record<string, string> };

export async function createCampaign(
  shopId: string,
  shopCurrency: string,
  form: Record<string, unknown>,
  actor: Actor,
): Promise<SaveCampaignResult> {
  const parsed = campaignFormSchema.safeParse(form);
  const fieldErrors: Record<string, string> = {};
  if (!parsed.success) for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= issue.message;
  let budgetMinor: number | null = null;
  const budgetInput = String(form.budget ?? "").trim();
  if (budgetInput) {
    try {
      budgetMinor = parseMoney(budgetInput, shopCurrency).amountMinor;
      if (budgetMinor <= 0) fieldErrors.budget = "A budget must be more than zero.";
    } catch (error) {
      fieldErrors.budget = isDomainError(error) ? error.message : "Enter an amount, e.g. 5000.00.";
    }
  }
  if (!parsed.success || Object.keys(fieldErrors).length) return { ok: false, fieldErrors };
  const input = parsed.data;
  const campaign = await withTransaction("short", async (tx) => {
    const created = await tx.campaign.create({
      data: {
        shopId,
        name: input.name,
        startsOn: input.startsOn ? toDateColumn(input.startsOn) : null,
        endsOn: input.endsOn ? toDateColumn(input.endsOn) : null,
        budgetMinor: budgetMinor === null ? null : BigInt(budgetMinor),
        currency: budgetMinor === null ? null : shopCurrency,
      },
    });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "campaign.created",
      subject: { type: "campaign", id: created.id },
      after: { name: input.name, startsOn: input.startsOn ?? null, endsOn: input.endsOn ?? null, budgetMinor },
    });
    return created;
  });
  return { ok: true, campaignId: campaign.id };
}

/** One campaign with its deals (creator, fees) and its cost, or null for another shop's id. */
export async function getCampaign(shop: Shop, campaignId: string) {
  const campaign = await db().campaign.findFirst({
    where: { id: campaignId, shopId: shop.id },
    include: {
      deals: {
        orderBy: { createdAt: "asc" },
        include: {
          creator: { select: { id: true, name: true, status: true } },
          fixedFees: {
            where: { status: { not: "canceled" } },
            select: { id: true, amountMinor: true, currency: true, comment: true, status: true },
          },
        },
      },
    },
  });
  if (!campaign) return null;
  const row = (await listCampaigns(shop)).find((c) => c.id === campaign.id)!;
  return {
    ...row,
    deals: campaign.deals.map((deal) => ({
      id: deal.id,
      title: deal.title,
      creator: deal.creator,
      fees: deal.fixedFees.map((fee) => ({ ...fee, amountMinor: toMinorNumber(fee.amountMinor) })),
    })),
  };
}
