import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";
import { DomainError } from "../domain/errors";
import { parseForm } from "../forms/parse-form";
import { planFormSchema, type PlanInput } from "./plan-form-schema";

const auditView = (plan: PlanInput) => ({
  ...plan,
  overrides: plan.overrides.map((o) => ({
    target: o.target,
    targetId: o.targetId,
    rateBasisPoints: o.rateBasisPoints,
    flatAmountMinor: o.flatAmountMinor,
  })),
});

/**
 * Creates a plan, or replaces an existing one's terms and overrides (planId given). Commissions
 * already computed keep the snapshot of the plan they were computed with (DOMAIN.md §2), so an
 * edit only changes what orders earn from now on. The shop default is edited in Settings.
 * Bad input throws `invalid_input` with a sentence per field; nothing is written.
 */
export async function savePlan(
  shop: { id: string; currency: string; defaultPlanId: string | null },
  form: FormData | Record<string, unknown>,
  actor: Actor,
  planId?: string,
): Promise<{ planId: string }> {
  const input = parseForm(planFormSchema(shop.currency), form);
  return withTransaction("interactive", async (tx) => {
    const before = planId
      ? await tx.commissionPlan.findFirst({ where: { id: planId, shopId: shop.id }, include: { overrides: true } })
      : null;
    if (planId && !before) throw new DomainError("not_found", "That commission plan does not exist in this shop.", { id: planId });
    if (before && before.id === shop.defaultPlanId) {
      throw new DomainError("plan_is_shop_default", "The shop default plan is edited in Settings.", { id: before.id });
    }
    const terms = {
      name: input.name,
      kind: input.kind,
      rateBasisPoints: input.rateBasisPoints,
      flatAmountMinor: input.flatAmountMinor === null ? null : BigInt(input.flatAmountMinor),
      flatCurrency: input.kind === "flat" ? shop.currency : null,
      newCustomersOnly: input.newCustomersOnly,
      excludeShipping: input.excludeShipping,
      excludeTips: input.excludeTips,
      excludeGiftCards: input.excludeGiftCards,
      excludeTaxes: input.excludeTaxes,
    };
    const plan = before
      ? await tx.commissionPlan.update({ where: { id: before.id }, data: terms })
      : await tx.commissionPlan.create({ data: { shopId: shop.id, ...terms } });
    if (before) await tx.commissionPlanOverride.deleteMany({ where: { planId: plan.id } });
    if (input.overrides.length > 0) {
      await tx.commissionPlanOverride.createMany({
        data: input.overrides.map((o) => ({
          shopId: shop.id,
          planId: plan.id,
          target: o.target,
          targetId: o.targetId,
          title: o.title,
          rateBasisPoints: o.rateBasisPoints,
          flatAmountMinor: o.flatAmountMinor === null ? null : BigInt(o.flatAmountMinor),
        })),
      });
    }
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor,
      action: before ? "commission_plan.updated" : "commission_plan.created",
      subject: { type: "commission_plan", id: plan.id },
      before: before
        ? {
            name: before.name,
            kind: before.kind,
            rateBasisPoints: before.rateBasisPoints,
            flatAmountMinor: before.flatAmountMinor === null ? null : Number(before.flatAmountMinor),
            overrides: before.overrides.length,
          }
        : undefined,
      after: auditView(input),
    });
    return { planId: plan.id };
  });
}
