// Works one recorded inbound event. Idempotent: an event is worked once (status leaves
// `received`), and the business keys below (order id, refund id) make a replay change nothing.
// Called by the inbound drain (drain-inbound-events.server.ts) for events it has claimed.
import type { InboundEvent, Shop } from "@prisma/client";
import { Prisma } from "@prisma/client";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { applyOrderDelivery, applyRefundDelivery, type DeliveryOutcome } from "../../commissions/apply-order-delivery.server";
import { customerCompliancePayload } from "../../compliance/compliance-payloads";
import { handleCustomerDataRequest } from "../../compliance/handle-customer-data-request.server";
import { handleCustomerRedact } from "../../compliance/handle-customer-redact.server";
import { handleShopRedact } from "../../compliance/handle-shop-redact.server";
import { db } from "../../db.server";
import type { OrderTopic } from "../../domain/commission/order-aggregate";
import { markShopUninstalled } from "../../shops/mark-shop-uninstalled.server";
import { applyStripeEvent } from "../../stripe/apply-stripe-event.server";
import { applyPayPalEvent } from "../../rails/paypal/apply-paypal-event.server";
import { jsonValueProblem } from "../../webhooks/webhook-json";
import { logger } from "../../lib/logger.server";

const ORDER_TOPICS: readonly string[] = ["orders/create", "orders/updated", "orders/paid", "orders/cancelled"];
const COMPLIANCE_TOPICS: readonly string[] = ["customers/data_request", "customers/redact", "shop/redact"];

/** A failing event is retried with exponential backoff, then given up as `failed`. */
export const INBOUND_RETRY = { maxAttempts: 10, firstDelaySeconds: 10, maxDelaySeconds: 3600 } as const;

type InboundOutcome =
  | DeliveryOutcome
  | { status: "deferred"; reason: string; shopId: string }
  /** The handler wrote the event's outcome itself (app/uninstalled). */
  | { status: "written" };

export type ProcessResult = InboundOutcome["status"] | "skipped" | "retry" | "failed";

async function customerCompliance(shop: Shop, payload: unknown, handler: typeof handleCustomerRedact): Promise<DeliveryOutcome> {
  const parsed = customerCompliancePayload.safeParse(payload);
  if (!parsed.success) return { status: "rejected", reason: `unusable compliance payload: ${parsed.error.issues[0]?.message}` };
  return { status: "processed", ...(await handler(shop, parsed.data)) };
}

async function applyShopTopic(shop: Shop, topic: string, payload: unknown): Promise<DeliveryOutcome> {
  if (ORDER_TOPICS.includes(topic)) return applyOrderDelivery(shop, topic as OrderTopic, payload);
  if (topic === "refunds/create") return applyRefundDelivery(shop, payload);
  if (topic === "customers/data_request") return customerCompliance(shop, payload, handleCustomerDataRequest);
  if (topic === "customers/redact") return customerCompliance(shop, payload, handleCustomerRedact);
  return { status: "rejected", reason: `topic ${topic} is not one this app subscribes to` };
}

async function applyShopifyEvent(event: InboundEvent): Promise<InboundOutcome> {
  if (event.topic === "shop/redact" && event.shopDomain) {
    return handleShopRedact(event.id);
  }
  if (event.topic === "app/uninstalled" && event.shopDomain) {
    // Normally applied inline by its route; here only when that request died before finishing.
    await markShopUninstalled(event.shopDomain, event.id);
    return { status: "written" };
  }
  const shop = event.shopDomain ? await db().shop.findUnique({ where: { domain: event.shopDomain } }) : null;
  if (!shop) return { status: "rejected", reason: `the app is not installed on ${event.shopDomain ?? "an unnamed shop"}` };
  if (shop.installState === "uninstalled" && !COMPLIANCE_TOPICS.includes(event.topic)) {
    // Back to `received` when the shop reinstalls (record-shop-installed.server.ts).
    return { status: "deferred", shopId: shop.id, reason: "deferred: the shop has uninstalled the app; applied if it reinstalls" };
  }
  return applyShopTopic(shop, event.topic, event.payload);
}

/** Each source's events, dispatched on their topic. */
const APPLY_BY_SOURCE: Record<InboundEvent["source"], (event: InboundEvent) => Promise<InboundOutcome>> = {
  shopify: applyShopifyEvent,
  stripe: applyStripeEvent,
  paypal: applyPayPalEvent,
};

async function writeOutcome(event: InboundEvent, outcome: InboundOutcome) {
  if (outcome.status === "written") return;
  if (outcome.status === "deferred") {
    await db().inboundEvent.update({
      where: { id: event.id },
      data: { status: "deferred", shopId: outcome.shopId, reason: outcome.reason },
    });
    return;
  }
  await db().inboundEvent.update({
    where: { id: event.id },
    // eslint-disable-next-line layering/no-ambient-clock -- queue bookkeeping (see record-inbound-event), not business time
    data: { status: outcome.status, reason: outcome.reason, processedAt: new Date() },
  });
}

/** Counts a failed attempt; due again after a backoff, or `failed` once the attempts run out. */
async function recordFailure(event: InboundEvent, error: unknown): Promise<"retry" | "failed"> {
  // One line: a driver error spans several (its "Invalid … invocation" header, blank lines, the cause).
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").trim().slice(0, 500);
  const { maxAttempts, firstDelaySeconds, maxDelaySeconds } = INBOUND_RETRY;
  const rows = await db().$queryRaw<{ attempts: number; status: string }[]>(Prisma.sql`
    UPDATE "InboundEvent" SET
      "attempts" = "attempts" + 1,
      "reason" = format('failed (attempt %s of %s): %s', "attempts" + 1, ${maxAttempts}::int, ${message}::text),
      "status" = CASE WHEN "attempts" + 1 >= ${maxAttempts}::int THEN 'failed'::"InboundStatus" ELSE "status" END,
      "processedAt" = CASE WHEN "attempts" + 1 >= ${maxAttempts}::int THEN now() ELSE "processedAt" END,
      "nextAttemptAt" = now() + make_interval(secs => least(${maxDelaySeconds}::int, ${firstDelaySeconds}::int * power(2, "attempts")))
    WHERE "id" = ${event.id} AND "status" = 'received'
    RETURNING "attempts", "status"::text AS "status"`);
  const after = rows[0];
  // Worth a line in the log (graphile-worker logged failed jobs the same way).
  logger().warn(
    { module: "jobs", inboundEventId: event.id },
    `inbound event ${event.id} (${event.source} ${event.topic}) failed, attempt ${after?.attempts ?? "?"} of ${maxAttempts}: ${message}`,
  );
  return after?.status === "failed" ? "failed" : "retry";
}

/**
 * Works the inbound event `id` if it is still `received`: processed, rejected (with the reason),
 * deferred (shop uninstalled), or on an error retried later with backoff. Throws only when the
 * database cannot record the outcome.
 */
export async function processInboundEventById(id: string): Promise<ProcessResult> {
  const event = await db().inboundEvent.findUnique({ where: { id } });
  if (!event || event.status !== "received") return "skipped";
  let outcome: InboundOutcome;
  try {
    // Recording refuses such bodies already; an older row (or another writer) may still hold one,
    // and the handlers' recursive code must never see it: rejected once, not retried.
    const problem = jsonValueProblem(event.payload);
    outcome = problem ? { status: "rejected", reason: problem } : await APPLY_BY_SOURCE[event.source](event);
  } catch (error) {
    return recordFailure(event, error);
  }
  await writeOutcome(event, outcome);
  return outcome.status;
}

const jobPayload = z.object({ inboundEventId: z.string() });

/** Jobs queued per event before events became their own queue; kept until none is left. */
export const processInboundEvent: Task = async (rawPayload) => {
  await processInboundEventById(jobPayload.parse(rawPayload).inboundEventId);
};
