// Shopify-shaped order and refund payloads (REST resources as webhooks deliver them, API
// 2026-04) built from a few numbers, starting from the shared fixtures' shape.
import { readFileSync } from "node:fs";

const orderTemplate = JSON.parse(readFileSync("tests/fixtures/shopify/orders-create.json", "utf8"));
const refundTemplate = JSON.parse(readFileSync("tests/fixtures/shopify/refunds-create.json", "utf8"));

const money = (minor: number, currency = "USD") => {
  const amount = (minor / 100).toFixed(2);
  return { amount, set: { shop_money: { amount, currency_code: currency }, presentment_money: { amount, currency_code: currency } } };
};

export interface OrderLineSpec {
  lineId: number;
  productId: number;
  quantity: number;
  unitPriceMinor: number;
  discountMinor?: number;
}

export interface OrderSpec {
  orderId: number;
  name?: string;
  createdAt: string;
  updatedAt: string;
  financialStatus?: string;
  cancelledAt?: string | null;
  lines: OrderLineSpec[];
  creatorRef?: string | null;
  discountCodes?: string[];
  customer?: { id: number; email: string; ordersCount: number };
  test?: boolean;
  referringSite?: string | null;
  landingSite?: string | null;
  shippingAddress?: { address1: string; zip: string; countryCode: string } | null;
}

export function orderPayload(spec: OrderSpec): Record<string, unknown> {
  const order = structuredClone(orderTemplate);
  const subtotal = spec.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity - (l.discountMinor ?? 0), 0);
  const discounts = spec.lines.reduce((s, l) => s + (l.discountMinor ?? 0), 0);
  const lineTotal = spec.lines.reduce((s, l) => s + l.unitPriceMinor * l.quantity, 0);
  Object.assign(order, {
    id: spec.orderId,
    admin_graphql_api_id: `gid://shopify/Order/${spec.orderId}`,
    name: spec.name ?? `#${spec.orderId % 100000}`,
    created_at: spec.createdAt,
    updated_at: spec.updatedAt,
    processed_at: spec.createdAt,
    financial_status: spec.financialStatus ?? "paid",
    cancelled_at: spec.cancelledAt ?? null,
    test: spec.test ?? false,
    subtotal_price: money(subtotal).amount,
    subtotal_price_set: money(subtotal).set,
    current_subtotal_price_set: money(subtotal).set,
    total_discounts: money(discounts).amount,
    total_discounts_set: money(discounts).set,
    current_total_discounts_set: money(discounts).set,
    total_line_items_price: money(lineTotal).amount,
    total_tax: "0.00",
    total_tax_set: money(0).set,
    tax_lines: [],
    total_price: money(subtotal + 795).amount,
    total_price_set: money(subtotal + 795).set,
    current_total_price_set: money(subtotal + 795).set,
    discount_codes: (spec.discountCodes ?? []).map((code) => ({ code, amount: "0.00", type: "fixed_amount" })),
    note_attributes: spec.creatorRef ? [{ name: "_creator_ref", value: spec.creatorRef }] : [],
    customer: spec.customer
      ? { id: spec.customer.id, email: spec.customer.email, orders_count: spec.customer.ordersCount }
      : { id: 7301112233, email: "jamie.buyer@example.com", orders_count: 1 },
    email: spec.customer?.email ?? "jamie.buyer@example.com",
    ...(spec.referringSite !== undefined ? { referring_site: spec.referringSite } : {}),
    ...(spec.landingSite !== undefined ? { landing_site: spec.landingSite } : {}),
    ...(spec.shippingAddress
      ? {
          shipping_address: {
            address1: spec.shippingAddress.address1,
            zip: spec.shippingAddress.zip,
            country_code: spec.shippingAddress.countryCode,
          },
        }
      : {}),
    line_items: spec.lines.map((line) => ({
      id: line.lineId,
      admin_graphql_api_id: `gid://shopify/LineItem/${line.lineId}`,
      product_id: line.productId,
      variant_id: line.productId + 100000,
      title: `Product ${line.productId}`,
      name: `Product ${line.productId}`,
      quantity: line.quantity,
      current_quantity: line.quantity,
      price: money(line.unitPriceMinor).amount,
      price_set: money(line.unitPriceMinor).set,
      total_discount: "0.00",
      total_discount_set: money(0).set,
      discount_allocations: line.discountMinor
        ? [{ amount: money(line.discountMinor).amount, amount_set: money(line.discountMinor).set, discount_application_index: 0 }]
        : [],
      tax_lines: [],
      taxable: true,
      requires_shipping: true,
      gift_card: false,
    })),
  });
  delete order.refunds;
  return order;
}

export interface RefundSpec {
  refundId: number;
  orderId: number;
  createdAt: string;
  lines: { lineId: number; quantity: number; subtotalMinor: number }[];
}

export function refundPayload(spec: RefundSpec): Record<string, unknown> {
  const refund = structuredClone(refundTemplate);
  Object.assign(refund, {
    id: spec.refundId,
    admin_graphql_api_id: `gid://shopify/Refund/${spec.refundId}`,
    order_id: spec.orderId,
    created_at: spec.createdAt,
    processed_at: spec.createdAt,
    refund_line_items: spec.lines.map((line, index) => ({
      id: spec.refundId * 10 + index,
      line_item_id: line.lineId,
      quantity: line.quantity,
      restock_type: "return",
      subtotal: money(line.subtotalMinor).amount,
      subtotal_set: money(line.subtotalMinor).set,
      total_tax: 0,
      total_tax_set: money(0).set,
    })),
    transactions: [],
  });
  return refund;
}
