import type { CommissionPlan, CommissionPlanOverride } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { choosePlan, type PlanSnapshot } from "../domain/commission/commission-plan";

type PlanWithOverrides = CommissionPlan & { overrides: CommissionPlanOverride[] };

export function toPlanSnapshot(plan: PlanWithOverrides): PlanSnapshot {
  return {
    planId: plan.id,
    name: plan.name,
    kind: plan.kind,
    rateBasisPoints: plan.rateBasisPoints,
    flatAmountMinor: plan.flatAmountMinor === null ? null : Number(plan.flatAmountMinor),
    currency: plan.flatCurrency,
    newCustomersOnly: plan.newCustomersOnly,
    excludeShipping: plan.excludeShipping,
    excludeTips: plan.excludeTips,
    excludeGiftCards: plan.excludeGiftCards,
    excludeTaxes: plan.excludeTaxes,
    overrides: plan.overrides.map((o) => ({
      target: o.target,
      targetId: o.targetId,
      rateBasisPoints: o.rateBasisPoints,
      flatAmountMinor: o.flatAmountMinor === null ? null : Number(o.flatAmountMinor),
    })),
  };
}

/** The plan an order of this creator earns by: the deal's, else the creator's, else the shop default. */
export async function resolvePlan(
  tx: DbTransaction,
  shop: { id: string; defaultPlanId: string | null },
  creatorId: string,
): Promise<{ plan: PlanSnapshot; dealId: string | null } | null> {
  const include = { overrides: true } as const;
  const [deal, creator, shopDefault] = await Promise.all([
    tx.deal.findFirst({
      where: { shopId: shop.id, creatorId, commissionPlanId: { not: null } },
      orderBy: { createdAt: "desc" },
      include: { commissionPlan: { include } },
    }),
    tx.creator.findUnique({ where: { id: creatorId }, include: { commissionPlan: { include } } }),
    shop.defaultPlanId ? tx.commissionPlan.findUnique({ where: { id: shop.defaultPlanId }, include }) : null,
  ]);
  const plan = choosePlan({
    deal: deal?.commissionPlan ? toPlanSnapshot(deal.commissionPlan) : null,
    creator: creator?.commissionPlan ? toPlanSnapshot(creator.commissionPlan) : null,
    shop: shopDefault ? toPlanSnapshot(shopDefault) : null,
  });
  if (!plan) return null;
  const latestDeal = deal ?? (await tx.deal.findFirst({ where: { shopId: shop.id, creatorId }, orderBy: { createdAt: "desc" } }));
  return { plan, dealId: latestDeal?.id ?? null };
}
