// A verified PayPal webhook delivery, read for the Payouts events. Pure.
// Events may arrive late, twice or out of order, so an item event is a prompt, not the truth:
// the rail reads the item again (getPayoutItem) and maps that state (payPalItemOutcome).
import { z } from "zod";
import { payoutItemResponseSchema } from "./paypal-wire";

/** PayPal's Payouts webhook event types (developer.paypal.com "Webhook event names": Payouts). */
export const PAYPAL_PAYOUT_ITEM_EVENTS = [
  "PAYMENT.PAYOUTS-ITEM.BLOCKED",
  "PAYMENT.PAYOUTS-ITEM.CANCELED",
  "PAYMENT.PAYOUTS-ITEM.DENIED",
  "PAYMENT.PAYOUTS-ITEM.FAILED",
  "PAYMENT.PAYOUTS-ITEM.HELD",
  "PAYMENT.PAYOUTS-ITEM.REFUNDED",
  "PAYMENT.PAYOUTS-ITEM.RETURNED",
  "PAYMENT.PAYOUTS-ITEM.SUCCEEDED",
  "PAYMENT.PAYOUTS-ITEM.UNCLAIMED",
] as const;
export const PAYPAL_PAYOUT_BATCH_EVENTS = [
  "PAYMENT.PAYOUTSBATCH.DENIED",
  "PAYMENT.PAYOUTSBATCH.PROCESSING",
  "PAYMENT.PAYOUTSBATCH.SUCCESS",
] as const;

const envelope = z.object({ id: z.string().min(1), event_type: z.string().min(1), resource: z.unknown() }).passthrough();
const batchResource = z
  .object({
    batch_header: z
      .object({
        payout_batch_id: z.string().min(1),
        sender_batch_header: z.object({ sender_batch_id: z.string().optional() }).passthrough().optional(),
      })
      .passthrough(),
  })
  .passthrough();

export type PayPalPayoutsEvent =
  | { kind: "item"; eventId: string; eventType: string; payoutItemId: string; payoutBatchId: string; senderItemId: string | null }
  | { kind: "batch"; eventId: string; eventType: string; payoutBatchId: string; senderBatchId: string | null }
  | { kind: "other"; eventId: string; eventType: string };

/** Null when the body is not a PayPal event at all (answer 400, store nothing). */
export function parsePayPalPayoutsEvent(rawBody: string): PayPalPayoutsEvent | null {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch {
    return null;
  }
  const event = envelope.safeParse(json);
  if (!event.success) return null;
  const { id: eventId, event_type: eventType, resource } = event.data;
  if ((PAYPAL_PAYOUT_ITEM_EVENTS as readonly string[]).includes(eventType)) {
    const item = payoutItemResponseSchema.safeParse(resource);
    if (!item.success) return { kind: "other", eventId, eventType };
    return {
      kind: "item",
      eventId,
      eventType,
      payoutItemId: item.data.payout_item_id,
      payoutBatchId: item.data.payout_batch_id,
      senderItemId: item.data.payout_item.sender_item_id ?? null,
    };
  }
  if ((PAYPAL_PAYOUT_BATCH_EVENTS as readonly string[]).includes(eventType)) {
    const batch = batchResource.safeParse(resource);
    if (batch.success) {
      const header = batch.data.batch_header;
      return {
        kind: "batch",
        eventId,
        eventType,
        payoutBatchId: header.payout_batch_id,
        senderBatchId: header.sender_batch_header?.sender_batch_id ?? null,
      };
    }
  }
  return { kind: "other", eventId, eventType };
}
