// A creator asks to be paid now (a withdrawal, DOMAIN.md §2 "Payout request"): an amount between
// the shop's minimum for that currency and what is available (payable, less open requests).
// The request itself is app/payout-requests/request-payout.server.ts with origin "creator", which
// re-checks the available amount under the creator's balance lock.
import { db } from "../../db.server";
import { DomainError, isDomainError } from "../../domain/errors";
import { formatMoney } from "../../domain/money";
import { requestPayout } from "../../payout-requests/request-payout.server";
import { parseAmountField } from "../../forms/parse-amount-field";
import { invalidInput } from "../../forms/field-errors";
import { readPayableAvailable } from "../../payout-requests/read-payable-available.server";
import { resolveMinimums } from "../../payout-runs/resolve-run-request.server";
import { withTransaction } from "../../db/transaction.server";
import { shopHasStripe } from "../stripe-onboarding-link.server";

export interface WithdrawalInput {
  amount: string;
  currency: string;
  method?: string;
  comment?: string;
}

/** Paused creators keep what they earned and may withdraw it; archived or declined ones may not. */
const MAY_WITHDRAW = ["active", "paused"];

export async function requestWithdrawal(
  shopId: string,
  creatorId: string,
  input: WithdrawalInput,
): Promise<{ requestId: string; amountMinor: number; currency: string }> {
  const currency = (input.currency ?? "").trim().toUpperCase();
  const { amountMinor } = parseAmountField(input.amount ?? "", currency, "positive");
  const creator = await db().creator.findFirst({ where: { id: creatorId, shopId }, include: { shop: true } });
  if (!creator) throw new DomainError("creator_not_found", "Your creator account was not found in this shop. Log in again.");
  if (!MAY_WITHDRAW.includes(creator.status)) {
    throw new DomainError("creator_not_active", `Your creator account is ${creator.status}: withdrawals are not available.`);
  }

  // The range is checked here to say it in one sentence; requestPayout re-checks the maximum under the lock.
  const minimumMinor = (await resolveMinimums(db(), creator.shop, [currency]))[currency] ?? 1;
  const { availableMinor } = await withTransaction("short", (tx) => readPayableAvailable(tx, shopId, creatorId, currency));
  const show = (minor: number) => formatMoney({ amountMinor: minor, currency });
  if (availableMinor < minimumMinor) {
    throw invalidInput({
      amount:
        availableMinor <= 0
          ? `Nothing is available to withdraw in ${currency} yet; withdrawals start at ${show(minimumMinor)}.`
          : `Withdrawals start at ${show(minimumMinor)}; ${show(availableMinor)} is available in ${currency} now.`,
    });
  }
  if (amountMinor < minimumMinor || amountMinor > availableMinor) {
    throw invalidInput({ amount: `Enter an amount from ${show(minimumMinor)} to ${show(availableMinor)}.` });
  }

  const method = input.method?.trim() || creator.payoutMethod || undefined;
  // The form offers Stripe only where the store pays through it (render-portal.ts); say so to a hand-made post.
  if (input.method?.trim() === "stripe" && !shopHasStripe(creator.shop)) {
    throw invalidInput({ method: "This store does not pay through Stripe: choose PayPal, bank transfer or other." });
  }

  const request = {
    creatorId,
    amount: input.amount,
    currency,
    comment: input.comment,
    requestedMethod: method,
  };
  return renameFieldErrors({ requestedMethod: "method" }, () =>
    requestPayout(shopId, request, "creator", { type: "creator", id: creatorId }),
  );
}

/** The portal's form names some fields differently from the deal page's (requestedMethod → method). */
async function renameFieldErrors<T>(names: Record<string, string>, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const fieldErrors = isDomainError(error) ? (error.details?.fieldErrors as Record<string, string> | undefined) : undefined;
    if (isDomainError(error) && fieldErrors) {
      const renamed = Object.fromEntries(Object.entries(fieldErrors).map(([field, message]) => [names[field] ?? field, message]));
      Object.assign(error.details!, { fieldErrors: renamed });
    }
    throw error;
  }
}
