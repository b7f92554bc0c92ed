// The plan editor's client state: what the form fields hold as text, from a stored plan or empty.
import { toDecimalString } from "~/domain/money";
import { basisPointsToPercent } from "~/settings/shop-settings-schema";
import type { PlanInput } from "~/plans/plan-form-schema";

export interface OverrideRow {
  target: "product" | "collection";
  /** As sent: a numeric id or a GID. */
  id: string;
  title: string;
  value: string;
}

export interface PlanFormValues {
  name: string;
  kind: "percentage" | "flat";
  rate: string;
  flatAmount: string;
  newCustomersOnly: boolean;
  excludeShipping: boolean;
  excludeTips: boolean;
  excludeGiftCards: boolean;
  excludeTaxes: boolean;
  overrides: OverrideRow[];
}

/** A new plan starts with DOMAIN.md §4's exclusions on. */
export const NEW_PLAN_VALUES: PlanFormValues = {
  name: "",
  kind: "percentage",
  rate: "",
  flatAmount: "",
  newCustomersOnly: false,
  excludeShipping: true,
  excludeTips: true,
  excludeGiftCards: true,
  excludeTaxes: true,
  overrides: [],
};

/** A stored plan (as the form schema reads it) back into the form's text fields. */
export function planFormValues(plan: PlanInput, currency: string): PlanFormValues {
  const rate = (bp: number | null) => (bp === null ? "" : basisPointsToPercent(bp));
  const amount = (minor: number | null) => (minor === null ? "" : toDecimalString({ amountMinor: minor, currency }));
  return {
    name: plan.name,
    kind: plan.kind,
    rate: rate(plan.rateBasisPoints),
    flatAmount: amount(plan.flatAmountMinor),
    newCustomersOnly: plan.newCustomersOnly,
    excludeShipping: plan.excludeShipping,
    excludeTips: plan.excludeTips,
    excludeGiftCards: plan.excludeGiftCards,
    excludeTaxes: plan.excludeTaxes,
    overrides: plan.overrides.map((o) => ({
      target: o.target,
      id: o.targetId,
      title: o.title ?? "",
      value: plan.kind === "percentage" ? rate(o.rateBasisPoints) : amount(o.flatAmountMinor),
    })),
  };
}
