import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { withTransaction } from "../db/transaction.server";
import { optionalId } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { shopPlanIdOrThrow } from "../plans/plans.server";
import { getDealOrThrow } from "./get-shop-records.server";
import { z } from "zod";

export const setDealPlanSchema = z.object({
  dealId: z.string().trim().min(1, "Choose the deal."),
  commissionPlanId: optionalId("Choose a commission plan from the list, or the shop default."),
});

/**
 * Gives a deal its own commission plan, or none (blank: the creator's plan or the shop default
 * applies). Orders already earned keep their plan snapshot; the next orders earn by the new one.
 */
export async function setDealPlan(shopId: string, input: z.input<typeof setDealPlanSchema>, actor: Actor): Promise<{ changed: boolean }> {
  const values = parseForm(setDealPlanSchema, input);
  return withTransaction("interactive", async (tx) => {
    const deal = await getDealOrThrow(tx, shopId, values.dealId);
    const planId = await shopPlanIdOrThrow(tx, shopId, values.commissionPlanId);
    if (deal.commissionPlanId === planId) return { changed: false };
    await tx.deal.update({ where: { id: deal.id }, data: { commissionPlanId: planId } });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "deal.plan_changed",
      subject: { type: "deal", id: deal.id },
      before: { commissionPlanId: deal.commissionPlanId },
      after: { commissionPlanId: planId },
    });
    return { changed: true };
  });
}
