// How a plan's terms read on screen ("12.5 % of the eligible amount", "$5.00 per order"). Pure.
import { formatMoney } from "../domain/money";
import { basisPointsToPercent } from "../settings/shop-settings-schema";

export interface PlanTerms {
  kind: "percentage" | "flat";
  rateBasisPoints: number | null;
  flatAmountMinor: number | null;
  currency: string | null;
}

/** One override's or one plan's rate or amount, e.g. "12.5 %" or "$5.00". */
export function planValue(terms: PlanTerms): string {
  if (terms.kind === "percentage") return `${basisPointsToPercent(terms.rateBasisPoints ?? 0)} %`;
  return terms.currency ? formatMoney({ amountMinor: terms.flatAmountMinor ?? 0, currency: terms.currency }) : "—";
}

export function describePlanTerms(terms: PlanTerms): string {
  return terms.kind === "percentage" ? `${planValue(terms)} of the eligible amount` : `${planValue(terms)} per order`;
}
