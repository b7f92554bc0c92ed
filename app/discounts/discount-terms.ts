// The terms of a creator's basic code discount in Shopify (percentage or fixed amount off,
// minimum subtotal, once per customer, combinations), as the merchant fills them in, and how
// they become Shopify's DiscountCodeBasicInput. Pure: no I/O.
import { z } from "zod";
import { minorUnitExponent } from "../domain/currency";

const checkbox = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((value) => [value].flat().some((v) => v === "on" || v === "true"));

/** A positive amount with at most the currency's minor-unit decimals (JPY none, USD 2, KWD 3). */
function amountPattern(currency: string): RegExp {
  const decimals = minorUnitExponent(currency);
  return decimals === 0 ? /^\d{1,9}$/ : new RegExp(`^\\d{1,7}(\\.\\d{1,${decimals}})?$`);
}

/** The field's sentence for a shop in `currency` (USD and the other 2-decimal currencies: the usual examples). */
function amountMessage(currency: string, field: "value" | "minimumSubtotal"): string {
  const decimals = minorUnitExponent(currency);
  if (decimals === 0) {
    return field === "value"
      ? `${currency} has no decimals: enter a whole amount like 500.`
      : `${currency} has no decimals: enter a whole minimum subtotal like 5000, or leave it blank.`;
  }
  const note = decimals === 2 ? "" : ` (${currency} amounts have ${decimals} decimals)`;
  return field === "value"
    ? `Enter an amount like 10 or 12.${"5".padEnd(decimals, "0")}${note}.`
    : `Enter a minimum subtotal like 50 or 49.${"9".repeat(decimals)}, or leave it blank${note}.`;
}

const baseTermsSchema = z.object({
  // Blank: generated from the creator's name plus digits.
  code: z
    .string()
    .trim()
    .toUpperCase()
    .optional()
    .default("")
    .refine((c) => c === "" || /^[A-Z0-9_-]{3,40}$/.test(c), "Use 3 to 40 letters, digits, dashes or underscores, e.g. AVA15."),
  valueKind: z.enum(["percentage", "fixed_amount"], { errorMap: () => ({ message: "Choose percentage or fixed amount off." }) }),
  // A percentage (1–100) or an amount in the shop currency ("5", "12.50").
  value: z.string().trim().min(1, "Enter how much the code takes off."),
  minimumSubtotal: z.string().trim().optional().default(""),
  oncePerCustomer: checkbox,
  combinesWithOrderDiscounts: checkbox,
  combinesWithProductDiscounts: checkbox,
  combinesWithShippingDiscounts: checkbox,
});

/**
 * The terms form for a shop in `currency`: a fixed amount and a minimum subtotal take at most the
 * currency's decimals (Shopify reads them in the shop currency; 12.50 JPY is not an amount).
 */
export function discountTermsSchemaFor(currency: string) {
  const amount = amountPattern(currency);
  return baseTermsSchema.superRefine((terms, ctx) => {
    if (terms.valueKind === "percentage") {
      const percent = Number(terms.value);
      if (!/^\d{1,3}(\.\d{1,2})?$/.test(terms.value) || percent <= 0 || percent > 100) {
        ctx.addIssue({ code: "custom", path: ["value"], message: "Enter a percentage between 1 and 100, e.g. 15." });
      }
    } else if (!amount.test(terms.value) || Number(terms.value) <= 0) {
      ctx.addIssue({ code: "custom", path: ["value"], message: amountMessage(currency, "value") });
    }
    if (terms.minimumSubtotal !== "" && !amount.test(terms.minimumSubtotal)) {
      ctx.addIssue({ code: "custom", path: ["minimumSubtotal"], message: amountMessage(currency, "minimumSubtotal") });
    }
  });
}

/** A USD shop's terms form (the examples in tests). */
export const discountTermsSchema = discountTermsSchemaFor("USD");

export type DiscountTerms = z.output<typeof discountTermsSchema>;

/** A code from the creator's name plus digits: "Ava Chen" → "AVACHEN" + 2 digits, e.g. AVACHEN37. */
export function generateDiscountCode(creatorName: string, random: () => number = Math.random): string {
  const letters =
    creatorName
      .normalize("NFKD")
      .replace(/[^A-Za-z0-9]/g, "")
      .toUpperCase()
      .slice(0, 16) || "CREATOR";
  const digits = String(Math.floor(random() * 90) + 10);
  return `${letters}${digits}`;
}

/** Shopify's DiscountCodeBasicInput for the terms: applies to all items, from now, no end. */
export function basicDiscountInput(terms: DiscountTerms, code: string, title: string, startsAt: Date) {
  const value =
    terms.valueKind === "percentage"
      ? // Shopify takes a fraction: 15 % is 0.15.
        { percentage: Math.round(Number(terms.value) * 100) / 10000 }
      : { discountAmount: { amount: terms.value, appliesOnEachItem: false } };
  return {
    title,
    code,
    startsAt: startsAt.toISOString(),
    context: { all: "ALL" },
    customerGets: { value, items: { all: true } },
    minimumRequirement: terms.minimumSubtotal ? { subtotal: { greaterThanOrEqualToSubtotal: terms.minimumSubtotal } } : null,
    appliesOncePerCustomer: terms.oncePerCustomer,
    combinesWith: {
      orderDiscounts: terms.combinesWithOrderDiscounts,
      productDiscounts: terms.combinesWithProductDiscounts,
      shippingDiscounts: terms.combinesWithShippingDiscounts,
    },
  };
}
