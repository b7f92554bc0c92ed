import type { Prisma, Shop } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import type { OrderAggregate } from "../domain/commission/order-aggregate";
import { now } from "../lib/clock.server";
import type { CustomerCompliancePayload } from "./compliance-payloads";
import { withTransaction } from "../db/transaction.server";

/** Removes the buyer's identity from a stored order aggregate; amounts stay as they are. */
function anonymise(orderState: Prisma.JsonValue): Prisma.InputJsonValue {
  const aggregate = orderState as unknown as OrderAggregate;
  if (!aggregate?.latest) return orderState as Prisma.InputJsonValue;
  const latest = { ...aggregate.latest, email: null, customer: { ...aggregate.latest.customer, id: null, email: null } };
  return { ...aggregate, latest } as unknown as Prisma.InputJsonValue;
}

/**
 * customers/redact: the customer disappears from attributed orders (id, email), money and
 * commissions do not change.
 */
export async function handleCustomerRedact(shop: Shop, payload: CustomerCompliancePayload) {
  const { customer } = payload;
  const where: Prisma.AttributedOrderWhereInput = {
    shopId: shop.id,
    OR: [
      ...(customer.id ? [{ customerShopifyId: customer.id }] : []),
      ...(customer.email ? [{ customerEmail: { equals: customer.email, mode: "insensitive" as const } }] : []),
      ...(payload.orders_to_redact?.length ? [{ shopifyOrderId: { in: payload.orders_to_redact } }] : []),
    ],
  };
  return withTransaction("short", async (tx) => {
    const orders = await tx.attributedOrder.findMany({ where, select: { id: true, orderState: true } });
    for (const order of orders) {
      await tx.attributedOrder.update({
        where: { id: order.id },
        data: { customerEmail: null, customerShopifyId: null, redactedAt: now(), orderState: anonymise(order.orderState) },
      });
    }
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor: { type: "shopify" },
      action: "customer.redacted",
      subject: { type: "customer", id: customer.id ?? "unknown" },
      after: { ordersRedacted: orders.length },
    });
    return { reason: `${orders.length} orders anonymised` };
  });
}
