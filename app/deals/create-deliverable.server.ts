import { z } from "zod";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { getDealOrThrow } from "./get-shop-records.server";
import { requiredText } from "../forms/form-fields";
import { parseForm } from "../forms/parse-form";
import { DEALS_TRANSACTION_OPTIONS } from "./transaction-options";

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar date as a date input sends it ("2026-05-31"), checked to be a real day. */
const optionalDueOn = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z
    .string({ invalid_type_error: "Enter the due date as a date, like 2026-05-31." })
    .trim()
    .refine((text) => {
      const match = DATE.exec(text);
      if (!match) return false;
      const date = new Date(`${text}T00:00:00Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
    }, "Enter the due date as a real date, like 2026-05-31.")
    .optional(),
);

export const createDeliverableSchema = z.object({
  title: requiredText("Say what the creator delivers, like “TikTok video: spring trail run”.", 200, "Keep the title under 200 characters."),
  dueOn: optionalDueOn,
});
export type CreateDeliverableInput = z.input<typeof createDeliverableSchema>;

/** A milestone of a deal; fees may wait for its approval (add-fixed-fee.server.ts). Starts `open`. */
export async function createDeliverable(
  shopId: string,
  dealId: string,
  input: CreateDeliverableInput,
  actor: Actor,
): Promise<{ deliverableId: string }> {
  const values = parseForm(createDeliverableSchema, input);
  return db().$transaction(async (tx) => {
    await getDealOrThrow(tx, shopId, dealId);
    const deliverable = await tx.deliverable.create({
      data: {
        shopId,
        dealId,
        title: values.title,
        dueOn: values.dueOn ? new Date(`${values.dueOn}T00:00:00Z`) : null,
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
  }, DEALS_TRANSACTION_OPTIONS);
}
