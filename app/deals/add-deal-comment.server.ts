import { z } from "zod";
import { actorLabel, type Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { getDealOrThrow } from "./get-shop-records.server";
import { requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { withTransaction } from "../db/transaction.server";

export const addDealCommentSchema = z.object({
  body: requiredText("Write a comment before posting it.", 5000, "Keep a comment under 5,000 characters."),
});
export type AddDealCommentInput = z.input<typeof addDealCommentSchema>;

/** A note on the deal page, kept with who wrote it. */
export async function addDealComment(
  shopId: string,
  dealId: string,
  input: AddDealCommentInput,
  actor: Actor,
): Promise<{ commentId: string }> {
  const { body } = parseForm(addDealCommentSchema, input);
  return withTransaction("interactive", async (tx) => {
    await getDealOrThrow(tx, shopId, dealId);
    const comment = await tx.dealComment.create({ data: { shopId, dealId, author: actorLabel(actor), body } });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "deal.commented",
      subject: { type: "deal", id: dealId },
      after: { commentId: comment.id, body },
    });
    return { commentId: comment.id };
  });
}
