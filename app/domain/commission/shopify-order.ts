import { z } from "zod";
import { isCurrencyCode } from "../currency";
import { isDomainError } from "../errors";
import { amountLimitProblem } from "../amount-limits";
import { parseDecimalString } from "../money";
import { describeIssue, formatPath } from "./zod-reason";

/**
 * Shopify REST Order and Refund payloads (API 2026-04) → the few facts commissions need, in
 * shop-currency minor units. Amounts come from `*_set.shop_money` (the plain decimal field is
 * the fallback), never through a float. Unknown fields are ignored; a field we need that is
 * malformed gives `{ ok: false, reason }` naming the field, e.g.
 * "line_items[1].price_set.shop_money.amount is not a decimal amount".
 */

/** Cart attribute written by the storefront referral tracking (the "Referral tracking" embed). */
export const CREATOR_REF_ATTRIBUTE = "_creator_ref";

export interface OrderLine {
  lineId: string;
  productId: string | null;
  /** Ordered quantity (`quantity`, not `current_quantity`): refunds are subtracted separately. */
  quantity: number;
  unitPriceMinor: number;
  /** Sum of the line's discount_allocations (line and order discounts Shopify allocated to it). */
  discountMinor: number;
  taxMinor: number;
  giftCard: boolean;
}

export interface NormalizedOrder {
  shopifyOrderId: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  currency: string;
  presentmentCurrency: string | null;
  presentmentTotalMinor: number | null;
  financialStatus: string | null;
  cancelledAt: string | null;
  test: boolean;
  taxesIncluded: boolean;
  customer: { id: string | null; email: string | null; ordersCount: number | null };
  email: string | null;
  discountCodes: string[];
  noteAttributes: Record<string, string>;
  lines: OrderLine[];
  shippingMinor: number;
  shippingDiscountMinor: number;
  tipMinor: number;
  totalTaxMinor: number;
  subtotalMinor: number;
  totalMinor: number;
  refunds: NormalizedRefund[];
  /** Where the buyer came from and landed (risk signals: leaked codes); absent on orders stored before issue 17. */
  referringSite?: string | null;
  landingSite?: string | null;
  /** The shipping address's first line, postal code and country (risk signals: self-referral). */
  shippingAddress?: { address1: string | null; zip: string | null; countryCode: string | null } | null;
}

export interface RefundLine {
  lineId: string;
  quantity: number;
  subtotalMinor: number;
  taxMinor: number;
}

export interface NormalizedRefund {
  refundId: string;
  orderId: string;
  createdAt: string;
  lines: RefundLine[];
  shippingMinor: number;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; reason: string };

// ---------------------------------------------------------------------------------------------
// Schemas. Money fields need the currency's exponent, so they are built per shop currency.
// ---------------------------------------------------------------------------------------------

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d+$/, "is not a numeric id")]).transform((value) => String(value));
const timestamp = z.string().refine((text) => !Number.isNaN(Date.parse(text)), "is not a date and time");
const optionalText = z.string().nullish();

/** A decimal amount ("45.00"; a JSON number such as `0` is tolerated) → minor units. */
function amount(currency: string) {
  return z.union([z.string(), z.number()]).transform((value, ctx) => {
    try {
      return parseDecimalString(String(value), currency).amountMinor;
    } catch (error) {
      const tooPrecise = isDomainError(error) && /precision/.test(error.message);
      const overLimit = isDomainError(error) && error.code === "amount_over_limit";
      const message = overLimit
        ? `is over the maximum amount (${error.message})`
        : tooPrecise
          ? `has more decimals than ${currency} allows`
          : "is not a decimal amount";
      ctx.addIssue({ code: z.ZodIssueCode.custom, message });
      return z.NEVER;
    }
  });
}

function schemasFor(currency: string) {
  const money = amount(currency);
  const moneySet = z.object({ shop_money: z.object({ amount: money }) }).nullish();
  const discountAllocation = z.object({ amount: money.nullish(), amount_set: moneySet });
  const taxLine = z.object({ price: money.nullish(), price_set: moneySet });

  const lineItem = z.object({
    id,
    product_id: id.nullish(),
    quantity: z.number().int().nonnegative(),
    price: money.nullish(),
    price_set: moneySet,
    discount_allocations: z.array(discountAllocation).nullish(),
    tax_lines: z.array(taxLine).nullish(),
    gift_card: z.boolean().nullish(),
  });

  const refund = z.object({
    id,
    order_id: id.nullish(),
    created_at: timestamp.nullish(),
    processed_at: timestamp.nullish(),
    refund_line_items: z
      .array(
        z.object({
          line_item_id: id.nullish(),
          line_item: z.object({ id }).nullish(),
          quantity: z.number().int().nonnegative().nullish(),
          subtotal: money.nullish(),
          subtotal_set: moneySet,
          total_tax: money.nullish(),
          total_tax_set: moneySet,
        }),
      )
      .nullish(),
    order_adjustments: z.array(z.object({ kind: z.string().nullish(), amount: money.nullish(), amount_set: moneySet })).nullish(),
  });

  const order = z.object({
    id,
    name: optionalText,
    order_number: z.number().nullish(),
    email: optionalText,
    contact_email: optionalText,
    created_at: timestamp,
    updated_at: timestamp.nullish(),
    cancelled_at: timestamp.nullish(),
    financial_status: optionalText,
    test: z.boolean().nullish(),
    taxes_included: z.boolean().nullish(),
    presentment_currency: optionalText,
    total_price: money.nullish(),
    total_price_set: moneySet,
    subtotal_price: money.nullish(),
    subtotal_price_set: moneySet,
    total_tax: money.nullish(),
    total_tax_set: moneySet,
    total_shipping_price_set: moneySet,
    total_tip_received: money.nullish(),
    shipping_lines: z
      .array(z.object({ price: money.nullish(), price_set: moneySet, discount_allocations: z.array(discountAllocation).nullish() }))
      .nullish(),
    discount_codes: z.array(z.object({ code: z.string().nullish() })).nullish(),
    note_attributes: z.array(z.object({ name: z.string(), value: z.union([z.string(), z.number(), z.boolean()]).nullish() })).nullish(),
    customer: z.object({ id: id.nullish(), email: optionalText, orders_count: z.number().int().nonnegative().nullish() }).nullish(),
    referring_site: optionalText,
    landing_site: optionalText,
    shipping_address: z.object({ address1: optionalText, zip: optionalText, country_code: optionalText }).nullish(),
    line_items: z.array(lineItem),
    refunds: z.array(refund).nullish(),
  });

  return { order, refund };
}

type Schemas = ReturnType<typeof schemasFor>;
type RawOrder = z.infer<Schemas["order"]>;
type RawRefund = z.infer<Schemas["refund"]>;

const schemaCache = new Map<string, Schemas>();
function schemas(currency: string): Schemas {
  let found = schemaCache.get(currency);
  if (!found) {
    found = schemasFor(currency);
    schemaCache.set(currency, found);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

function reasonFrom(error: z.ZodError): string {
  const issue = error.issues[0]!;
  return `${formatPath(issue.path) || "The payload"} ${describeIssue(issue)}`;
}

/** A shop-money amount: the `*_set` value if present, else the plain field, else the default. */
function pick(set: { shop_money: { amount: number } } | null | undefined, plain: number | null | undefined, fallback: number): number {
  return set?.shop_money.amount ?? plain ?? fallback;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** The first shop_money currency code found anywhere under `value` (a refund has no `currency`). */
function findShopMoneyCurrency(value: unknown): string | null {
  if (Array.isArray(value)) {
    for (const item of value) {
      const found = findShopMoneyCurrency(item);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const shopMoney = record.shop_money as Record<string, unknown> | undefined;
    if (shopMoney && typeof shopMoney.currency_code === "string") return shopMoney.currency_code.trim().toUpperCase();
    for (const [key, child] of Object.entries(record)) {
      if (key === "presentment_money") continue;
      const found = findShopMoneyCurrency(child);
      if (found) return found;
    }
  }
  return null;
}

function normalizeRefund(raw: RawRefund, fallbackOrderId: string | null, prefix: string): ParseResult<NormalizedRefund> {
  const orderId = raw.order_id ?? fallbackOrderId;
  if (!orderId) return { ok: false, reason: `${prefix}order_id is missing` };
  const createdAt = raw.created_at ?? raw.processed_at;
  if (!createdAt) return { ok: false, reason: `${prefix}created_at is missing` };
  const lines: RefundLine[] = [];
  for (const [index, item] of (raw.refund_line_items ?? []).entries()) {
    const lineId = item.line_item_id ?? item.line_item?.id;
    if (!lineId) return { ok: false, reason: `${prefix}refund_line_items[${index}].line_item_id is missing` };
    lines.push({
      lineId,
      quantity: item.quantity ?? 0,
      subtotalMinor: pick(item.subtotal_set, item.subtotal, 0),
      taxMinor: pick(item.total_tax_set, item.total_tax, 0),
    });
  }
  // Shipping refunds are order adjustments with a negative amount; we keep what was returned.
  const shippingMinor = sum(
    (raw.order_adjustments ?? [])
      .filter((adjustment) => adjustment.kind === "shipping_refund")
      .map((adjustment) => Math.abs(pick(adjustment.amount_set, adjustment.amount, 0))),
  );
  return { ok: true, value: { refundId: raw.id, orderId, createdAt, lines, shippingMinor } };
}

// ---------------------------------------------------------------------------------------------
// Parsers
// ---------------------------------------------------------------------------------------------

export function parseShopifyOrder(payload: unknown): ParseResult<NormalizedOrder> {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    return { ok: false, reason: "The order payload is not a JSON object." };
  }
  const record = payload as Record<string, unknown>;
  // Shop currency: what the shop_money amounts are in; `currency` when no *_set is present.
  const currencyText =
    findShopMoneyCurrency([record.total_price_set, record.subtotal_price_set]) ??
    (typeof record.currency === "string" ? record.currency.trim().toUpperCase() : null);
  if (!currencyText) return { ok: false, reason: "currency is missing" };
  if (!isCurrencyCode(currencyText)) return { ok: false, reason: `currency "${currencyText}" is not a currency we know` };

  const parsed = schemas(currencyText).order.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: reasonFrom(parsed.error) };
  const raw: RawOrder = parsed.data;

  const lines: OrderLine[] = [];
  for (const [index, item] of raw.line_items.entries()) {
    const unitPriceMinor = item.price_set?.shop_money.amount ?? item.price;
    if (unitPriceMinor == null) return { ok: false, reason: `line_items[${index}].price is missing` };
    // Each amount was capped when parsed; the line's total (price × quantity) is one amount too.
    const lineProblem = amountLimitProblem(BigInt(unitPriceMinor) * BigInt(item.quantity), currencyText);
    if (lineProblem) {
      return { ok: false, reason: `line_items[${index}] (price × quantity) is over the maximum amount: ${lineProblem}` };
    }
    lines.push({
      lineId: item.id,
      productId: item.product_id ?? null,
      quantity: item.quantity,
      unitPriceMinor,
      discountMinor: sum((item.discount_allocations ?? []).map((a) => pick(a.amount_set, a.amount, 0))),
      taxMinor: sum((item.tax_lines ?? []).map((t) => pick(t.price_set, t.price, 0))),
      giftCard: item.gift_card ?? false,
    });
  }

  const refunds: NormalizedRefund[] = [];
  for (const [index, rawRefund] of (raw.refunds ?? []).entries()) {
    const refund = normalizeRefund(rawRefund, raw.id, `refunds[${index}].`);
    if (!refund.ok) return refund;
    refunds.push(refund.value);
  }

  const shippingLines = raw.shipping_lines ?? [];
  const shippingMinor = pick(
    raw.total_shipping_price_set,
    undefined,
    sum(shippingLines.map((line) => pick(line.price_set, line.price, 0))),
  );
  const shippingDiscountMinor = sum(
    shippingLines.flatMap((line) => (line.discount_allocations ?? []).map((a) => pick(a.amount_set, a.amount, 0))),
  );
  const taxesIncluded = raw.taxes_included ?? false;
  const tipMinor = raw.total_tip_received ?? 0;
  const totalTaxMinor = pick(raw.total_tax_set, raw.total_tax, sum(lines.map((line) => line.taxMinor)));
  // Without a subtotal we assume every order discount was allocated to lines.
  const subtotalMinor = pick(
    raw.subtotal_price_set,
    raw.subtotal_price,
    sum(lines.map((line) => line.unitPriceMinor * line.quantity - line.discountMinor)),
  );
  const totalMinor = pick(
    raw.total_price_set,
    raw.total_price,
    subtotalMinor + shippingMinor - shippingDiscountMinor + tipMinor + (taxesIncluded ? 0 : totalTaxMinor),
  );

  const presentment = presentmentTotal(record);
  const noteAttributes: Record<string, string> = {};
  for (const attribute of raw.note_attributes ?? []) {
    // The first value wins when the storefront wrote an attribute twice.
    if (!(attribute.name in noteAttributes) && attribute.value != null) {
      noteAttributes[attribute.name] = String(attribute.value);
    }
  }

  return {
    ok: true,
    value: {
      shopifyOrderId: raw.id,
      name: raw.name ?? (raw.order_number != null ? `#${raw.order_number}` : `#${raw.id}`),
      createdAt: raw.created_at,
      updatedAt: raw.updated_at ?? raw.created_at,
      currency: currencyText,
      presentmentCurrency: presentment.currency,
      presentmentTotalMinor: presentment.totalMinor,
      financialStatus: raw.financial_status ?? null,
      cancelledAt: raw.cancelled_at ?? null,
      test: raw.test ?? false,
      taxesIncluded,
      customer: {
        id: raw.customer?.id ?? null,
        email: raw.customer?.email ?? null,
        ordersCount: raw.customer?.orders_count ?? null,
      },
      email: raw.email ?? raw.contact_email ?? raw.customer?.email ?? null,
      referringSite: raw.referring_site ?? null,
      landingSite: raw.landing_site ?? null,
      shippingAddress: raw.shipping_address
        ? {
            address1: raw.shipping_address.address1 ?? null,
            zip: raw.shipping_address.zip ?? null,
            countryCode: raw.shipping_address.country_code ?? null,
          }
        : null,
      discountCodes: (raw.discount_codes ?? []).map((discount) => (discount.code ?? "").trim().toUpperCase()).filter((code) => code !== ""),
      noteAttributes,
      lines,
      shippingMinor,
      shippingDiscountMinor,
      tipMinor,
      totalTaxMinor,
      subtotalMinor,
      totalMinor,
      refunds,
    },
  };
}

/** Presentment amounts are for display only, so a malformed one is dropped, not an error. */
function presentmentTotal(record: Record<string, unknown>): { currency: string | null; totalMinor: number | null } {
  const set = record.total_price_set as { presentment_money?: { amount?: unknown; currency_code?: unknown } } | undefined;
  const code =
    typeof set?.presentment_money?.currency_code === "string"
      ? set.presentment_money.currency_code.trim().toUpperCase()
      : typeof record.presentment_currency === "string"
        ? record.presentment_currency.trim().toUpperCase()
        : null;
  if (!code || !isCurrencyCode(code)) return { currency: code, totalMinor: null };
  const text = set?.presentment_money?.amount;
  if (typeof text !== "string" && typeof text !== "number") return { currency: code, totalMinor: null };
  try {
    return { currency: code, totalMinor: parseDecimalString(String(text), code).amountMinor };
  } catch {
    return { currency: code, totalMinor: null };
  }
}

export function parseShopifyRefund(payload: unknown): ParseResult<NormalizedRefund> {
  if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
    return { ok: false, reason: "The refund payload is not a JSON object." };
  }
  const record = payload as Record<string, unknown>;
  // A refund carries no `currency`; its shop_money amounts say which one. Without any, the
  // refund has no amounts to read and the exponent does not matter.
  const currency = findShopMoneyCurrency([record.refund_line_items, record.order_adjustments]);
  if (currency !== null && !isCurrencyCode(currency)) {
    return { ok: false, reason: `shop_money currency "${currency}" is not a currency we know` };
  }
  if (currency === null && hasPlainAmounts(record)) {
    return { ok: false, reason: "The refund's amounts have no shop_money currency, so they cannot be read exactly." };
  }
  const parsed = schemas(currency ?? "USD").refund.safeParse(payload);
  if (!parsed.success) return { ok: false, reason: reasonFrom(parsed.error) };
  return normalizeRefund(parsed.data, null, "");
}

function hasPlainAmounts(record: Record<string, unknown>): boolean {
  const items = Array.isArray(record.refund_line_items) ? record.refund_line_items : [];
  const adjustments = Array.isArray(record.order_adjustments) ? record.order_adjustments : [];
  return (
    items.some((item) => item && typeof item === "object" && ("subtotal" in item || "total_tax" in item)) ||
    adjustments.some((adjustment) => adjustment && typeof adjustment === "object" && "amount" in adjustment)
  );
}
