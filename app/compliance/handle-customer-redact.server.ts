import type { Prisma, Shop } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { decodeOrderState, encodeOrderState } from "../domain/commission/order-state";
import { now } from "../lib/clock.server";
import type { CustomerCompliancePayload } from "./compliance-payloads";
import { withTransaction } from "../db/transaction.server";

const TAX_FORMS_KEPT_WHY = "payee tax records a US payer must keep; deleted with the shop on shop/redact";

/** Removes the buyer's identity from a stored order aggregate; amounts stay as they are. */
function anonymise(orderState: Prisma.JsonValue): Prisma.InputJsonValue {
  const aggregate = decodeOrderState(orderState);
  if (!aggregate.latest) return orderState as Prisma.InputJsonValue;
  const latest = { ...aggregate.latest, email: null, customer: { ...aggregate.latest.customer, id: null, email: null } };
  return encodeOrderState({ ...aggregate, latest }) as unknown as Prisma.InputJsonValue;
}

/**
 * customers/redact: the customer disappears from attributed orders (id, email), money and
 * commissions do not change.
 *
 * Tax forms are kept. A W-9 / W-8BEN is the payee's record with the merchant as payer, not the
 * buyer's: US payers must keep it (the IRS asks for four years), and the creator who gave it is not
 * necessarily the customer being redacted. When a creator of the shop is linked to this customer
 * (the customer account it accepted its invitation with, or the same email), its forms stay and the
 * outcome and the audit event say so; shop/redact deletes them with the shop.
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
    const linkedCreators = await tx.creator.findMany({
      where: {
        shopId: shop.id,
        OR: [
          ...(customer.id ? [{ shopifyCustomerId: customer.id }] : []),
          ...(customer.email ? [{ email: { equals: customer.email, mode: "insensitive" as const } }] : []),
        ],
      },
      select: { id: true, _count: { select: { taxForms: true } } },
    });
    const withForms = linkedCreators.filter((c) => c._count.taxForms > 0);
    const taxFormsKept = withForms.reduce((sum, c) => sum + c._count.taxForms, 0);
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
      after: {
        ordersRedacted: orders.length,
        ...(taxFormsKept > 0 ? { taxFormsKept, taxFormsKeptFor: withForms.map((c) => c.id), taxFormsKeptWhy: TAX_FORMS_KEPT_WHY } : {}),
      },
    });
    const kept =
      taxFormsKept > 0
        ? `; the tax forms of ${withForms.length === 1 ? "the creator" : `${withForms.length} creators`} linked to this customer are kept (${TAX_FORMS_KEPT_WHY})`
        : "";
    return { reason: `${orders.length} orders anonymised${kept}` };
  });
}
