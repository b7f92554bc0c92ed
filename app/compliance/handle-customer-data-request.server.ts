import type { Prisma, Shop } from "@prisma/client";
import { db } from "../db.server";
import type { CustomerCompliancePayload } from "./compliance-payloads";

function customerMatch(shopId: string, payload: CustomerCompliancePayload): Prisma.AttributedOrderWhereInput {
  const { customer } = payload;
  return {
    shopId,
    OR: [
      ...(customer.id ? [{ customerShopifyId: customer.id }] : []),
      ...(customer.email ? [{ customerEmail: { equals: customer.email, mode: "insensitive" as const } }] : []),
      ...(payload.orders_requested?.length ? [{ shopifyOrderId: { in: payload.orders_requested } }] : []),
    ],
  };
}

/**
 * customers/data_request: gathers what the app holds on the customer (orders credited to a
 * creator, and the creator record if the customer is one) and keeps it for the merchant.
 */
export async function handleCustomerDataRequest(shop: Shop, payload: CustomerCompliancePayload) {
  const orders = await db().attributedOrder.findMany({
    where: customerMatch(shop.id, payload),
    select: { shopifyOrderId: true, orderName: true, customerEmail: true, customerShopifyId: true, orderedAt: true, creatorId: true },
  });
  const creators = await db().creator.findMany({
    where: {
      shopId: shop.id,
      OR: [
        ...(payload.customer.id ? [{ shopifyCustomerId: payload.customer.id }] : []),
        ...(payload.customer.email ? [{ email: { equals: payload.customer.email, mode: "insensitive" as const } }] : []),
      ],
    },
    select: { id: true, name: true, email: true, socialHandle: true, status: true, createdAt: true },
  });
  const report = {
    customer: payload.customer,
    attributedOrders: orders.map((o) => ({ ...o, orderedAt: o.orderedAt.toISOString() })),
    creatorRecords: creators.map((c) => ({ ...c, createdAt: c.createdAt.toISOString() })),
  };
  const request = await db().customerDataRequest.create({
    data: {
      shopId: shop.id,
      shopifyRequestId: payload.data_request?.id ?? null,
      shopifyCustomerId: payload.customer.id ?? null,
      email: payload.customer.email ?? null,
      report: report as Prisma.InputJsonValue,
    },
  });
  return { reason: `report ${request.id}: ${orders.length} orders, ${creators.length} creator records` };
}
