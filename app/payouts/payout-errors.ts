import { DomainError } from "../domain/errors";
import type { FieldErrors } from "../forms/field-errors";
import { formatMoneyWithCode } from "../domain/money";
import { spokenPayoutStatus } from "./payout-labels";

// Every error a payout operation can throw, with a sentence the merchant can act on.
// Illegal moves reuse IllegalTransitionError (code "illegal_transition") from the state machine.

/** "123.45 USD": exact digits, currency beside them (for sentences, not for layout). */
export function amountText(amountMinor: number, currency: string): string {
  return formatMoneyWithCode({ amountMinor, currency });
}

export function invalidPayoutAmount(amountMinor: unknown): DomainError {
  return new DomainError("invalid_amount", "Enter a payout amount greater than zero, in whole minor units (cents).", { amountMinor });
}

export function amountAbovePayable(input: {
  amountMinor: number;
  payableMinor: number;
  currency: string;
  creatorName: string;
}): DomainError {
  const { amountMinor, payableMinor, currency, creatorName } = input;
  return new DomainError(
    "amount_above_payable",
    `${amountText(amountMinor, currency)} is more than the ${amountText(payableMinor, currency)} payable to ${creatorName}.`,
    { amountMinor, payableMinor, currency },
  );
}

export function nothingPayable(input: { payableMinor: number; currency: string; creatorName: string }): DomainError {
  const { payableMinor, currency, creatorName } = input;
  const sentence =
    payableMinor < 0
      ? `${creatorName} owes ${amountText(-payableMinor, currency)} from clawbacks and corrections; the next payout nets it out, so there is nothing to pay now.`
      : `There is nothing to pay ${creatorName} in ${currency} right now.`;
  return new DomainError("nothing_payable", sentence, { payableMinor, currency });
}

export function noBalanceInCurrency(input: { currency: string; creatorName: string; currenciesOwed: string[] }): DomainError {
  const { currency, creatorName, currenciesOwed } = input;
  const owed = currenciesOwed.length > 0 ? ` ${creatorName} is owed in ${currenciesOwed.join(", ")}.` : "";
  return new DomainError(
    "no_balance_in_currency",
    `${creatorName} has no balance in ${currency}: a payout is paid in the currency it was earned in.${owed}`,
    { currency, currenciesOwed },
  );
}

export function belowMinimum(input: { amountMinor: number; minimumMinor: number; currency: string }): DomainError {
  const { amountMinor, minimumMinor, currency } = input;
  return new DomainError(
    "below_minimum",
    `${amountText(amountMinor, currency)} is below the ${amountText(minimumMinor, currency)} minimum for ${currency} payouts. Wait until more is payable or override the minimum.`,
    { amountMinor, minimumMinor, currency },
  );
}

export function payoutConflict(nowStatus: string | null): DomainError {
  const now = nowStatus === null ? "it no longer exists" : `it is now ${spokenPayoutStatus(nowStatus)}`;
  return new DomainError(
    "payout_conflict",
    `This payout was changed by someone else since you opened it: ${now}. Reload to see the latest.`,
    { status: nowStatus },
  );
}

export function payoutItemConflict(): DomainError {
  return new DomainError("payout_conflict", "This item was removed by someone else since you opened the payout. Reload to see the latest.");
}

export function payoutNotFound(payoutId: string): DomainError {
  return new DomainError("payout_not_found", "This payout does not exist in this shop. It may have been removed.", {
    payoutId,
  });
}

export function payoutItemNotFound(payoutItemId: string): DomainError {
  return new DomainError("payout_not_found", "This payout item does not exist in this shop. Reload the payout.", {
    payoutItemId,
  });
}

export function creatorNotFound(creatorId: string): DomainError {
  return new DomainError("creator_not_found", "This creator does not exist in this shop.", { creatorId });
}

/** "2026-11-23 17:05 UTC": when a hold ends, for sentences. */
export function holdEndText(until: Date): string {
  return `${until.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** DOMAIN.md §7: a confirmed change of payout method holds new payouts for 24 hours. */
export function payoutsHeld(input: { creatorName: string; until: Date }): DomainError {
  return new DomainError(
    "payouts_held",
    `Payouts to ${input.creatorName} are on hold until ${holdEndText(input.until)}: their payout method was just changed, and new payouts wait 24 hours in case the change was not theirs. Try again after that.`,
    { heldUntil: input.until.toISOString() },
  );
}

export function itemNotRemovable(sentence: string, details: Record<string, unknown>): DomainError {
  return new DomainError("item_not_removable", sentence, details);
}

export function invalidOfflinePayment(fieldErrors: FieldErrors): DomainError {
  return new DomainError("invalid_offline_payment", "Check the payment details and try again.", { fieldErrors });
}

/**
 * Not a merchant's mistake: the payable items no longer add up to the ledger's payable balance.
 * Creating payouts stops for this creator until someone looks, rather than paying a wrong amount.
 */
export class PayableDriftError extends Error {
  constructor(public readonly details: Record<string, unknown>) {
    super(
      `Payable items (${String(details.itemsMinor)}) disagree with the ledger's payable balance (${String(details.ledgerMinor)}) for creator ${String(details.creatorId)} in ${String(details.currency)}.`,
    );
    this.name = "PayableDriftError";
  }
}

/**
 * The payout would leave the creator's open payout requests asking for more than stays payable
 * (app/domain/open-requests.ts): pay enough to cover them, or decide the requests first.
 */
export function openRequestsNotCovered(input: {
  uncoveredMinor: number;
  leftMinor: number;
  currency: string;
  creatorName: string;
}): DomainError {
  const { uncoveredMinor, leftMinor, currency, creatorName } = input;
  return new DomainError(
    "open_request_not_covered",
    `${creatorName} has an open payout request for ${amountText(uncoveredMinor, currency)} that this payout does not cover, ` +
      `and only ${amountText(Math.max(0, leftMinor), currency)} would stay payable. ` +
      "Pay at least the requested amount, or approve or reject the request first.",
    { uncoveredMinor, leftMinor, currency },
  );
}
