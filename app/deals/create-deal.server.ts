import { z } from "zod";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { getCreatorOrThrow } from "./get-shop-records.server";
import { invalidInput } from "../forms/field-errors";
import { optionalId, requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { withTransaction } from "../db/transaction.server";

export const createDealSchema = z.object({
  creatorId: z.string().trim().min(1, "Choose the creator this deal is with."),
  title: requiredText("Give the deal a title, like “Spring launch collaboration”.", 200, "Keep the title under 200 characters."),
  campaignId: optionalId("Choose a campaign from the list, or none."),
  commissionPlanId: optionalId("Choose a commission plan from the list, or none."),
});
export type CreateDealInput = z.input<typeof createDealSchema>;

/** A collaboration with one creator, optionally within a campaign and with its own commission plan. */
export async function createDeal(shopId: string, input: CreateDealInput, actor: Actor): Promise<{ dealId: string }> {
  const values = parseForm(createDealSchema, input);
  return withTransaction("interactive", async (tx) => {
    await getCreatorOrThrow(tx, shopId, values.creatorId);
    // One query at a time: an interactive transaction holds a single connection.
    const campaign = values.campaignId
      ? await tx.campaign.findFirst({ where: { id: values.campaignId, shopId }, select: { id: true } })
      : null;
    const plan = values.commissionPlanId
      ? await tx.commissionPlan.findFirst({ where: { id: values.commissionPlanId, shopId }, select: { id: true } })
      : null;
    const fieldErrors: Record<string, string> = {};
    if (values.campaignId && !campaign) fieldErrors.campaignId = "That campaign does not exist in this shop; choose another.";
    if (values.commissionPlanId && !plan) {
      fieldErrors.commissionPlanId = "That commission plan does not exist in this shop; choose another.";
    }
    if (Object.keys(fieldErrors).length > 0) throw invalidInput(fieldErrors);

    const deal = await tx.deal.create({
      data: {
        shopId,
        creatorId: values.creatorId,
        title: values.title,
        campaignId: values.campaignId ?? null,
        commissionPlanId: values.commissionPlanId ?? null,
      },
    });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "deal.created",
      subject: { type: "deal", id: deal.id },
      after: { creatorId: deal.creatorId, title: deal.title, campaignId: deal.campaignId, commissionPlanId: deal.commissionPlanId },
    });
    return { dealId: deal.id };
  });
}
