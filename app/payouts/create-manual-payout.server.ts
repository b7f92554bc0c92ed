// "Create payout" on the deal page (ISSUE13 item 3): the merchant pays a creator directly, without
// requesting a payout and approving their own request. Manual payouts start in draft (DOMAIN §3);
// "Create and send" skips the separate Send step: the payout goes to the creator's review when
// the shop has that step, else it is ready to pay.
import { z } from "zod";
import type { Actor } from "../audit/actor";
import { optionalCurrency, optionalText } from "../forms/form-fields";
import { parseAmountField } from "../forms/parse-amount-field";
import { parseForm } from "../forms/parse-form";
import { createPayout, type CreatedPayout } from "./create-payout.server";

export const createManualPayoutSchema = z.object({
  /** Blank pays everything payable in the currency. */
  amount: optionalText(32, "Enter an amount like 1,234.56."),
  currency: optionalCurrency,
  comment: optionalText(1000, "Keep the comment under 1,000 characters."),
  send: z.preprocess((value) => value === "send", z.boolean()),
});
export type CreateManualPayoutInput = z.input<typeof createManualPayoutSchema>;

export async function createManualPayout(
  shop: { id: string; currency: string },
  creatorId: string,
  input: CreateManualPayoutInput,
  actor: Actor,
): Promise<CreatedPayout & { currency: string }> {
  const values = parseForm(createManualPayoutSchema, input);
  const currency = values.currency ?? shop.currency;
  const amountMinor = values.amount === undefined ? undefined : parseAmountField(values.amount, currency, "positive").amountMinor;
  const payout = await createPayout({
    shopId: shop.id,
    creatorId,
    currency,
    amountMinor,
    origin: "manual",
    actor,
    comment: values.comment,
    sendNow: values.send,
  });
  return { ...payout, currency };
}
