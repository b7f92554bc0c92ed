import { z } from "zod";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { isCalendarDate, toDateColumn } from "../domain/calendar";
import { getDealOrThrow } from "../deals/get-shop-records.server";
import { requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { withTransaction } from "../db/transaction.server";

/** A calendar date as a date input sends it ("2026-05-31"), checked to be a real day. */
const optionalDueOn = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string({ invalid_type_error: "Enter the due date as a date, like 2026-05-31." })
    .trim()
    .refine(isCalendarDate, "Enter the due date as a real date, like 2026-05-31.")
    .optional(),
);

export const createDeliverableSchema = z.object({
  title: requiredText("Say what the creator delivers, like “TikTok video: spring trail run”.", 200, "Keep the title under 200 characters."),
  dueOn: optionalDueOn,
});
export type CreateDeliverableInput = z.input<typeof createDeliverableSchema>;

/** A milestone of a deal; fees may wait for its approval (app/fees/add-fixed-fee.server.ts). Starts `open`. */
export async function createDeliverable(
  shopId: string,
  dealId: string,
  input: CreateDeliverableInput,
  actor: Actor,
): Promise<{ deliverableId: string }> {
  const values = parseForm(createDeliverableSchema, input);
  return withTransaction("interactive", async (tx) => {
    await getDealOrThrow(tx, shopId, dealId);
    const deliverable = await tx.deliverable.create({
      data: {
        shopId,
        dealId,
        title: values.title,
        dueOn: values.dueOn ? toDateColumn(values.dueOn) : null,
        status: "open",
      },
    });
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: "deliverable.created",
      subject: { type: "deliverable", id: deliverable.id },
      after: { dealId, title: values.title, dueOn: values.dueOn ?? null, status: "open" },
    });
    return { deliverableId: deliverable.id };
  });
}
