import type { Prisma, Shop } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import {
  applyOrderVersion,
  applyRefund,
  EMPTY_ORDER_AGGREGATE,
  type OrderAggregate,
  type OrderTopic,
} from "../domain/commission/order-aggregate";
import { parseShopifyOrder, parseShopifyRefund } from "../domain/commission/shopify-order";
import { lockOrder } from "../db/locks.server";
import { now } from "../lib/clock.server";
import { recomputeOrderCommission } from "./recompute-order-commission.server";
import { withTransaction } from "../db/transaction.server";

export type DeliveryOutcome = { status: "processed" | "rejected"; reason: string | null };

function storedAggregate(orderState: Prisma.JsonValue | undefined): OrderAggregate {
  if (!orderState || typeof orderState !== "object" || !("refunds" in orderState)) return EMPTY_ORDER_AGGREGATE;
  return orderState as unknown as OrderAggregate;
}

/** Folds every refund received for the order (including parked ones) into the aggregate. */
async function withStoredRefunds(tx: DbTransaction, shopId: string, shopifyOrderId: string, aggregate: OrderAggregate) {
  const refunds = await tx.orderRefund.findMany({ where: { shopId, shopifyOrderId } });
  let result = aggregate;
  for (const row of refunds) {
    const parsed = parseShopifyRefund(row.refund);
    if (parsed.ok) result = applyRefund(result, parsed.value).aggregate;
  }
  return { aggregate: result, refundIds: refunds.filter((r) => !r.appliedAt).map((r) => r.id) };
}

async function loadOrder(tx: DbTransaction, shopId: string, shopifyOrderId: string) {
  return tx.attributedOrder.findUnique({
    where: { shopId_shopifyOrderId: { shopId, shopifyOrderId } },
    include: { commission: true },
  });
}

/** orders/create, orders/updated, orders/paid, orders/cancelled. */
export async function applyOrderDelivery(shop: Shop, topic: OrderTopic, payload: unknown): Promise<DeliveryOutcome> {
  const parsed = parseShopifyOrder(payload);
  if (!parsed.ok) return { status: "rejected", reason: `unusable order payload: ${parsed.reason}` };
  const order = parsed.value;
  return withTransaction("orderDelivery", async (tx) => {
    await lockOrder(tx, shop.id, order.shopifyOrderId);
    const stored = await loadOrder(tx, shop.id, order.shopifyOrderId);
    const { aggregate: next, stale } = applyOrderVersion(storedAggregate(stored?.orderState), topic, order);
    const { aggregate, refundIds } = await withStoredRefunds(tx, shop.id, order.shopifyOrderId, next);
    const result = await recomputeOrderCommission(tx, shop, stored, aggregate);
    if (refundIds.length > 0) {
      await tx.orderRefund.updateMany({ where: { id: { in: refundIds } }, data: { appliedAt: now() } });
    }
    return { status: "processed" as const, reason: stale ? "stale version (older updated_at): nothing changed" : result.reason };
  });
}

/** refunds/create: stored once by refund id; parked when its order has not arrived yet. */
export async function applyRefundDelivery(shop: Shop, payload: unknown): Promise<DeliveryOutcome> {
  const parsed = parseShopifyRefund(payload);
  if (!parsed.ok) return { status: "rejected", reason: `unusable refund payload: ${parsed.reason}` };
  const refund = parsed.value;
  return withTransaction("orderDelivery", async (tx) => {
    await lockOrder(tx, shop.id, refund.orderId);
    const inserted = await tx.orderRefund.createMany({
      data: [
        { shopId: shop.id, shopifyRefundId: refund.refundId, shopifyOrderId: refund.orderId, refund: payload as Prisma.InputJsonValue },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return { status: "processed" as const, reason: "refund already received: nothing changed" };
    const stored = await loadOrder(tx, shop.id, refund.orderId);
    if (!stored) return { status: "processed" as const, reason: "parked until its order arrives" };
    const { aggregate, refundIds } = await withStoredRefunds(tx, shop.id, refund.orderId, storedAggregate(stored.orderState));
    const result = await recomputeOrderCommission(tx, shop, stored, aggregate);
    await tx.orderRefund.updateMany({ where: { id: { in: refundIds } }, data: { appliedAt: now() } });
    return { status: "processed" as const, reason: result.reason };
  });
}

/**
 * A Web Pixel checkout arrived for an order (issue 14 §3), inside the caller's transaction and
 * under the order's lock. An order already received and credited to nobody is recomputed from its
 * stored state, so the pixel's referral can credit it now; an order not yet received finds the
 * pixel event when it arrives; an order already credited (or with a commission) is left as it is.
 * Recompute-and-diff keeps this idempotent: a second pixel event finds the order credited.
 */
export async function reattributeOrderAfterPixel(tx: DbTransaction, shop: Shop, shopifyOrderId: string): Promise<DeliveryOutcome | null> {
  const stored = await loadOrder(tx, shop.id, shopifyOrderId);
  if (!stored || stored.commission || stored.creatorId !== null) return null;
  const { aggregate, refundIds } = await withStoredRefunds(tx, shop.id, shopifyOrderId, storedAggregate(stored.orderState));
  if (!aggregate.latest) return null;
  const result = await recomputeOrderCommission(tx, shop, stored, aggregate);
  if (refundIds.length > 0) await tx.orderRefund.updateMany({ where: { id: { in: refundIds } }, data: { appliedAt: now() } });
  return { status: "processed", reason: result.reason };
}
