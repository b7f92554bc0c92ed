// Which plan a creator's next order earns by, and why: the same choice resolvePlan makes when an
// order arrives (app/commissions/resolve-plan.server.ts: the newest deal with a plan of its own,
// else the creator's plan, else the shop default), read for the deal page.
import { Prisma, type CommissionKind } from "@prisma/client";
import { db } from "../db.server";
import { toMinorNumber } from "../ledger/to-minor-number";
import { describePlanTerms } from "./describe-plan";

export type PlanSource = "deal" | "creator" | "shop_default" | "none";

export interface PlanInEffect {
  source: PlanSource;
  planId: string | null;
  planName: string | null;
  terms: string | null;
  /** The deal whose plan applies (source "deal"). */
  dealId: string | null;
  dealTitle: string | null;
}

interface PlanRow {
  id: string;
  name: string;
  kind: CommissionKind;
  rateBasisPoints: number | null;
  /** Text: a JSON number would round a bigint before toMinorNumber could refuse it. */
  flatAmountMinor: string | null;
  flatCurrency: string | null;
}

const planJson = (alias: string) =>
  Prisma.raw(`json_build_object('id', ${alias}."id", 'name', ${alias}."name", 'kind', ${alias}."kind",
    'rateBasisPoints', ${alias}."rateBasisPoints", 'flatAmountMinor', ${alias}."flatAmountMinor"::text, 'flatCurrency', ${alias}."flatCurrency")`);

/** The three candidates as they leave the statement. */
export interface PlanCandidatesJson {
  deal: { id: string; title: string; commissionPlan: PlanRow } | null;
  creatorPlan: PlanRow | null;
  shopDefault: PlanRow | null;
}

/**
 * The three candidates as one JSON value (a scalar expression), for a page that reads everything
 * in one statement (the deal page); toPlanInEffect chooses. The shop default is the shop row's.
 */
export function planCandidatesJsonSql(shopId: string, creatorId: string): Prisma.Sql {
  return Prisma.sql`json_build_object(
    'deal', (SELECT json_build_object('id', d."id", 'title', d."title", 'commissionPlan', ${planJson("p")})
      FROM "Deal" d JOIN "CommissionPlan" p ON p."id" = d."commissionPlanId"
      WHERE d."shopId" = ${shopId} AND d."creatorId" = ${creatorId} AND d."commissionPlanId" IS NOT NULL
      ORDER BY d."createdAt" DESC LIMIT 1),
    'creatorPlan', (SELECT ${planJson("p")} FROM "Creator" c JOIN "CommissionPlan" p ON p."id" = c."commissionPlanId"
      WHERE c."id" = ${creatorId} AND c."shopId" = ${shopId}),
    'shopDefault', (SELECT ${planJson("p")} FROM "Shop" s JOIN "CommissionPlan" p ON p."id" = s."defaultPlanId"
      WHERE s."id" = ${shopId}))`;
}

export async function readPlanInEffect(shop: { id: string }, creatorId: string): Promise<PlanInEffect> {
  // The three candidates in one statement (as Prisma model queries with their relations they were five).
  const [row] = await db().$queryRaw<{ candidates: PlanCandidatesJson }[]>(
    Prisma.sql`SELECT ${planCandidatesJsonSql(shop.id, creatorId)} AS "candidates"`,
  );
  return toPlanInEffect(row.candidates);
}

/** The plan the next order earns by: the newest deal's own plan, else the creator's, else the shop default. */
export function toPlanInEffect({ deal, creatorPlan, shopDefault }: PlanCandidatesJson): PlanInEffect {
  const [source, plan] = deal?.commissionPlan
    ? (["deal", deal.commissionPlan] as const)
    : creatorPlan
      ? (["creator", creatorPlan] as const)
      : shopDefault
        ? (["shop_default", shopDefault] as const)
        : (["none", null] as const);
  return {
    source,
    planId: plan?.id ?? null,
    planName: plan?.name ?? null,
    terms: plan
      ? describePlanTerms({
          kind: plan.kind,
          rateBasisPoints: plan.rateBasisPoints,
          flatAmountMinor: plan.flatAmountMinor === null ? null : toMinorNumber(plan.flatAmountMinor),
          currency: plan.flatCurrency,
        })
      : null,
    dealId: source === "deal" ? deal!.id : null,
    dealTitle: source === "deal" ? deal!.title : null,
  };
}
