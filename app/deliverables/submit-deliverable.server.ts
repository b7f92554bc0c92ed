import { z } from "zod";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { DomainError } from "../domain/errors";
import { deliverableStatusMachine } from "../domain/status/deliverable-status";
import { optionalText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { lockRowForUpdate } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";

const CONTENT_URL_HINT = "Enter the link to the content, starting with https://, like https://www.tiktok.com/@you/video/1.";

function isWebAddress(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname.includes(".");
  } catch {
    return false;
  }
}

export const submitDeliverableSchema = z.object({
  contentUrl: z
    .string({ required_error: CONTENT_URL_HINT, invalid_type_error: CONTENT_URL_HINT })
    .trim()
    .min(1, CONTENT_URL_HINT)
    .max(2000, "That link is too long; use the content's short link.")
    .refine(isWebAddress, CONTENT_URL_HINT),
  note: optionalText(2000, "Keep the note under 2,000 characters."),
});
export type SubmitDeliverableInput = z.input<typeof submitDeliverableSchema>;

/**
 * The creator (from the portal) or staff (on the creator's behalf) submits a content link:
 * open | rejected → submitted, with a submission row kept for history.
 */
export async function submitDeliverable(
  shopId: string,
  deliverableId: string,
  input: SubmitDeliverableInput,
  actor: Actor,
): Promise<{ submissionId: string }> {
  const values = parseForm(submitDeliverableSchema, input);
  if (actor.type !== "creator" && actor.type !== "staff") {
    throw new DomainError("forbidden", "Only the creator or the shop's staff can submit a deliverable.", { actor: actor.type });
  }
  return withTransaction("interactive", async (tx) => {
    if (!(await lockRowForUpdate(tx, "Deliverable", shopId, deliverableId))) {
      throw new DomainError("not_found", "That deliverable does not exist in this shop.", { deliverableId });
    }
    const deliverable = await tx.deliverable.findUniqueOrThrow({
      where: { id: deliverableId },
      include: { deal: { select: { creatorId: true } } },
    });
    if (actor.type === "creator" && actor.id !== deliverable.deal.creatorId) {
      // Same answer as a missing id: a creator learns nothing about other creators' deals.
      throw new DomainError("not_found", "That deliverable does not exist in this shop.", { deliverableId });
    }
    deliverableStatusMachine.assertTransition(deliverable.status, "submitted");

    const submission = await tx.deliverableSubmission.create({
      data: { shopId, deliverableId, contentUrl: values.contentUrl, note: values.note ?? null },
    });
    await tx.deliverable.update({ where: { id: deliverableId }, data: { status: "submitted" } });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "deliverable.submitted",
      subject: { type: "deliverable", id: deliverableId },
      before: { status: deliverable.status },
      after: { status: "submitted", submissionId: submission.id, contentUrl: values.contentUrl },
    });
    return { submissionId: submission.id };
  });
}
