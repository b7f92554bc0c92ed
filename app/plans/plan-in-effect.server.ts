// Which plan a creator's next order earns by, and why: the same choice resolvePlan makes when an
// order arrives (app/commissions/resolve-plan.server.ts: the newest deal with a plan of its own,
// else the creator's plan, else the shop default), read for the deal page.
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

export async function readPlanInEffect(shop: { id: string; defaultPlanId: string | null }, creatorId: string): Promise<PlanInEffect> {
  const select = { id: true, name: true, kind: true, rateBasisPoints: true, flatAmountMinor: true, flatCurrency: true } as const;
  const [deal, creator, shopDefault] = await Promise.all([
    db().deal.findFirst({
      where: { shopId: shop.id, creatorId, commissionPlanId: { not: null } },
      orderBy: { createdAt: "desc" },
      select: { id: true, title: true, commissionPlan: { select } },
    }),
    db().creator.findFirst({ where: { id: creatorId, shopId: shop.id }, select: { commissionPlan: { select } } }),
    shop.defaultPlanId ? db().commissionPlan.findUnique({ where: { id: shop.defaultPlanId }, select }) : null,
  ]);
  const [source, plan] = deal?.commissionPlan
    ? (["deal", deal.commissionPlan] as const)
    : creator?.commissionPlan
      ? (["creator", creator.commissionPlan] as const)
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
