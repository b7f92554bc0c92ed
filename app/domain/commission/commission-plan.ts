import { z } from "zod";
import { MAX_AMOUNT_MINOR } from "../amount-limits";
import { isCurrencyCode } from "../currency";
import { BASIS_POINTS_PER_WHOLE } from "../rounding";
import type { ParseResult } from "./shopify-order";
import { describeIssue, formatPath } from "./zod-reason";

/**
 * A commission plan as a commission keeps it (DOMAIN.md §2): the snapshot taken when the
 * commission was computed, so later edits to the plan never change past commissions.
 */

export interface PlanOverride {
  target: "product" | "collection";
  targetId: string;
  /** Used by percentage plans. */
  rateBasisPoints: number | null;
  /** Used by flat plans. */
  flatAmountMinor: number | null;
}

export interface PlanSnapshot {
  planId: string | null;
  name: string;
  kind: "percentage" | "flat";
  rateBasisPoints: number | null;
  flatAmountMinor: number | null;
  /** The currency of flatAmountMinor (null for percentage plans). */
  currency: string | null;
  newCustomersOnly: boolean;
  excludeShipping: boolean;
  excludeTips: boolean;
  excludeGiftCards: boolean;
  excludeTaxes: boolean;
  overrides: PlanOverride[];
}

const rate = z.number().int().min(0).max(BASIS_POINTS_PER_WHOLE);
const minor = z.number().int().nonnegative().max(MAX_AMOUNT_MINOR, `is over the maximum amount (${MAX_AMOUNT_MINOR} minor units)`);

const overrideSchema = z
  .object({
    target: z.enum(["product", "collection"]),
    targetId: z.string().min(1),
    rateBasisPoints: rate.nullable().default(null),
    flatAmountMinor: minor.nullable().default(null),
  })
  .refine((o) => o.rateBasisPoints !== null || o.flatAmountMinor !== null, "needs a rate or a flat amount");

// Snapshots written before a flag existed read back with the product default: the DOMAIN.md §4
// exclusions on, new-customer-only off.
const planSchema = z
  .object({
    planId: z.string().nullable().default(null),
    name: z.string().default(""),
    kind: z.enum(["percentage", "flat"]),
    rateBasisPoints: rate.nullable().default(null),
    flatAmountMinor: minor.nullable().default(null),
    currency: z.string().refine(isCurrencyCode, "is not a currency we know").nullable().default(null),
    newCustomersOnly: z.boolean().default(false),
    excludeShipping: z.boolean().default(true),
    excludeTips: z.boolean().default(true),
    excludeGiftCards: z.boolean().default(true),
    excludeTaxes: z.boolean().default(true),
    overrides: z.array(overrideSchema).default([]),
  })
  .superRefine((plan, ctx) => {
    if (plan.kind === "percentage" && plan.rateBasisPoints === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["rateBasisPoints"], message: "is required for a percentage plan" });
    }
    if (plan.kind === "flat" && plan.flatAmountMinor === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["flatAmountMinor"], message: "is required for a flat plan" });
    }
    if (plan.kind === "flat" && plan.currency === null) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["currency"], message: "is required for a flat plan" });
    }
  });

/** For snapshots read back from JSON: a plan we can compute with, or the first thing wrong. */
export function validatePlanSnapshot(plan: unknown): ParseResult<PlanSnapshot> {
  const parsed = planSchema.safeParse(plan);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const where = formatPath(issue.path);
  const field = where === "" ? "The commission plan" : `The commission plan's ${where}`;
  const problem = describeIssue(issue);
  return { ok: false, reason: `${field} ${problem}.` };
}

/** The most specific plan wins: the deal's, else the creator's, else the shop default. */
export function choosePlan(candidates: {
  deal: PlanSnapshot | null;
  creator: PlanSnapshot | null;
  shop: PlanSnapshot | null;
}): PlanSnapshot | null {
  return candidates.deal ?? candidates.creator ?? candidates.shop;
}
