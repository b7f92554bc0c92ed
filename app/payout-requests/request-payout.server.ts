import type { PayoutMethod } from "@prisma/client";
import { z } from "zod";
import { actorLabel, type Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { DomainError } from "../domain/errors";
import { formatMoney } from "../domain/money";
import { getCreatorOrThrow } from "../deals/get-shop-records.server";
import { parseAmountField } from "../forms/parse-amount-field";
import { invalidInput } from "../forms/field-errors";
import { amountText, optionalText, requiredCurrency } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { lockCreatorBalance } from "../db/locks.server";
import { readPayableAvailable } from "./read-payable-available.server";
import { withTransaction } from "../db/transaction.server";

export const PAYOUT_REQUEST_SUBJECT = "payout_request";
const PAYOUT_METHODS = ["stripe", "paypal", "bank_transfer", "other"] as const satisfies readonly PayoutMethod[];

export const requestPayoutSchema = z.object({
  creatorId: z.string().trim().min(1, "Choose the creator to pay."),
  amount: amountText,
  currency: requiredCurrency,
  comment: optionalText(1000, "Keep the comment under 1,000 characters."),
  requestedMethod: z.preprocess(
    (value) => (value === "" || value === null ? undefined : value),
    z.enum(PAYOUT_METHODS, { errorMap: () => ({ message: "Choose Stripe, PayPal, bank transfer or other." }) }).optional(),
  ),
});
export type RequestPayoutInput = z.input<typeof requestPayoutSchema>;
export type PayoutRequestOrigin = "merchant" | "creator";

/**
 * An ask to pay a creator now (DOMAIN.md §2): "Payout" on the deal page (merchant) or a
 * withdrawal in the portal (creator). The amount must fit in the payable balance not already
 * asked for by another open request. Nothing is reserved yet: approval creates the payout.
 */
export async function requestPayout(
  shopId: string,
  input: RequestPayoutInput,
  origin: PayoutRequestOrigin,
  actor: Actor,
): Promise<{ requestId: string; amountMinor: number; currency: string }> {
  const values = parseForm(requestPayoutSchema, input);
  const fromCreator = origin === "creator" && actor.type === "creator" && actor.id === values.creatorId;
  if (!fromCreator && !(origin === "merchant" && actor.type === "staff")) {
    throw new DomainError("forbidden", "Only the creator or the shop's staff can request this payout.", { origin, actor: actor.type });
  }
  const { amountMinor, currency } = parseAmountField(values.amount, values.currency, "positive");
  return withTransaction("interactive", async (tx) => {
    const creator = await getCreatorOrThrow(tx, shopId, values.creatorId);
    await lockCreatorBalance(tx, { shopId, creatorId: creator.id, currency });
    const balance = await readPayableAvailable(tx, shopId, creator.id, currency);
    if (amountMinor > balance.availableMinor) {
      const show = (minor: number) => formatMoney({ amountMinor: minor, currency });
      throw invalidInput({
        amount:
          balance.availableMinor <= 0
            ? `Nothing is available to pay out in ${currency}: ${show(balance.payableMinor)} is payable` +
              (balance.requestedMinor > 0 ? ` and ${show(balance.requestedMinor)} is already requested.` : ".")
            : `Request at most ${show(balance.availableMinor)}: ${show(balance.payableMinor)} is payable` +
              (balance.requestedMinor > 0 ? ` and ${show(balance.requestedMinor)} is already requested.` : "."),
      });
    }
    const request = await tx.payoutRequest.create({
      data: {
        shopId,
        creatorId: creator.id,
        origin,
        status: "requested",
        amountMinor: BigInt(amountMinor),
        currency,
        comment: values.comment ?? null,
        requestedMethod: values.requestedMethod ?? null,
        requestedBy: actorLabel(actor),
      },
    });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "payout_request.requested",
      subject: { type: PAYOUT_REQUEST_SUBJECT, id: request.id },
      after: { status: "requested", origin, amountMinor, currency, comment: request.comment, requestedMethod: request.requestedMethod },
    });
    return { requestId: request.id, amountMinor, currency };
  });
}
