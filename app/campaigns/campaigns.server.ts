import { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { commissionCostsSql } from "../commissions/commission-amounts.server";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { parseMoney, type DisplayMinor } from "../domain/money";
import { addDisplayMinor, toDisplayMinor, toMinorNumber } from "../ledger/to-minor-number";
import { campaignFormSchema } from "./campaign-form-schema";
import { withTransaction } from "../db/transaction.server";
import { fromDateColumn, toDateColumn } from "../domain/calendar";

export interface CampaignRow {
  id: string;
  name: string;
  startsOn: string | null;
  endsOn: string | null;
  budgetMinor: number | null;
  currency: string | null;
  dealCount: number;
  /** Fixed fees not canceled + commissions of orders credited through the campaign's deals (exact, however large). */
  costMinor: DisplayMinor;
}

const day = (d: Date | null) => (d ? fromDateColumn(d) : null);

/** Campaigns with their creator cost in the shop currency, computed in SQL. */
export async function listCampaigns(shopId: string, shopCurrency: string): Promise<CampaignRow[]> {
  const rows = await db().$queryRaw<
    {
      id: string;
      name: string;
      startsOn: Date | null;
      endsOn: Date | null;
      budgetMinor: bigint | null;
      currency: string | null;
      dealCount: number;
      feesMinor: bigint;
      commissionsMinor: bigint;
    }[]
  >(Prisma.sql`
    SELECT c."id", c."name", c."startsOn", c."endsOn", c."budgetMinor", c."currency",
      (SELECT COUNT(*)::int FROM "Deal" d WHERE d."campaignId" = c."id") AS "dealCount",
      COALESCE((SELECT SUM(f."amountMinor") FROM "FixedFee" f
        WHERE f."campaignId" = c."id" AND f."status" <> 'canceled' AND f."currency" = ${shopCurrency}), 0) AS "feesMinor",
      COALESCE((SELECT SUM(k."amountMinor") FROM (${commissionCostsSql(
        shopId,
        Prisma.sql`SELECT cm."id" FROM "Deal" d JOIN "AttributedOrder" o ON o."dealId" = d."id" JOIN "Commission" cm ON cm."orderId" = o."id"
          WHERE d."campaignId" = c."id" AND cm."currency" = ${shopCurrency}`,
      )}) k), 0) AS "commissionsMinor"
    FROM "Campaign" c WHERE c."shopId" = ${shopId}
    ORDER BY c."startsOn" DESC NULLS LAST, c."name"`);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    startsOn: day(r.startsOn),
    endsOn: day(r.endsOn),
    budgetMinor: r.budgetMinor === null ? null : toMinorNumber(r.budgetMinor),
    currency: r.currency,
    dealCount: r.dealCount,
    costMinor: addDisplayMinor(toDisplayMinor(r.feesMinor), toDisplayMinor(r.commissionsMinor)),
  }));
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
export async function getCampaign(shopId: string, campaignId: string, shopCurrency: string) {
  const campaign = await db().campaign.findFirst({
    where: { id: campaignId, shopId },
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
  const row = (await listCampaigns(shopId, shopCurrency)).find((c) => c.id === campaign.id)!;
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
