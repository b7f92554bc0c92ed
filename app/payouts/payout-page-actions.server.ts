// The payout page's forms (app/routes/app.payouts.$payoutId.tsx), by intent. Each handler parses
// its own fields with parseForm and calls one domain function; a domain error travels up to the
// route, which answers with its status (app/http/domain-error-status.ts).
import { z } from "zod";
import type { Actor } from "../audit/actor";
import { formText } from "../forms/form-fields";
import { intentRegistry } from "../forms/intent-registry";
import { parseForm } from "../forms/parse-form";
import { claimPayPalPayout } from "../rails/paypal/claim-paypal-payout.server";
import { claimRailPayout } from "../rails/claim-rail-payout.server";
import { deactivatePayoutGiftCard } from "../rails/gift-card/deactivate-gift-card.server";
import { giftCardRail } from "../rails/gift-card/gift-card-rail.server";
import { assertStoreCreditEnabled } from "../rails/store-credit/assert-store-credit-enabled.server";
import { claimStoreCreditPayout } from "../rails/store-credit/claim-store-credit-payout.server";
import { claimStripePayout } from "../rails/stripe/claim-stripe-payout.server";
import { payPayoutOnRail } from "../rails/pay-payout-on-rail.server";
import { railLabel } from "../rails/rail-choices.server";
import { acceptPayoutReview } from "./accept-payout-review.server";
import { answerPayoutItemDispute } from "./answer-payout-item-dispute.server";
import { approvePayout } from "./approve-payout.server";
import { cancelPayout } from "./cancel-payout.server";
import { amountText } from "./payout-errors";
import { markPayoutPaidOffline } from "./mark-payout-paid-offline.server";
import { removePayoutItem } from "./remove-payout-item.server";
import { sendDraftPayout } from "./send-draft-payout.server";

export interface PayoutPageContext {
  shopId: string;
  actor: Actor;
  payoutId: string;
  form: FormData;
}

/** Each intent's handler returns the sentence of the success banner. */
export const payoutPageActions = intentRegistry<PayoutPageContext, string>({
  send: async ({ shopId, payoutId, actor }) => {
    await sendDraftPayout(shopId, payoutId, actor);
    return "Payout sent.";
  },
  accept_review: async ({ shopId, payoutId, actor }) => {
    await acceptPayoutReview(shopId, payoutId, actor);
    return "Review accepted: the payout is ready to pay.";
  },
  approve: async ({ shopId, payoutId, actor }) => {
    const approved = await approvePayout(shopId, payoutId, actor);
    return `Payout approved at ${amountText(approved.amountMinor, approved.currency)}.`;
  },
  cancel: async ({ shopId, payoutId, actor, form }) => {
    const { reason } = parseForm(z.object({ reason: formText }), form);
    await cancelPayout(shopId, payoutId, actor, reason || undefined);
    return "Payout canceled: its items are payable again.";
  },
  pay_stripe: async ({ shopId, payoutId, actor }) => {
    await claimStripePayout(shopId, payoutId, actor);
    return "Being paid: the Stripe transfer is on its way. This page shows the result when Stripe confirms it.";
  },
  pay_store_credit: async ({ shopId, payoutId, actor, form }) => {
    // The merchant's consent, for this payout, to create the creator's customer account when none exists.
    const { createCustomer } = parseForm(z.object({ createCustomer: formText }), form);
    await assertStoreCreditEnabled(shopId);
    await claimStoreCreditPayout(shopId, payoutId, actor, { mayCreateCustomer: createCustomer === "on" || createCustomer === "true" });
    return "Being paid: the store credit is on its way to the creator's customer account. This page shows the result when Shopify confirms it.";
  },
  pay_paypal: async ({ shopId, payoutId, actor }) => {
    await claimPayPalPayout(shopId, payoutId, actor);
    return "Being paid: the PayPal payment is on its way to the creator's PayPal email. This page shows the result when PayPal confirms it.";
  },
  pay_gift_card: async ({ shopId, payoutId, actor }) => {
    await claimRailPayout(giftCardRail, shopId, payoutId, actor);
    return "Being paid: the gift card is being issued. The creator sees its code once in their portal and gets it by email.";
  },
  deactivate_gift_card: async ({ shopId, payoutId, actor }) => {
    const outcome = await deactivatePayoutGiftCard(shopId, payoutId, actor);
    return outcome === "reversed"
      ? "Gift card disabled: the payout is reversed and its amount is payable to the creator again."
      : "The gift card was already disabled and the payout reversed.";
  },
  pay_on_rail: async ({ shopId, payoutId, actor, form }) => {
    // The creator's rail by default; the merchant may pick another enabled rail for this payout.
    const { rail, createCustomer } = parseForm(z.object({ rail: formText, createCustomer: formText }), form);
    const paidOn = await payPayoutOnRail(shopId, payoutId, actor, { rail, mayCreateCustomer: createCustomer === "on" });
    return `Being paid on ${railLabel(paidOn)}. This page shows the result when the rail confirms it.`;
  },
  pay_offline: async ({ shopId, payoutId, actor, form }) => {
    // markPayoutPaidOffline validates these against the shop's today (offline-payment-schema.ts).
    const payment = parseForm(z.object({ method: formText, reference: formText, paidOn: formText, note: formText }), form);
    // From the payout page a failed Stripe payout may be paid offline instead (failed → ready → paid).
    const paid = await markPayoutPaidOffline(shopId, payoutId, actor, payment, { fromFailed: true });
    return paid.from === "failed" ? "Payout marked paid offline instead of Stripe." : "Payout marked paid.";
  },
  remove_item: async ({ shopId, actor, form }) => {
    const { payoutItemId, disposition, reason } = parseForm(
      z.object({ payoutItemId: formText, disposition: formText, reason: formText }),
      form,
    );
    await removePayoutItem(shopId, payoutItemId, actor, {
      disposition: disposition === "reject" ? "reject" : "return_to_payable",
      reason: reason || undefined,
    });
    return "Item removed from the payout.";
  },
  answer_dispute: async ({ shopId, payoutId, actor, form }) => {
    const { payoutItemId, answer } = parseForm(z.object({ payoutItemId: formText, answer: formText }), form);
    await answerPayoutItemDispute(shopId, payoutId, payoutItemId, answer, actor);
    return "Answer sent: the creator was emailed that it is in their portal.";
  },
});
