// Where, in the batch's received order, one order enters the risk history and becomes refunded, as
// if its deliveries had been worked one per batch: an order row exists from the first delivery that
// recomputes it (its first version; for an order already stored, its first delivery of the batch),
// and counts as refunded from the first delivery after which some refund with an amount is folded
// in (a refund received before its order is parked, and counts from the order's arrival).
// count-batch-orders.ts counts the batch's orders and refunds by these positions. Pure.
import { applyOrderVersion, applyRefund, type OrderAggregate, type OrderTopic } from "../domain/commission/order-aggregate";
import type { NormalizedOrder, NormalizedRefund } from "../domain/commission/shopify-order";
import { orderRefundedMinor } from "../domain/commission/order-refunded-minor";

/** One delivery of the order, at its position in the batch (a refund only when it is new to the shop). */
export type PositionedDelivery =
  | { position: number; kind: "version"; topic: OrderTopic; order: NormalizedOrder }
  | { position: number; kind: "refund"; refund: NormalizedRefund | null };

export interface OrderBatchPositions {
  /** The position from which the order's row exists as this batch writes it. */
  arrivedAt: number;
  /** The position from which it is refunded, or null when it is not at the end of the batch. */
  refundedAt: number | null;
}

/**
 * `before`: the stored aggregate with every refund received before the batch folded in;
 * `deliveries`: the order's deliveries in this batch, in received order.
 */
export function orderBatchPositions(
  before: OrderAggregate,
  stored: boolean,
  deliveries: readonly PositionedDelivery[],
): OrderBatchPositions | null {
  const first = stored ? deliveries[0] : deliveries.find((d) => d.kind === "version");
  if (!first) return null;
  let aggregate = before;
  let refundedAt: number | null = null;
  for (const delivery of deliveries) {
    if (delivery.kind === "version") aggregate = applyOrderVersion(aggregate, delivery.topic, delivery.order).aggregate;
    else if (delivery.refund) aggregate = applyRefund(aggregate, delivery.refund).aggregate;
    if (
      refundedAt === null &&
      delivery.position >= first.position &&
      aggregate.latest &&
      orderRefundedMinor(aggregate.latest, aggregate.refunds) > 0
    ) {
      refundedAt = delivery.position;
    }
  }
  return { arrivedAt: first.position, refundedAt };
}
