// The Risk screen's forms, by intent: approve or reject a commission held for review.
import { z } from "zod";
import type { Actor } from "../audit/actor";
import { intentRegistry } from "../forms/intent-registry";
import { parseForm } from "../forms/parse-form";
import { approveRiskReview, rejectRiskReview } from "./review-risk.server";

export interface RiskActionContext {
  shopId: string;
  actor: Actor;
  form: FormData;
}

const commissionField = z.object({ commissionId: z.string().trim().min(1, "Choose a commission.").max(64) });

/** Each intent's handler returns the sentence of the success banner. */
export const riskActions = intentRegistry<RiskActionContext, string>({
  approve: async ({ shopId, actor, form }) => {
    const { commissionId } = parseForm(commissionField, form);
    await approveRiskReview(shopId, commissionId, actor);
    return "Approved: the commission is released when its hold ends.";
  },
  reject: async ({ shopId, actor, form }) => {
    const { commissionId } = parseForm(commissionField, form);
    await rejectRiskReview(shopId, commissionId, actor, form.get("reason") ?? "");
    return "Rejected: the money went back to expense and the creator was told your reason.";
  },
});
