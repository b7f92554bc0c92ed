import { z } from "zod";
import { actorLabel, type Actor } from "../audit/actor";
import { postAdjustment as postAdjustmentDraft } from "../domain/ledger";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { now } from "../lib/clock.server";
import { getCreatorOrThrow, getShopOrThrow } from "../deals/get-shop-records.server";
import { parseAmountField } from "../forms/parse-amount-field";
import { invalidInput } from "../forms/field-errors";
import { amountText, optionalCurrency, optionalId, requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { lockCreatorBalance } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";

export const ADJUSTMENT_SUBJECT = "adjustment";

export const postAdjustmentSchema = z.object({
  creatorId: z.string().trim().min(1, "Choose the creator to adjust."),
  amount: amountText,
  currency: optionalCurrency,
  reason: requiredText(
    "Give a reason the creator will understand, like “Bonus: best conversion rate in March”.",
    500,
    "Keep the reason under 500 characters.",
  ),
  dealId: optionalId("Choose one of this creator's deals, or none."),
});
export type PostAdjustmentInput = z.input<typeof postAdjustmentSchema>;

/**
 * A manual, signed amount payable at once (DOMAIN.md §2): "25" is a bonus (expense → payable),
 * "-12.50" a correction (payable → expense, which may take payable below zero until the next
 * payout nets it). Recorded as an adjustment, its ledger transaction and a signed payable item.
 */
export async function postAdjustment(
  shopId: string,
  input: PostAdjustmentInput,
  actor: Actor,
): Promise<{ adjustmentId: string; payableItemId: string; amountMinor: number; currency: string }> {
  const values = parseForm(postAdjustmentSchema, input);
  return withTransaction("interactive", async (tx) => {
    const creator = await getCreatorOrThrow(tx, shopId, values.creatorId);
    const shop = await getShopOrThrow(tx, shopId);
    const currency = values.currency ?? shop.currency;
    const { amountMinor } = parseAmountField(values.amount, currency, "non_zero");
    if (values.dealId) {
      const deal = await tx.deal.findFirst({ where: { id: values.dealId, shopId, creatorId: creator.id }, select: { id: true } });
      if (!deal) throw invalidInput({ dealId: "That deal is not one of this creator's deals; choose another, or none." });
    }
    // Serialised with payout creation: a payout being built from this balance sees the item or not, never half.
    await lockCreatorBalance(tx, { shopId, creatorId: creator.id, currency });

    const adjustment = await tx.adjustment.create({
      data: {
        shopId,
        creatorId: creator.id,
        dealId: values.dealId ?? null,
        amountMinor: BigInt(amountMinor),
        currency,
        reason: values.reason,
        createdBy: actorLabel(actor),
      },
    });
    await postLedgerTransaction(tx, {
      shopId,
      draft: postAdjustmentDraft({ creatorId: creator.id, currency, amountMinor }),
      subject: { type: ADJUSTMENT_SUBJECT, id: adjustment.id },
      action: "adjustment.posted",
      actor,
      idempotencyKey: `adjustment:${adjustment.id}`,
      after: { amountMinor, currency, reason: values.reason, dealId: adjustment.dealId },
    });
    const item = await tx.payableItem.create({
      data: {
        shopId,
        creatorId: creator.id,
        kind: "adjustment",
        amountMinor: BigInt(amountMinor),
        currency,
        payableSince: now(),
        adjustmentId: adjustment.id,
      },
    });
    return { adjustmentId: adjustment.id, payableItemId: item.id, amountMinor, currency };
  });
}
