// The creator page's forms (app/routes/app.creators.$creatorId.tsx), by intent. Each handler
// parses its own fields with parseForm and calls one domain function; a domain error travels up
// to the route, which answers with its status (app/http/domain-error-status.ts).
import type { Shop } from "@prisma/client";
import { z } from "zod";
import type { Actor } from "../audit/actor";
import { addDealComment } from "../deals/add-deal-comment.server";
import { addFixedFee } from "../fees/add-fixed-fee.server";
import { cancelFixedFee } from "../fees/cancel-fixed-fee.server";
import { createDeal } from "../deals/create-deal.server";
import { setDealPlan } from "../deals/set-deal-plan.server";
import { createDeliverable } from "../deliverables/create-deliverable.server";
import { approveDeliverable, rejectDeliverable } from "../deliverables/decide-deliverable.server";
import { approvePayoutRequest, rejectPayoutRequest } from "../payout-requests/decide-payout-request.server";
import { postAdjustment } from "../adjustments/post-adjustment.server";
import { createManualPayout } from "../payouts/create-manual-payout.server";
import { formatMoney } from "../domain/money";
import { submitDeliverable } from "../deliverables/submit-deliverable.server";
import { formText, optionalFormText } from "../forms/form-fields";
import { intentRegistry } from "../forms/intent-registry";
import { parseForm } from "../forms/parse-form";
import { issueOnboardingLink, revokeOnboardingLink } from "../stripe/creator-onboarding-link.server";
import { recordPaperTaxForm } from "../tax-forms/submit-tax-form.server";
import { formValues } from "../forms/parse-form";
import { changeCreatorStatus } from "./change-creator-status.server";
import { decideApplication } from "./decide-application.server";
import { inviteCreator } from "./invite-creator.server";
import {
  applyCreatorStatusToDiscounts,
  createCreatorDiscount,
  linkCreatorDiscount,
  parseDiscountTerms,
  refreshCreatorDiscounts,
} from "../discounts/creator-discounts.server";

export interface CreatorPageContext {
  shop: Pick<Shop, "id" | "currency" | "domain">;
  actor: Actor;
  creatorId: string;
  form: FormData;
}

/** Fields read as sent; the domain function validates them with its own schema and sentences. */
const fields = <T extends z.ZodRawShape>(shape: T) => z.object(shape);

const statusChange =
  (action: "pause" | "resume" | "archive", done: string) =>
  async ({ shop, actor, creatorId, form }: CreatorPageContext) => {
    const { reason } = parseForm(fields({ reason: optionalFormText }), form);
    await changeCreatorStatus(shop.id, creatorId, action, actor, reason);
    // The creator's codes in Shopify follow: a paused or archived creator's code stops working.
    const discountProblem = await applyCreatorStatusToDiscounts(shop, creatorId, action === "resume");
    return discountProblem ? `${done} ${discountProblem}` : done;
  };

const applicationDecision =
  (decision: "approve" | "decline") =>
  async ({ shop, actor, creatorId, form }: CreatorPageContext) => {
    const { note } = parseForm(fields({ note: optionalFormText }), form);
    await decideApplication(shop.id, creatorId, decision, actor, note);
    return decision === "approve"
      ? "Application approved: the creator is active and was emailed."
      : "Application declined: the applicant was emailed.";
  };

/** Each intent's handler returns the sentence of the success banner. */
export const creatorPageActions = intentRegistry<CreatorPageContext, string>({
  create_deal: async ({ shop, actor, creatorId, form }) => {
    const input = parseForm(fields({ title: formText, campaignId: optionalFormText, commissionPlanId: optionalFormText }), form);
    await createDeal(shop.id, { creatorId, ...input }, actor);
    return "Deal created.";
  },
  set_deal_plan: async ({ shop, actor, form }) => {
    const input = parseForm(fields({ dealId: formText, commissionPlanId: optionalFormText }), form);
    const { changed } = await setDealPlan(shop.id, input, actor);
    return changed ? "Deal plan saved: the next orders earn by it." : "The deal already has this plan.";
  },
  add_fee: async ({ shop, actor, form }) => {
    const input = parseForm(fields({ dealId: formText, amount: formText, comment: formText, deliverableId: optionalFormText }), form);
    const fee = await addFixedFee(shop.id, input, actor);
    return fee.status === "approved" ? "Fixed fee added: payable now." : "Fixed fee added: payable once the deliverable is approved.";
  },
  cancel_fee: async ({ shop, actor, form }) => {
    const { feeId } = parseForm(fields({ feeId: formText }), form);
    await cancelFixedFee(shop.id, feeId, actor);
    return "Fixed fee canceled.";
  },
  create_deliverable: async ({ shop, actor, form }) => {
    const { dealId, title, dueOn } = parseForm(fields({ dealId: formText, title: formText, dueOn: optionalFormText }), form);
    await createDeliverable(shop.id, dealId, { title, dueOn }, actor);
    return "Deliverable added.";
  },
  submit_deliverable: async ({ shop, actor, form }) => {
    const { deliverableId, contentUrl } = parseForm(fields({ deliverableId: formText, contentUrl: formText }), form);
    await submitDeliverable(shop.id, deliverableId, { contentUrl }, actor);
    return "Submission recorded.";
  },
  approve_deliverable: async ({ shop, actor, form }) => {
    const { deliverableId, note } = parseForm(fields({ deliverableId: formText, note: optionalFormText }), form);
    await approveDeliverable(shop.id, deliverableId, { note }, actor);
    return "Deliverable approved: its fees are payable.";
  },
  reject_deliverable: async ({ shop, actor, form }) => {
    const { deliverableId, note } = parseForm(fields({ deliverableId: formText, note: formText }), form);
    await rejectDeliverable(shop.id, deliverableId, { note }, actor);
    return "Deliverable rejected: the creator can resubmit.";
  },
  post_adjustment: async ({ shop, actor, creatorId, form }) => {
    const { amount, reason } = parseForm(fields({ amount: formText, reason: formText }), form);
    await postAdjustment(shop.id, { creatorId, amount, reason }, actor);
    return "Adjustment posted.";
  },
  create_payout: async ({ shop, actor, creatorId, form }) => {
    const input = parseForm(fields({ amount: formText, currency: formText, comment: optionalFormText, send: formText }), form);
    const payout = await createManualPayout(shop, creatorId, input, actor);
    const amount = formatMoney({ amountMinor: payout.amountMinor, currency: payout.currency });
    if (payout.status === "draft") return `Draft payout of ${amount} created: send it from its page when you are ready.`;
    return payout.status === "pending_review"
      ? `Payout ${payout.invoiceLabel} of ${amount} created and sent to the creator for review.`
      : `Payout ${payout.invoiceLabel} of ${amount} created: ready to pay.`;
  },
  approve_request: async ({ shop, actor, form }) => {
    const { requestId } = parseForm(fields({ requestId: formText }), form);
    const approved = await approvePayoutRequest(shop.id, requestId, actor);
    return `Request approved: payout ${approved.invoiceNumber ? `#${approved.invoiceNumber} ` : ""}created (${approved.payoutStatus.replace("_", " ")}).`;
  },
  reject_request: async ({ shop, actor, form }) => {
    const { requestId, note } = parseForm(fields({ requestId: formText, note: formText }), form);
    await rejectPayoutRequest(shop.id, requestId, actor, note);
    return "Request rejected.";
  },
  add_comment: async ({ shop, actor, form }) => {
    const { dealId, body } = parseForm(fields({ dealId: formText, body: formText }), form);
    await addDealComment(shop.id, dealId, { body }, actor);
    return "Comment added.";
  },
  approve_application: applicationDecision("approve"),
  decline_application: applicationDecision("decline"),
  invite: async ({ shop, actor, creatorId }) => {
    await inviteCreator(shop.id, creatorId, actor);
    return "Invitation sent.";
  },
  issue_onboarding_link: async ({ shop, actor, creatorId }) => {
    await issueOnboardingLink(shop.id, creatorId, actor);
    return "New onboarding link created: the previous link no longer works.";
  },
  revoke_onboarding_link: async ({ shop, actor, creatorId }) => {
    await revokeOnboardingLink(shop.id, creatorId, actor);
    return "Onboarding link revoked: it no longer works.";
  },
  create_discount: async ({ shop, actor, creatorId, form }) => {
    const { code } = await createCreatorDiscount(shop, creatorId, parseDiscountTerms(form, shop.currency), actor);
    return `Discount code ${code} created in Shopify.`;
  },
  link_discount: async ({ shop, actor, creatorId, form }) => {
    const { code } = await linkCreatorDiscount(shop, creatorId, form.get("linkCode"), actor);
    return `Discount code ${code} linked to this creator.`;
  },
  refresh_discounts: async ({ shop, creatorId }) => {
    const count = await refreshCreatorDiscounts(shop, creatorId);
    return count ? "Discount codes re-read from Shopify." : "This creator has no codes in Shopify yet.";
  },
  // A W-9 received on paper (issue 17): validated like the portal's, TIN sealed, audited.
  record_paper_w9: async ({ shop, actor, creatorId, form }) => {
    await recordPaperTaxForm(shop.id, creatorId, { ...formValues(form), kind: "w9" }, actor);
    return "W-9 recorded: payouts waiting for it can be paid.";
  },
  // A W-8BEN received on paper: the same checks as the portal's (a non-US person), the foreign tax id
  // sealed, audited; valid through the end of the third calendar year after the date it was signed.
  record_paper_w8ben: async ({ shop, actor, creatorId, form }) => {
    await recordPaperTaxForm(shop.id, creatorId, { ...formValues(form), kind: "w8ben" }, actor);
    return "W-8BEN recorded.";
  },
  pause: statusChange("pause", "Creator paused."),
  resume: statusChange("resume", "Creator resumed."),
  archive: statusChange("archive", "Creator archived."),
});
