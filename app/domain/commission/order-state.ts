import { EMPTY_ORDER_AGGREGATE, type OrderAggregate } from "./order-aggregate";
import type { NormalizedOrder, NormalizedRefund, OrderLine, RefundLine } from "./shopify-order";

/**
 * The stored form of an order's aggregate (`AttributedOrder.orderState`): the same facts as
 * positional arrays, without the field names. Every order worked writes this row, and an
 * order's state (≈ 1.2 KiB as a jsonb object) is below PostgreSQL's 2 KiB TOAST threshold, so it
 * is logged uncompressed in full: the names were half of it (issue 16 §1, WAL per delivery).
 *
 * Lossless: decodeOrderState(encodeOrderState(a)) equals a, field for field, so the merge rules
 * (order-aggregate.ts, which compare whole versions on a tie) see exactly what they stored.
 * Rows written before this form (a jsonb object with `refunds`) still read as they are.
 */
export const ORDER_STATE_FORM = 2;

type Nullable<T> = T | null;
type EncodedLine = [string, Nullable<string>, number, number, number, number, boolean];
type EncodedRefundLine = [string, number, number, number];
type EncodedRefund = [string, string, string, EncodedRefundLine[], number];
type EncodedAddress = Nullable<[Nullable<string>, Nullable<string>, Nullable<string>]>;
/** An optional field (issue 17's risk facts) that an order stored before it does not have. */
const ABSENT = 0;
type Optional<T> = T | typeof ABSENT;
type EncodedOrder = [
  string, // shopifyOrderId
  string, // name
  string, // createdAt
  string, // updatedAt
  string, // currency
  Nullable<string>, // presentmentCurrency
  Nullable<number>, // presentmentTotalMinor
  Nullable<string>, // financialStatus
  Nullable<string>, // cancelledAt
  boolean, // test
  boolean, // taxesIncluded
  [Nullable<string>, Nullable<string>, Nullable<number>], // customer: id, email, ordersCount
  Nullable<string>, // email
  string[], // discountCodes
  Record<string, string>, // noteAttributes
  EncodedLine[], // lines
  number, // shippingMinor
  number, // shippingDiscountMinor
  number, // tipMinor
  number, // totalTaxMinor
  number, // subtotalMinor
  number, // totalMinor
  EncodedRefund[], // refunds
  Optional<Nullable<string>>, // referringSite
  Optional<Nullable<string>>, // landingSite
  Optional<EncodedAddress>, // shippingAddress
];
export type StoredOrderState = [typeof ORDER_STATE_FORM, Nullable<EncodedOrder>, EncodedRefund[], Nullable<string>];

const encodeLine = (l: OrderLine): EncodedLine => [
  l.lineId,
  l.productId,
  l.quantity,
  l.unitPriceMinor,
  l.discountMinor,
  l.taxMinor,
  l.giftCard,
];
const decodeLine = ([lineId, productId, quantity, unitPriceMinor, discountMinor, taxMinor, giftCard]: EncodedLine): OrderLine => ({
  lineId,
  productId,
  quantity,
  unitPriceMinor,
  discountMinor,
  taxMinor,
  giftCard,
});

const encodeRefund = (r: NormalizedRefund): EncodedRefund => [
  r.refundId,
  r.orderId,
  r.createdAt,
  r.lines.map((l): EncodedRefundLine => [l.lineId, l.quantity, l.subtotalMinor, l.taxMinor]),
  r.shippingMinor,
];
const decodeRefund = ([refundId, orderId, createdAt, lines, shippingMinor]: EncodedRefund): NormalizedRefund => ({
  refundId,
  orderId,
  createdAt,
  lines: lines.map(([lineId, quantity, subtotalMinor, taxMinor]): RefundLine => ({ lineId, quantity, subtotalMinor, taxMinor })),
  shippingMinor,
});

function encodeOrder(o: NormalizedOrder): EncodedOrder {
  const address = o.shippingAddress;
  return [
    o.shopifyOrderId,
    o.name,
    o.createdAt,
    o.updatedAt,
    o.currency,
    o.presentmentCurrency,
    o.presentmentTotalMinor,
    o.financialStatus,
    o.cancelledAt,
    o.test,
    o.taxesIncluded,
    [o.customer.id, o.customer.email, o.customer.ordersCount],
    o.email,
    o.discountCodes,
    o.noteAttributes,
    o.lines.map(encodeLine),
    o.shippingMinor,
    o.shippingDiscountMinor,
    o.tipMinor,
    o.totalTaxMinor,
    o.subtotalMinor,
    o.totalMinor,
    o.refunds.map(encodeRefund),
    o.referringSite === undefined ? ABSENT : o.referringSite,
    o.landingSite === undefined ? ABSENT : o.landingSite,
    address === undefined ? ABSENT : address === null ? null : [address.address1, address.zip, address.countryCode],
  ];
}

function decodeOrder(e: EncodedOrder): NormalizedOrder {
  const [
    shopifyOrderId,
    name,
    createdAt,
    updatedAt,
    currency,
    presentmentCurrency,
    presentmentTotalMinor,
    financialStatus,
    cancelledAt,
    test,
    taxesIncluded,
    [customerId, customerEmail, ordersCount],
    email,
    discountCodes,
    noteAttributes,
    lines,
    shippingMinor,
    shippingDiscountMinor,
    tipMinor,
    totalTaxMinor,
    subtotalMinor,
    totalMinor,
    refunds,
    referringSite,
    landingSite,
    address,
  ] = e;
  return {
    shopifyOrderId,
    name,
    createdAt,
    updatedAt,
    currency,
    presentmentCurrency,
    presentmentTotalMinor,
    financialStatus,
    cancelledAt,
    test,
    taxesIncluded,
    customer: { id: customerId, email: customerEmail, ordersCount },
    email,
    discountCodes,
    noteAttributes,
    lines: lines.map(decodeLine),
    shippingMinor,
    shippingDiscountMinor,
    tipMinor,
    totalTaxMinor,
    subtotalMinor,
    totalMinor,
    refunds: refunds.map(decodeRefund),
    ...(referringSite === ABSENT ? {} : { referringSite }),
    ...(landingSite === ABSENT ? {} : { landingSite }),
    ...(address === ABSENT
      ? {}
      : { shippingAddress: address === null ? null : { address1: address[0], zip: address[1], countryCode: address[2] } }),
  };
}

/** The aggregate as it is stored. */
export function encodeOrderState(aggregate: OrderAggregate): StoredOrderState {
  return [
    ORDER_STATE_FORM,
    aggregate.latest === null ? null : encodeOrder(aggregate.latest),
    aggregate.refunds.map(encodeRefund),
    aggregate.paidAt,
  ];
}

/**
 * The aggregate of a stored `orderState`: this form, or the object form of rows written before
 * it. Anything else (a row without an order yet, the demo's sample rows) is the empty aggregate.
 */
export function decodeOrderState(stored: unknown): OrderAggregate {
  if (Array.isArray(stored)) {
    if (stored[0] !== ORDER_STATE_FORM) return EMPTY_ORDER_AGGREGATE;
    const [, latest, refunds, paidAt] = stored as StoredOrderState;
    return { latest: latest === null ? null : decodeOrder(latest), refunds: refunds.map(decodeRefund), paidAt };
  }
  if (!stored || typeof stored !== "object" || !("refunds" in stored)) return EMPTY_ORDER_AGGREGATE;
  return stored as OrderAggregate;
}
