// Works the order deliveries of a batch set-based (issue 16 §1), inside the caller's transaction:
//   1. lock every order of the batch, in one fixed (sorted) order, so two batches never deadlock;
//   2. store the batch's refunds (once by refund id) and load the orders, their commissions and
//      every refund received for them, one statement each;
//   3. fold each order's deliveries into its aggregate (pure domain, order-independent);
//   4. load attribution, plans and posted amounts for all orders at once (load-order-lookups);
//   5. plan each order's recompute-and-diff (pure) and write all plans in a few multi-row
//      statements (write-order-plans).
// An order is recomputed once per batch from everything known about it: recompute-and-diff makes
// the money the same however its deliveries were split into batches (batch invariance, tested in
// tests/integration/order-batch-invariance.test.ts).
import type { Prisma, Shop } from "@prisma/client";
import type { DbTransaction } from "../db.server";
import { lockOrders } from "../db/locks.server";
import { timeOrderedId } from "../db/time-ordered-id.server";
import { applyOrderVersion, applyRefund, type OrderAggregate, type OrderTopic } from "../domain/commission/order-aggregate";
import { decodeOrderState } from "../domain/commission/order-state";
import { parseShopifyRefund, type NormalizedOrder, type NormalizedRefund } from "../domain/commission/shopify-order";
import { now } from "../lib/clock.server";
import { loadOrderLookups, type OrderToRecompute } from "./load-order-lookups.server";
import { orderBatchPositions } from "./order-batch-positions";
import { firstVelocityFlagPerCreator } from "../domain/risk/day-velocity-flag";
import { planOrderRecompute, type OrderRecomputePlan, type StoredOrder } from "./plan-order-recompute";
import { writeOrderPlans } from "./write-order-plans.server";

export type DeliveryOutcome = { status: "processed" | "rejected"; reason: string | null };

/** One parsed delivery about an order; `key` identifies it in the outcomes (an inbound event id). */
export type OrderDelivery =
  | { key: string; kind: "version"; topic: OrderTopic; order: NormalizedOrder }
  | { key: string; kind: "refund"; refund: NormalizedRefund; payload: unknown };

/** Deliveries of one shop, in the order they were received. */
export interface ShopDeliveries {
  shop: Shop;
  deliveries: readonly OrderDelivery[];
}

const orderIdOf = (d: OrderDelivery) => (d.kind === "version" ? d.order.shopifyOrderId : d.refund.orderId);

// The stored aggregate is kept positional to write less WAL per order (order-state.ts).
const storedAggregate = (orderState: Prisma.JsonValue | undefined): OrderAggregate => decodeOrderState(orderState);

/** Works every delivery of the batch; the outcome of each, by its key. */
export async function workOrderDeliveries(tx: DbTransaction, batch: readonly ShopDeliveries[]): Promise<Map<string, DeliveryOutcome>> {
  await lockOrders(
    tx,
    batch.flatMap(({ shop, deliveries }) => deliveries.map((d) => ({ shopId: shop.id, shopifyOrderId: orderIdOf(d) }))),
  );
  const outcomes = new Map<string, DeliveryOutcome>();
  for (const { shop, deliveries } of batch) {
    for (const [key, outcome] of await workShopDeliveries(tx, shop, deliveries)) outcomes.set(key, outcome);
  }
  return outcomes;
}

interface OrderGroup {
  shopifyOrderId: string;
  deliveries: OrderDelivery[];
}

async function workShopDeliveries(tx: DbTransaction, shop: Shop, deliveries: readonly OrderDelivery[]) {
  const outcomes = new Map<string, DeliveryOutcome>();
  const groups = new Map<string, OrderGroup>();
  for (const delivery of deliveries) {
    const id = orderIdOf(delivery);
    const group = groups.get(id) ?? { shopifyOrderId: id, deliveries: [] };
    group.deliveries.push(delivery);
    groups.set(id, group);
  }
  const orderIds = [...groups.keys()];

  // Refunds are stored once by refund id: the first delivery of a refund id that is new stores it.
  const newRefundKeys = await storeRefunds(tx, shop.id, deliveries);
  const [storedRows, refundRows] = await Promise.all([
    tx.attributedOrder.findMany({ where: { shopId: shop.id, shopifyOrderId: { in: orderIds } }, include: { commission: true } }),
    tx.orderRefund.findMany({ where: { shopId: shop.id, shopifyOrderId: { in: orderIds } } }),
  ]);
  const storedById = new Map(storedRows.map((row) => [row.shopifyOrderId, row]));
  const position = new Map(deliveries.map((d, i) => [d.key, i]));
  const newRefundIds = new Set(deliveries.flatMap((d) => (d.kind === "refund" && newRefundKeys.has(d.key) ? [d.refund.refundId] : [])));
  const refundsById = new Map<string, typeof refundRows>();
  for (const row of refundRows) refundsById.set(row.shopifyOrderId, [...(refundsById.get(row.shopifyOrderId) ?? []), row]);

  const toRecompute: (OrderToRecompute & { unappliedRefundIds: string[] })[] = [];
  const waiting: { group: OrderGroup; recomputed: boolean; staleKeys: Set<string> }[] = [];
  for (const group of groups.values()) {
    const stored = storedById.get(group.shopifyOrderId) ?? null;
    let aggregate = storedAggregate(stored?.orderState);
    const staleKeys = new Set<string>();
    let hasVersion = false;
    for (const delivery of group.deliveries) {
      if (delivery.kind !== "version") continue;
      hasVersion = true;
      const applied = applyOrderVersion(aggregate, delivery.topic, delivery.order);
      aggregate = applied.aggregate;
      if (applied.stale) staleKeys.add(delivery.key);
    }
    const refunds = refundsById.get(group.shopifyOrderId) ?? [];
    const folded = withRefunds(aggregate, refunds);
    const newRefund = group.deliveries.some((d) => newRefundKeys.has(d.key));
    const recomputed = (hasVersion || (newRefund && stored !== null)) && folded.aggregate.latest !== null;
    if (recomputed) {
      // Where the order enters the risk history, as if its deliveries came one per batch: from the
      // refunds received before this batch, then its deliveries here in received order.
      const before = withRefunds(
        storedAggregate(stored?.orderState),
        refunds.filter((r) => !newRefundIds.has(r.shopifyRefundId)),
      ).aggregate;
      const positions = orderBatchPositions(
        before,
        stored !== null,
        group.deliveries.map((d) =>
          d.kind === "version"
            ? { position: position.get(d.key)!, kind: "version", topic: d.topic, order: d.order }
            : { position: position.get(d.key)!, kind: "refund", refund: newRefundKeys.has(d.key) ? d.refund : null },
        ),
      );
      toRecompute.push({
        stored,
        aggregate: folded.aggregate as OrderToRecompute["aggregate"],
        unappliedRefundIds: folded.unapplied,
        ...(positions ? { positions } : {}),
      });
    }
    waiting.push({ group, recomputed, staleKeys });
  }

  const results = await recomputeOrders(tx, shop, toRecompute);
  const resultById = new Map(results.map((r, i) => [toRecompute[i]!.aggregate.latest.shopifyOrderId, r]));
  for (const { group, recomputed, staleKeys } of waiting) {
    const result = resultById.get(group.shopifyOrderId);
    for (const delivery of group.deliveries) {
      let reason: string | null;
      if (delivery.kind === "refund" && !newRefundKeys.has(delivery.key)) reason = "refund already received: nothing changed";
      else if (!recomputed) reason = "parked until its order arrives";
      else if (staleKeys.has(delivery.key)) reason = "stale version (older updated_at): nothing changed";
      else reason = result?.reason ?? null;
      outcomes.set(delivery.key, { status: "processed", reason });
    }
  }
  return outcomes;
}

/** Folds every refund received for the order (including parked ones) into the aggregate. */
function withRefunds(aggregate: OrderAggregate, rows: readonly { id: string; refund: Prisma.JsonValue; appliedAt: Date | null }[]) {
  let result = aggregate;
  for (const row of rows) {
    const parsed = parseShopifyRefund(row.refund);
    if (parsed.ok) result = applyRefund(result, parsed.value).aggregate;
  }
  return { aggregate: result, unapplied: rows.filter((r) => !r.appliedAt).map((r) => r.id) };
}

/** Inserts the batch's refunds (ON CONFLICT DO NOTHING); the keys of the deliveries that stored a new one. */
async function storeRefunds(tx: DbTransaction, shopId: string, deliveries: readonly OrderDelivery[]): Promise<Set<string>> {
  const firstByRefundId = new Map<string, Extract<OrderDelivery, { kind: "refund" }>>();
  for (const d of deliveries) if (d.kind === "refund" && !firstByRefundId.has(d.refund.refundId)) firstByRefundId.set(d.refund.refundId, d);
  if (firstByRefundId.size === 0) return new Set();
  const inserted = await tx.orderRefund.createManyAndReturn({
    data: [...firstByRefundId.values()].map((d) => ({
      shopId,
      shopifyRefundId: d.refund.refundId,
      shopifyOrderId: d.refund.orderId,
      refund: d.payload as Prisma.InputJsonValue,
    })),
    skipDuplicates: true,
    select: { shopifyRefundId: true },
  });
  return new Set(inserted.map((row) => firstByRefundId.get(row.shopifyRefundId)!.key));
}

/**
 * Recompute-and-diff for orders of one shop already locked and folded: lookups in a few statements,
 * a plan per order, all plans written together, and the refunds folded in marked applied.
 */
export async function recomputeOrders(
  tx: DbTransaction,
  shop: Shop,
  orders: readonly (OrderToRecompute & { unappliedRefundIds: string[] })[],
): Promise<OrderRecomputePlan["result"][]> {
  if (orders.length === 0) return [];
  const at = now();
  const lookups = await loadOrderLookups(tx, shop, orders, at);
  const plans = lookups.map((lookup) =>
    planOrderRecompute({
      ...lookup,
      shop,
      at,
      newIds: { orderRow: timeOrderedId("ord_"), commission: timeOrderedId("cm_"), clawback: timeOrderedId("cb_") },
    }),
  );
  // A creator's velocity spike is stored once per day and score: the flag of the batch's order that
  // arrived first, as one delivery per batch would have stored it (day-velocity-flag.ts).
  const byArrival = plans.map((plan, i) => ({ plan, arrival: orders[i]!.positions?.arrivedAt ?? i })).sort((a, b) => a.arrival - b.arrival);
  const kept = new Set(firstVelocityFlagPerCreator(byArrival.flatMap(({ plan }) => plan.riskFlags)));
  for (const plan of plans) plan.riskFlags = plan.riskFlags.filter((flag) => kept.has(flag));
  await writeOrderPlans(tx, plans, at);
  const applied = orders.flatMap((o) => o.unappliedRefundIds);
  if (applied.length > 0) await tx.orderRefund.updateMany({ where: { id: { in: applied } }, data: { appliedAt: at } });
  return plans.map((p) => p.result);
}

/** An order as stored with its commission, for callers that hold its lock (the pixel path). */
export async function loadStoredOrder(tx: DbTransaction, shopId: string, shopifyOrderId: string): Promise<StoredOrder | null> {
  return tx.attributedOrder.findUnique({ where: { shopId_shopifyOrderId: { shopId, shopifyOrderId } }, include: { commission: true } });
}

/** The stored order's aggregate with every refund received for it folded in. */
export async function storedOrderWithRefunds(tx: DbTransaction, stored: StoredOrder) {
  const rows = await tx.orderRefund.findMany({ where: { shopId: stored.shopId, shopifyOrderId: stored.shopifyOrderId } });
  return withRefunds(storedAggregate(stored.orderState), rows);
}
