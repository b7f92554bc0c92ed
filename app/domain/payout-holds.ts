// The one door every way of paying a payout asks first: the reasons this payout may not be paid
// now. Each reason is one rule over facts the caller read (no I/O here); a payout with no reasons
// may be paid. Rules: a W-9 is missing above the US reporting threshold; a payout above the shop's
// amount awaits a second staff member's approval. Later rules (a risk flag under review) add a
// fact section and a rule to HOLD_RULES; every payment path already asks this function, so none
// of them changes.
import { formatMoney } from "./money";
import { isReportable, REPORTING_CURRENCY, reportingThresholdMinor } from "./tax-reporting-thresholds";

export type PayoutHoldCode = "w9_missing" | "awaits_second_approval";

export interface PayoutHold {
  code: PayoutHoldCode;
  /** What the merchant reads on every screen that could pay the payout. */
  sentence: string;
}

/** US information reporting (Form 1099-NEC) for one payout; null when the payer is not a US shop. */
export interface TaxReportingFacts {
  /** The calendar year (shop time zone) the payout would be paid in. */
  year: number;
  /** A W-9 is on file, or nothing says the creator is not a US person (no valid W-8BEN, country US or unknown). */
  payeeIsUsPerson: boolean;
  validW9OnFile: boolean;
  /** USD cents paid (or being paid) to the creator in `year` on every rail, this payout excluded. */
  paidInYearMinor: number;
}

/** Two-person approval for one payout; null when the shop sets no amount for its currency. */
export interface SecondApprovalFacts {
  /** Above this amount (minor units, the payout's currency) a second approval is needed. */
  thresholdMinor: number;
  /** Staff ids of whoever created or requested the payout: none of them may be its second approver. */
  initiatorIds: readonly string[];
  /** The approval on record (one per payout): who gave it and the amount they approved. */
  approval: { approverId: string; approverName: string | null; amountMinor: number } | null;
}

export interface PayoutHoldFacts {
  payout: { amountMinor: number; currency: string };
  taxReporting: TaxReportingFacts | null;
  secondApproval?: SecondApprovalFacts | null;
}

type HoldRule = (facts: PayoutHoldFacts) => PayoutHold | null;

/** Whether paying `amountMinor` USD cents on top of `paidInYearMinor` makes the creator reportable for `year`. */
export function wouldBeReportable(paidInYearMinor: number, amountMinor: number, year: number): boolean {
  return isReportable(paidInYearMinor + amountMinor, year);
}

const w9MissingAboveThreshold: HoldRule = ({ payout, taxReporting: tax }) => {
  if (!tax || !tax.payeeIsUsPerson || tax.validW9OnFile) return null;
  const threshold = formatMoney({ amountMinor: reportingThresholdMinor(tax.year), currency: REPORTING_CURRENCY });
  if (payout.currency !== REPORTING_CURRENCY) {
    // No exchange rate is invented, so a payment in another currency cannot be counted: it waits.
    return {
      code: "w9_missing",
      sentence: `Waiting for a W-9: a payment in ${payout.currency} to a US person cannot be counted toward the ${threshold} reporting threshold, so it needs a W-9 on file first.`,
    };
  }
  if (!wouldBeReportable(tax.paidInYearMinor, payout.amountMinor, tax.year)) return null;
  return {
    code: "w9_missing",
    sentence: `Waiting for a W-9: with this payout the creator's ${tax.year} payments reach the ${threshold} US reporting threshold, and no valid W-9 is on file.`,
  };
};

/** Whether a payout of `amountMinor` needs a second approval under `thresholdMinor` (strictly above it). */
export function needsSecondApproval(amountMinor: number, thresholdMinor: number): boolean {
  return amountMinor > thresholdMinor;
}

const secondApprovalAboveAmount: HoldRule = ({ payout, secondApproval: rule }) => {
  if (!rule || !needsSecondApproval(payout.amountMinor, rule.thresholdMinor)) return null;
  const money = (amountMinor: number) => formatMoney({ amountMinor, currency: payout.currency });
  const { approval } = rule;
  // The approval counts only from someone other than who created or requested the payout, and
  // only for the amount that person saw: items added or removed since need approving again.
  const validApprover = approval !== null && !rule.initiatorIds.includes(approval.approverId);
  if (validApprover && approval.amountMinor === payout.amountMinor) return null;
  const because = `it is above ${money(rule.thresholdMinor)}, so a second staff member (not the one who created or requested it) must approve it before it is paid`;
  if (validApprover) {
    return {
      code: "awaits_second_approval",
      sentence: `Awaits a second approval: ${approval.approverName ?? "an approver"} approved ${money(approval.amountMinor)}, but the payout is now ${money(payout.amountMinor)}; ${because}.`,
    };
  }
  return { code: "awaits_second_approval", sentence: `Awaits a second approval: ${because}.` };
};

/**
 * Each reason's short name (a badge, a list's label) and how a count of payouts reads with it
 * ("2 waiting for a W-9"); the sentence says the rest.
 */
export const PAYOUT_HOLD_REASONS: Record<PayoutHoldCode, { label: string; counted: string }> = {
  w9_missing: { label: "Waiting for a W-9", counted: "waiting for a W-9" },
  awaits_second_approval: { label: "Awaits a second approval", counted: "awaiting a second approval" },
};

/** Whether `code` names one of the door's reasons (codes also arrive from error details and outcomes). */
export function isPayoutHoldCode(code: unknown): code is PayoutHoldCode {
  return typeof code === "string" && Object.hasOwn(PAYOUT_HOLD_REASONS, code);
}

/** The reasons a `payout_held` refusal names in its details (assertPayoutMayBePaid), for bulk outcomes to count. */
export function holdCodesOfRefusal(details: Record<string, unknown> | undefined): PayoutHoldCode[] {
  const codes = details?.holds;
  return Array.isArray(codes) ? codes.filter(isPayoutHoldCode) : [];
}

/** `{ holds }` for a bulk outcome when `error` is the door's refusal (other refusals carry none). */
export function heldFor(error: { code: string; details?: Record<string, unknown> }): { holds?: PayoutHoldCode[] } {
  return error.code === "payout_held" ? { holds: holdCodesOfRefusal(error.details) } : {};
}

/**
 * How many payouts each reason holds, for the counts bulk actions and Home show: "1 waiting for
 * a W-9, 2 awaiting a second approval". A payout held for two reasons counts under both; reasons
 * in the door's order; empty when nothing is held.
 */
export function countPayoutHolds(heldPayouts: Iterable<readonly PayoutHoldCode[]>): string {
  const counts = new Map<PayoutHoldCode, number>();
  for (const codes of heldPayouts) for (const code of new Set(codes)) counts.set(code, (counts.get(code) ?? 0) + 1);
  return (Object.keys(PAYOUT_HOLD_REASONS) as PayoutHoldCode[])
    .filter((code) => counts.has(code))
    .map((code) => `${counts.get(code)} ${PAYOUT_HOLD_REASONS[code].counted}`)
    .join(", ");
}

const HOLD_RULES: readonly HoldRule[] = [w9MissingAboveThreshold, secondApprovalAboveAmount];

/** Why this payout may not be paid now; empty when it may. */
export function payoutHolds(facts: PayoutHoldFacts): PayoutHold[] {
  return HOLD_RULES.flatMap((rule) => rule(facts) ?? []);
}
