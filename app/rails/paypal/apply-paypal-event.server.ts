// Works one recorded, verified PayPal Payouts event (an InboundEvent of source `paypal`), in the
// request that received it or later by the inbound drain. An event is a prompt, never the truth:
//  - an item event: the item is read again from PayPal; it must be the newest attempt's own item
//    (its batch, its payout); its state settles the attempt through the shared settle;
//  - a batch event: the batch's pending attempts are looked up together (pay-rail-batch), as the poll does;
//  - anything else, or an item of an earlier attempt: rejected with the reason.
// A PayPal that cannot be asked now throws: the drain retries with backoff.
import type { InboundEvent } from "@prisma/client";
import { db } from "../../db.server";
import { payRailBatch } from "../pay-rail-batch.server";
import { RailTryLater } from "../rail-try-later";
import { failRailAttempt, settleRailAttempt } from "../settle-rail-attempt.server";
import { payPalClientForShop } from "./paypal-credentials.server";
import { answerForItem, payPalRail } from "./paypal-rail.server";
import { parsePayPalPayoutsEvent, type PayPalPayoutsEvent } from "./parse-paypal-webhook-event";

export type PayPalEventOutcome = { status: "processed" | "rejected"; reason: string | null };

async function applyItemEvent(shopId: string, event: Extract<PayPalPayoutsEvent, { kind: "item" }>): Promise<PayPalEventOutcome> {
  const attempt = await db().payoutAttempt.findFirst({
    where: { shopId, rail: "paypal", payoutId: event.senderItemId ?? "" },
    orderBy: { attempt: "desc" },
    include: { payout: { select: { status: true, currency: true } } },
  });
  if (!attempt) return { status: "rejected", reason: "no PayPal payout of this shop matches the event's sender_item_id" };
  if (attempt.status !== "pending" || attempt.payout.status !== "processing") return { status: "processed", reason: "already settled" };
  const { client } = await payPalClientForShop(shopId);
  const item = await client.getPayoutItem(event.payoutItemId);
  const batchKey = attempt.batchKey ?? attempt.idempotencyKey;
  // A late event of an earlier attempt settles nothing.
  if (item.payout_item.sender_item_id !== attempt.payoutId || (item.sender_batch_id && item.sender_batch_id !== batchKey)) {
    return { status: "rejected", reason: "the event is about an earlier attempt's PayPal item" };
  }
  if (attempt.batchKey && !attempt.railBatchId) {
    // The batch's create answer was lost: the item names PayPal's id of it, by which it is now looked up.
    await db().payoutAttempt.updateMany({
      where: { shopId, rail: "paypal", batchKey: attempt.batchKey },
      data: { railBatchId: item.payout_batch_id },
    });
  }
  const answer = await answerForItem(client, item, attempt);
  if (answer === "waiting") return { status: "processed", reason: "PayPal has not finished this payment yet" };
  if (answer.made) await settleRailAttempt(payPalRail, attempt.id, answer.reference);
  else await failRailAttempt(payPalRail, attempt.id, answer);
  return { status: "processed", reason: null };
}

async function applyBatchEvent(shopId: string, event: Extract<PayPalPayoutsEvent, { kind: "batch" }>): Promise<PayPalEventOutcome> {
  const attempt = await db().payoutAttempt.findFirst({
    where: {
      shopId,
      rail: "paypal",
      batchKey: { not: null },
      OR: [{ railBatchId: event.payoutBatchId }, ...(event.senderBatchId ? [{ batchKey: event.senderBatchId }] : [])],
    },
    select: { batchKey: true },
  });
  if (!attempt?.batchKey) return { status: "rejected", reason: "no PayPal batch of this shop's runs matches the event" };
  try {
    await payRailBatch(shopId, "paypal", attempt.batchKey);
  } catch (error) {
    if (error instanceof RailTryLater) return { status: "processed", reason: "some of the batch's payments are not final yet" };
    throw error;
  }
  return { status: "processed", reason: null };
}

export async function applyPayPalEvent(inbound: InboundEvent): Promise<PayPalEventOutcome> {
  if (!inbound.shopId) return { status: "rejected", reason: "the event names no shop of this app" };
  const event = parsePayPalPayoutsEvent(JSON.stringify(inbound.payload));
  if (!event) return { status: "rejected", reason: "not a PayPal webhook event" };
  if (event.kind === "item" && event.senderItemId) return applyItemEvent(inbound.shopId, event);
  if (event.kind === "batch") return applyBatchEvent(inbound.shopId, event);
  return { status: "rejected", reason: `${event.eventType} is not a PayPal Payouts item or batch event this app uses` };
}
