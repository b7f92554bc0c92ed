// The set-based part of the inbound drain (issue 16 §1): the batch's Shopify order and refund
// deliveries are worked together in the transaction that locked their events
// (drain-inbound-events.server.ts, work-order-batch.server.ts), their outcomes written in the same
// transaction: one UPDATE of each event row. Everything else, and any delivery the batch cannot
// take as it is (unknown or uninstalled shop, a body that does not parse), goes back to the
// one-event path (process-inbound-event.server.ts), which rejects, defers or retries it as before.
import type { Shop } from "@prisma/client";
import { Prisma } from "@prisma/client";
import {
  workOrderDeliveries,
  type DeliveryOutcome,
  type OrderDelivery,
  type ShopDeliveries,
} from "../../commissions/work-order-batch.server";
import type { DbTransaction } from "../../db.server";
import type { OrderTopic } from "../../domain/commission/order-aggregate";
import { parseShopifyOrder, parseShopifyRefund } from "../../domain/commission/shopify-order";
import { jsonValueProblem } from "../../webhooks/webhook-json";
import { forEachYielding } from "../yield-to-event-loop.server";
import type { ClaimedInboundEvent, LockedInboundEvent } from "./drain-inbound-events.server";

/** Order bodies parsed between two turns of the event loop (≈ 10 ms of parsing). */
const PARSE_CHUNK = 20;

const ORDER_TOPICS: readonly string[] = ["orders/create", "orders/updated", "orders/paid", "orders/cancelled"];

const isOrderWork = (event: ClaimedInboundEvent) =>
  event.source === "shopify" && event.shopDomain !== null && (ORDER_TOPICS.includes(event.topic) || event.topic === "refunds/create");

/** A delivery the batch takes, or null: the one-event path decides what to do with it. */
function toDelivery(event: ClaimedInboundEvent, payload: unknown): OrderDelivery | null {
  if (jsonValueProblem(payload)) return null;
  if (event.topic === "refunds/create") {
    const parsed = parseShopifyRefund(payload);
    return parsed.ok ? { key: event.id, kind: "refund", refund: parsed.value, payload } : null;
  }
  const parsed = parseShopifyOrder(payload);
  return parsed.ok ? { key: event.id, kind: "version", topic: event.topic as OrderTopic, order: parsed.value } : null;
}

/**
 * Works the order deliveries among `events` (locked by the caller's transaction `tx`, sorted oldest
 * first) set-based, and writes their outcomes; returns the events left for the one-event path. A
 * failure throws and rolls the whole transaction back (the caller hands the events to that path,
 * which works them one by one and retries a failing one with backoff).
 */
export async function workOrderEvents(tx: DbTransaction, events: readonly LockedInboundEvent[]): Promise<LockedInboundEvent[]> {
  const candidates = events.filter(isOrderWork);
  if (candidates.length === 0) return [...events];
  const domains = [...new Set(candidates.map((e) => e.shopDomain!))];
  const shops = new Map<string, Shop>((await tx.shop.findMany({ where: { domain: { in: domains } } })).map((s) => [s.domain, s]));

  const byShop = new Map<string, { shop: Shop; deliveries: OrderDelivery[] }>();
  const taken = new Set<string>();
  // Parsing is the batch's longest synchronous stretch (≈ 0.5 ms an order body): in chunks, so a
  // delivery arriving at the webhook fast path (same event loop) waits for one chunk, not the batch.
  await forEachYielding(candidates, PARSE_CHUNK, (event) => {
    const shop = shops.get(event.shopDomain!);
    if (!shop || shop.installState === "uninstalled") return;
    const delivery = toDelivery(event, event.payload);
    if (!delivery) return;
    const entry = byShop.get(shop.id) ?? { shop, deliveries: [] };
    entry.deliveries.push(delivery);
    byShop.set(shop.id, entry);
    taken.add(event.id);
  });
  if (taken.size === 0) return [...events];
  // Shops in a fixed order too (their orders' locks are taken sorted in one statement).
  const batch: ShopDeliveries[] = [...byShop.values()].sort((a, b) => (a.shop.id < b.shop.id ? -1 : 1));
  await writeOutcomes(tx, await workOrderDeliveries(tx, batch));
  return events.filter((event) => !taken.has(event.id));
}

async function writeOutcomes(tx: DbTransaction, outcomes: Map<string, DeliveryOutcome>) {
  const rows = JSON.stringify([...outcomes].map(([id, outcome]) => ({ id, status: outcome.status, reason: outcome.reason })));
  // processedAt is queue bookkeeping on the database's clock, as the claim's lease is.
  await tx.$executeRaw(Prisma.sql`
    UPDATE "InboundEvent" e SET "status" = o."status"::"InboundStatus", "reason" = o."reason", "processedAt" = (now() AT TIME ZONE 'UTC')
    FROM jsonb_to_recordset(${rows}::jsonb) AS o("id" text, "status" text, "reason" text)
    WHERE e."id" = o."id" AND e."status" = 'received'`);
}
