// One order delivery at a time (the inbound event's own path, used when the set-based drain hands
// an event back, and by tests): the batch of one of work-order-batch.server.ts, so both paths run
// the same code.
import type { Shop } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import type { OrderTopic } from "../domain/commission/order-aggregate";
import { parseShopifyOrder, parseShopifyRefund } from "../domain/commission/shopify-order";
import { withTransaction } from "../db/transaction.server";
import {
  loadStoredOrder,
  recomputeOrders,
  storedOrderWithRefunds,
  workOrderDeliveries,
  type DeliveryOutcome,
  type OrderDelivery,
} from "./work-order-batch.server";

export type { DeliveryOutcome } from "./work-order-batch.server";

async function workOne(shop: Shop, delivery: OrderDelivery): Promise<DeliveryOutcome> {
  const outcomes = await withTransaction("orderDelivery", (tx) => workOrderDeliveries(tx, [{ shop, deliveries: [delivery] }]));
  return outcomes.get(delivery.key)!;
}

/** orders/create, orders/updated, orders/paid, orders/cancelled. */
export async function applyOrderDelivery(shop: Shop, topic: OrderTopic, payload: unknown): Promise<DeliveryOutcome> {
  const parsed = parseShopifyOrder(payload);
  if (!parsed.ok) return { status: "rejected", reason: `unusable order payload: ${parsed.reason}` };
  return workOne(shop, { key: "one", kind: "version", topic, order: parsed.value });
}

/** refunds/create: stored once by refund id; parked when its order has not arrived yet. */
export async function applyRefundDelivery(shop: Shop, payload: unknown): Promise<DeliveryOutcome> {
  const parsed = parseShopifyRefund(payload);
  if (!parsed.ok) return { status: "rejected", reason: `unusable refund payload: ${parsed.reason}` };
  return workOne(shop, { key: "one", kind: "refund", refund: parsed.value, payload });
}

/**
 * A Web Pixel checkout arrived for an order (issue 14 §3), inside the caller's transaction and
 * under the order's lock. An order already received and credited to nobody is recomputed from its
 * stored state, so the pixel's referral can credit it now; an order not yet received finds the
 * pixel event when it arrives; an order already credited (or with a commission) is left as it is.
 * Recompute-and-diff keeps this idempotent: a second pixel event finds the order credited.
 */
export async function reattributeOrderAfterPixel(tx: DbTransaction, shop: Shop, shopifyOrderId: string): Promise<DeliveryOutcome | null> {
  const stored = await loadStoredOrder(tx, shop.id, shopifyOrderId);
  if (!stored || stored.commission || stored.creatorId !== null) return null;
  const { aggregate, unapplied } = await storedOrderWithRefunds(tx, stored);
  if (!aggregate.latest) return null;
  const [result] = await recomputeOrders(tx, shop, [
    { stored, aggregate: aggregate as typeof aggregate & { latest: NonNullable<typeof aggregate.latest> }, unappliedRefundIds: unapplied },
  ]);
  return { status: "processed", reason: result!.reason };
}
