// The plan editor's form (app/routes/app.plans.$planId.tsx), validated by parseForm in the action.
// Pure: percentages become basis points, amounts minor units of the shop currency, product and
// collection references the numeric ids Shopify puts on orders (what the engine matches).
import { z } from "zod";
import { isDomainError } from "../domain/errors";
import { parseMoney } from "../domain/money";
import { parsePercentToBasisPoints } from "../settings/shop-settings-schema";

export const OVERRIDE_TARGETS = ["product", "collection"] as const;
export type OverrideTarget = (typeof OVERRIDE_TARGETS)[number];
/** More overrides than a form can sensibly show: refused rather than stored. */
export const MAX_PLAN_OVERRIDES = 100;

const PERCENT_SENTENCE = "Enter a percentage between 0 and 100 with at most two decimals, e.g. 10 or 12.5.";
const GID_TYPE: Record<OverrideTarget, string> = { product: "Product", collection: "Collection" };

/** "gid://shopify/Product/123" or "123" → "123" (orders carry numeric product ids); null when neither. */
export function shopifyNumericId(input: string, target: OverrideTarget): string | null {
  const text = input.trim();
  if (/^\d{1,20}$/.test(text)) return text;
  const match = /^gid:\/\/shopify\/(\w+)\/(\d{1,20})$/.exec(text);
  return match && match[1] === GID_TYPE[target] ? match[2] : null;
}

const checkbox = z.preprocess((v) => v === "on" || v === "true", z.boolean());
/** A field sent once is a string, sent n times a list: always a list here. */
const list = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string({ invalid_type_error: "Send text." }).max(300, "Keep it under 300 characters.")),
);

const text = z.preprocess((v) => (typeof v === "string" ? v : ""), z.string());

// Every field is read leniently here and judged in planFormSchema's transform, so one answer
// names every field to fix at once (not only the first group zod would stop at).
export const planFormFields = z.object({
  name: text,
  kind: text,
  rate: text,
  flatAmount: text,
  newCustomersOnly: checkbox,
  excludeShipping: checkbox,
  excludeTips: checkbox,
  excludeGiftCards: checkbox,
  excludeTaxes: checkbox,
  overrideTarget: list,
  overrideId: list,
  overrideTitle: list,
  overrideValue: list,
});

export interface PlanOverrideInput {
  target: OverrideTarget;
  targetId: string;
  title: string | null;
  rateBasisPoints: number | null;
  flatAmountMinor: number | null;
}

export interface PlanInput {
  name: string;
  kind: "percentage" | "flat";
  rateBasisPoints: number | null;
  flatAmountMinor: number | null;
  newCustomersOnly: boolean;
  excludeShipping: boolean;
  excludeTips: boolean;
  excludeGiftCards: boolean;
  excludeTaxes: boolean;
  overrides: PlanOverrideInput[];
}

/**
 * The plan form's schema for a shop currency: a percentage plan needs a rate (0–100 %, two
 * decimals), a flat plan an amount (within the amount limit); each override a product or
 * collection and its own rate or amount of the same kind. Field errors are keyed by field
 * name, overrides' as `overrides.<n>.id` / `overrides.<n>.value`.
 */
export function planFormSchema(currency: string) {
  return planFormFields.transform((form, ctx): PlanInput => {
    const fail = (path: string, message: string) => {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
      return null;
    };
    const amountOf = (input: string, path: string): number | null => {
      try {
        const { amountMinor } = parseMoney(input, currency);
        return amountMinor < 0 ? fail(path, "Enter an amount of zero or more.") : amountMinor;
      } catch (error) {
        if (isDomainError(error)) return fail(path, error.message);
        throw error;
      }
    };
    const rateOf = (input: string, path: string) => parsePercentToBasisPoints(input) ?? fail(path, PERCENT_SENTENCE);
    const name = form.name.trim();
    if (name === "") fail("name", "Name the plan, e.g. “Spring 15 %”.");
    else if (name.length > 120) fail("name", "Keep the name under 120 characters.");
    const kind = form.kind === "percentage" || form.kind === "flat" ? form.kind : null;
    if (kind === null) fail("kind", "Choose a percentage or a flat amount per order.");
    const valueOf = (input: string, path: string) =>
      kind === "flat"
        ? { rateBasisPoints: null, flatAmountMinor: amountOf(input, path) }
        : kind === "percentage"
          ? { rateBasisPoints: rateOf(input, path), flatAmountMinor: null }
          : { rateBasisPoints: null, flatAmountMinor: null };

    const base = valueOf(kind === "flat" ? form.flatAmount : form.rate, kind === "flat" ? "flatAmount" : "rate");
    if (form.overrideId.length > MAX_PLAN_OVERRIDES) fail("overrides", `A plan can have at most ${MAX_PLAN_OVERRIDES} overrides.`);
    const overrides: PlanOverrideInput[] = [];
    const seen = new Set<string>();
    form.overrideId.slice(0, MAX_PLAN_OVERRIDES).forEach((rawId, index) => {
      const target = form.overrideTarget[index];
      if (target !== "product" && target !== "collection") {
        fail(`overrides.${index}.id`, "Choose whether this override is for a product or a collection.");
        return;
      }
      const targetId = shopifyNumericId(rawId, target);
      if (targetId === null) {
        fail(`overrides.${index}.id`, `Enter a ${target} id like gid://shopify/${GID_TYPE[target]}/123 or 123, or pick one.`);
        return;
      }
      if (seen.has(`${target}:${targetId}`)) {
        fail(`overrides.${index}.id`, `This ${target} already has an override above.`);
        return;
      }
      seen.add(`${target}:${targetId}`);
      const title = form.overrideTitle[index]?.trim() || null;
      overrides.push({ target, targetId, title, ...valueOf(form.overrideValue[index] ?? "", `overrides.${index}.value`) });
    });
    return {
      name,
      kind: kind ?? "percentage",
      rateBasisPoints: base.rateBasisPoints,
      flatAmountMinor: base.flatAmountMinor,
      newCustomersOnly: form.newCustomersOnly,
      excludeShipping: form.excludeShipping,
      excludeTips: form.excludeTips,
      excludeGiftCards: form.excludeGiftCards,
      excludeTaxes: form.excludeTaxes,
      overrides,
    };
  });
}
