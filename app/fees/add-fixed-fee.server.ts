import { z } from "zod";
import { actorLabel, type Actor } from "../audit/actor";
import { addFixedFee as addFixedFeeDraft } from "../domain/ledger";
import { initialFixedFeeStatus, type FixedFeeStatus } from "../domain/status/fixed-fee-status";
import { postLedgerTransaction } from "../ledger/post-ledger-transaction.server";
import { now } from "../lib/clock.server";
import { getDealOrThrow, getShopOrThrow } from "../deals/get-shop-records.server";
import { parseAmountField } from "../forms/parse-amount-field";
import { invalidInput } from "../forms/field-errors";
import { amountText, optionalCurrency, optionalId, requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { lockRowForUpdate } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";

export const FIXED_FEE_SUBJECT = "fixed_fee";

export const addFixedFeeSchema = z.object({
  dealId: z.string().trim().min(1, "Choose the deal this fee belongs to."),
  amount: amountText,
  currency: optionalCurrency,
  comment: requiredText("Say what the fee pays for, like “TikTok video, 1 post”.", 500, "Keep the comment under 500 characters."),
  campaignId: optionalId("Choose a campaign from the list, or none."),
  deliverableId: optionalId("Choose a deliverable of this deal, or none."),
});
export type AddFixedFeeInput = z.input<typeof addFixedFeeSchema>;

export interface AddedFixedFee {
  feeId: string;
  status: FixedFeeStatus;
  amountMinor: number;
  currency: string;
  /** Set when the fee was payable at once (no gate, or its deliverable was already approved). */
  payableItemId: string | null;
}

/**
 * A fixed fee on a deal (DOMAIN.md §2). Gated by a deliverable not yet approved, it waits in
 * `awaiting_deliverable` (ledger expense → gated); otherwise it is approved at once
 * (expense → payable) and becomes a payable item. The campaign defaults to the deal's.
 */
export async function addFixedFee(shopId: string, input: AddFixedFeeInput, actor: Actor): Promise<AddedFixedFee> {
  const values = parseForm(addFixedFeeSchema, input);
  return withTransaction("interactive", async (tx) => {
    const deal = await getDealOrThrow(tx, shopId, values.dealId);
    const shop = await getShopOrThrow(tx, shopId);
    const currency = values.currency ?? shop.currency;
    const { amountMinor } = parseAmountField(values.amount, currency, "positive");

    const fieldErrors: Record<string, string> = {};
    const campaignId = values.campaignId ?? deal.campaignId;
    if (values.campaignId) {
      const campaign = await tx.campaign.findFirst({ where: { id: values.campaignId, shopId }, select: { id: true } });
      if (!campaign) fieldErrors.campaignId = "That campaign does not exist in this shop; choose another.";
    }
    let gated = false;
    if (values.deliverableId) {
      // Locked so a concurrent approval cannot slip between reading its status and adding the
      // fee (the fee would then wait for an approval that already happened).
      const found = await lockRowForUpdate(tx, "Deliverable", shopId, values.deliverableId);
      const deliverable = found ? await tx.deliverable.findUnique({ where: { id: values.deliverableId } }) : null;
      if (!deliverable || deliverable.dealId !== deal.id) {
        fieldErrors.deliverableId = "That deliverable is not part of this deal; choose one of the deal's deliverables.";
      } else {
        gated = deliverable.status !== "approved";
      }
    }
    if (Object.keys(fieldErrors).length > 0) throw invalidInput(fieldErrors);

    const status = initialFixedFeeStatus(gated);
    const fee = await tx.fixedFee.create({
      data: {
        shopId,
        creatorId: deal.creatorId,
        dealId: deal.id,
        campaignId,
        deliverableId: values.deliverableId ?? null,
        status,
        amountMinor: BigInt(amountMinor),
        currency,
        comment: values.comment,
        createdBy: actorLabel(actor),
      },
    });
    await postLedgerTransaction(tx, {
      shopId,
      draft: addFixedFeeDraft({ creatorId: deal.creatorId, currency, amountMinor, gated }),
      subject: { type: FIXED_FEE_SUBJECT, id: fee.id },
      action: "fixed_fee.added",
      actor,
      idempotencyKey: `fixed_fee:${fee.id}:added`,
      after: { status, amountMinor, currency, dealId: deal.id, deliverableId: fee.deliverableId, comment: values.comment },
    });
    const payableItem = gated
      ? null
      : await tx.payableItem.create({
          data: {
            shopId,
            creatorId: deal.creatorId,
            kind: "fixed_fee",
            amountMinor: BigInt(amountMinor),
            currency,
            payableSince: now(),
            fixedFeeId: fee.id,
          },
        });
    return { feeId: fee.id, status, amountMinor, currency, payableItemId: payableItem?.id ?? null };
  });
}
