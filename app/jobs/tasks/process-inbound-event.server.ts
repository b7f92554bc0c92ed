// Processes one recorded Shopify delivery. Idempotent: an event is worked once (status leaves
// `received`), and the business keys below (order id, refund id) make a replay change nothing.
import type { Shop } from "@prisma/client";
import type { Task } from "graphile-worker";
import { z } from "zod";
import { applyOrderDelivery, applyRefundDelivery, type DeliveryOutcome } from "../../commissions/apply-order-delivery.server";
import { customerCompliancePayload } from "../../compliance/compliance-payloads";
import { handleCustomerDataRequest } from "../../compliance/handle-customer-data-request.server";
import { handleCustomerRedact } from "../../compliance/handle-customer-redact.server";
import { handleShopRedact } from "../../compliance/handle-shop-redact.server";
import { db } from "../../db.server";
import type { OrderTopic } from "../../domain/commission/order-aggregate";

const ORDER_TOPICS: readonly string[] = ["orders/create", "orders/updated", "orders/paid", "orders/cancelled"];
const COMPLIANCE_TOPICS: readonly string[] = ["customers/data_request", "customers/redact", "shop/redact"];

const jobPayload = z.object({ inboundEventId: z.string() });

async function customerCompliance(shop: Shop, payload: unknown, handler: typeof handleCustomerRedact): Promise<DeliveryOutcome> {
  const parsed = customerCompliancePayload.safeParse(payload);
  if (!parsed.success) return { status: "rejected", reason: `unusable compliance payload: ${parsed.error.issues[0]?.message}` };
  return { status: "processed", ...(await handler(shop, parsed.data)) };
}

async function process(shop: Shop, topic: string, payload: unknown): Promise<DeliveryOutcome> {
  if (ORDER_TOPICS.includes(topic)) return applyOrderDelivery(shop, topic as OrderTopic, payload);
  if (topic === "refunds/create") return applyRefundDelivery(shop, payload);
  if (topic === "customers/data_request") return customerCompliance(shop, payload, handleCustomerDataRequest);
  if (topic === "customers/redact") return customerCompliance(shop, payload, handleCustomerRedact);
  return { status: "rejected", reason: `topic ${topic} is not one this app subscribes to` };
}

export const processInboundEvent: Task = async (rawPayload, helpers) => {
  const { inboundEventId } = jobPayload.parse(rawPayload);
  const event = await db().inboundEvent.findUnique({ where: { id: inboundEventId } });
  if (!event || event.status !== "received") return;

  const finish = (outcome: { status: "processed" | "rejected"; reason: string | null }) =>
    db().inboundEvent.update({
      where: { id: event.id },
      data: { status: outcome.status, reason: outcome.reason, processedAt: new Date() },
    });

  if (event.topic === "shop/redact" && event.shopDomain) {
    return void (await finish({ status: "processed", ...(await handleShopRedact(event.shopDomain, event.id)) }));
  }
  const shop = event.shopDomain ? await db().shop.findUnique({ where: { domain: event.shopDomain } }) : null;
  if (!shop) {
    return void (await finish({ status: "rejected", reason: `the app is not installed on ${event.shopDomain ?? "an unnamed shop"}` }));
  }
  if (shop.installState === "uninstalled" && !COMPLIANCE_TOPICS.includes(event.topic)) {
    // Kept as `received`: re-queued when the shop reinstalls (record-shop-installed.server.ts).
    await db().inboundEvent.update({
      where: { id: event.id },
      data: { shopId: shop.id, reason: "deferred: the shop has uninstalled the app; applied if it reinstalls" },
    });
    return;
  }
  try {
    await finish(await process(shop, event.topic, event.payload));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db().inboundEvent.update({
      where: { id: event.id },
      data: { retryCount: helpers.job.attempts, reason: `failed (attempt ${helpers.job.attempts}): ${message.slice(0, 500)}` },
    });
    if (helpers.job.attempts >= helpers.job.max_attempts) {
      await db().inboundEvent.update({ where: { id: event.id }, data: { status: "failed", processedAt: new Date() } });
    }
    throw error;
  }
};
