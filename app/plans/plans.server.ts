// Commission plans of a shop (DOMAIN.md §2): the list, one plan for the editor, the choices the
// creator and deal forms offer, and the check that a chosen plan is the shop's own.
import { Prisma } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { db } from "../db.server";
import { invalidInput } from "../forms/field-errors";
import { toMinorNumber } from "../ledger/to-minor-number";
import { toPlanSnapshot } from "../commissions/resolve-plan.server";

export interface PlanSummary {
  id: string;
  name: string;
  kind: "percentage" | "flat";
  rateBasisPoints: number | null;
  flatAmountMinor: number | null;
  currency: string | null;
  newCustomersOnly: boolean;
  overrideCount: number;
  creatorCount: number;
  dealCount: number;
  isShopDefault: boolean;
}

/** Every plan of the shop with where it is used, the shop default first, then by name. */
export async function listPlans(shop: { id: string; defaultPlanId: string | null }): Promise<PlanSummary[]> {
  const plans = await db().commissionPlan.findMany({
    where: { shopId: shop.id },
    orderBy: { name: "asc" },
    include: { _count: { select: { overrides: true, creators: true, deals: true } } },
  });
  return plans
    .map((plan) => ({
      id: plan.id,
      name: plan.name,
      kind: plan.kind,
      rateBasisPoints: plan.rateBasisPoints,
      flatAmountMinor: plan.flatAmountMinor === null ? null : toMinorNumber(plan.flatAmountMinor),
      currency: plan.flatCurrency,
      newCustomersOnly: plan.newCustomersOnly,
      overrideCount: plan._count.overrides,
      creatorCount: plan._count.creators,
      dealCount: plan._count.deals,
      isShopDefault: plan.id === shop.defaultPlanId,
    }))
    .sort((a, b) => Number(b.isShopDefault) - Number(a.isShopDefault));
}

/**
 * The plans a creator or deal may be given (every plan of the shop but its default, which is the
 * empty choice; by name) as one JSON array of {id, name}: the one definition of the list, read
 * inside a page's statement (the deal page) or alone (listPlanChoices).
 */
export function planChoicesJsonSql(shopId: string): Prisma.Sql {
  return Prisma.sql`COALESCE((SELECT json_agg(json_build_object('id', p."id", 'name', p."name") ORDER BY p."name")
    FROM "CommissionPlan" p WHERE p."shopId" = ${shopId}
      AND p."id" IS DISTINCT FROM (SELECT s."defaultPlanId" FROM "Shop" s WHERE s."id" = ${shopId})), '[]'::json)`;
}

/** The plans a creator or deal may be given (the shop default is the empty choice, not listed). */
export async function listPlanChoices(shop: { id: string }): Promise<{ id: string; name: string }[]> {
  const [row] = await db().$queryRaw<{ choices: { id: string; name: string }[] }[]>(
    Prisma.sql`SELECT ${planChoicesJsonSql(shop.id)} AS "choices"`,
  );
  return row!.choices;
}

/** One plan of the shop with its overrides, or null for an id of another shop. */
export async function getPlan(shopId: string, planId: string) {
  const plan = await db().commissionPlan.findFirst({
    where: { id: planId, shopId },
    include: { overrides: { orderBy: [{ target: "asc" }, { title: "asc" }, { targetId: "asc" }] } },
  });
  if (!plan) return null;
  // The editor shows what the engine uses (the snapshot) plus each override's picker title.
  const { planId: id, ...terms } = toPlanSnapshot(plan);
  return {
    ...terms,
    id,
    overrides: terms.overrides.map((override, index) => ({ ...override, title: plan.overrides[index].title })),
  };
}
export type EditablePlan = NonNullable<Awaited<ReturnType<typeof getPlan>>>;

/**
 * The plan id a form chose, checked to be the shop's: "" or absent is the shop default (null).
 * Another shop's id reads as one that does not exist (a field error on `field`).
 */
export async function shopPlanIdOrThrow(tx: DbTransaction, shopId: string, planId: string | undefined, field = "commissionPlanId") {
  if (!planId) return null;
  const plan = await tx.commissionPlan.findFirst({ where: { id: planId, shopId }, select: { id: true } });
  if (!plan) throw invalidInput({ [field]: "That commission plan does not exist in this shop; choose another." });
  return plan.id;
}
