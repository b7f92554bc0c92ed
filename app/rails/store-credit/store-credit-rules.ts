// The store credit rail's rules, pure (no I/O): what refuses a payout before any call, what may
// be done with an attempt whose outcome is unknown, and which credit at Shopify is this attempt's.
// Store credit has no idempotency key and, in Admin API 2026-04, no note on a credit: a lost
// answer is resolved by reading the account's credits and matching amount, currency and time.
import { DomainError } from "../../domain/errors";
import type { RecoveryStep } from "../rail";

/**
 * The longest a credit request is assumed to stay in flight after the app marked it sent: the
 * Admin door gives up on a request after 5 seconds and retries only throttled (not executed) ones,
 * so a quarter of an hour is far beyond any request that can still land.
 */
export const STORE_CREDIT_IN_FLIGHT_MS = 15 * 60 * 1000;
/** How far Shopify's clock may be behind the app's when matching a credit to its send. */
export const STORE_CREDIT_CLOCK_SKEW_MS = 2 * 60 * 1000;
/**
 * The most one creator's store credit account may hold after a payout, in major units of its
 * currency. Shopify enforces a per-account limit it does not publish (CREDIT_LIMIT_EXCEEDED);
 * the app refuses above its own, stated limit before calling, and translates Shopify's if lower.
 */
export const STORE_CREDIT_BALANCE_CAP_MAJOR = 100_000;

export interface StoreCreditTarget {
  creatorName: string;
  /** The customer the credit goes to, or null when none was found (and none may be created). */
  customerId: string | null;
  /** The store's customer accounts: store credit is spent only with new customer accounts. */
  accountsVersion: "CLASSIC" | "NEW_CUSTOMER_ACCOUNTS";
  shopCurrency: string;
  /** The currencies the customer's store credit accounts hold, with their balances in minor units. */
  accounts: { currency: string; balanceMinor: number }[];
}

/** Why this creator cannot be paid in store credit in this currency, or null. Checked before any call. */
export function storeCreditRefusal(target: StoreCreditTarget, payoutCurrency: string): DomainError | null {
  if (target.accountsVersion !== "NEW_CUSTOMER_ACCOUNTS") {
    return new DomainError(
      "store_credit_needs_new_customer_accounts",
      "Your store uses classic customer accounts, where customers cannot spend store credit. Turn on new customer accounts in Shopify (Settings › Customer accounts), or pay this payout another way.",
    );
  }
  if (!target.customerId) {
    return new DomainError(
      "store_credit_no_customer",
      `${target.creatorName} has no customer account in your store (none is linked and none has their email). Let the app create one (tick "Create a customer account"), or pay this payout another way.`,
    );
  }
  const held = target.accounts.some((account) => account.currency === payoutCurrency);
  if (payoutCurrency !== target.shopCurrency && !held) {
    return new DomainError(
      "store_credit_currency_mismatch",
      `Store credit is paid in your store's currency (${target.shopCurrency}), or in a currency the customer's store credit account already holds; this payout is in ${payoutCurrency}. Pay it another way.`,
      { payoutCurrency, shopCurrency: target.shopCurrency },
    );
  }
  return null;
}

/** Refuses a credit that would take the account above the cap (minor units of `capMinor`). */
export function storeCreditCapRefusal(input: {
  balanceMinor: number;
  amountMinor: number;
  capMinor: number;
  cap: string;
}): DomainError | null {
  if (input.balanceMinor + input.amountMinor <= input.capMinor) return null;
  return new DomainError(
    "store_credit_over_cap",
    `This credit would take the creator's store credit above ${input.cap}, the most one account may hold. Pay part of it another way, or pay it all another way.`,
    { balanceMinor: input.balanceMinor, amountMinor: input.amountMinor },
  );
}

/**
 * The bonus of a settled credit: what the stored request credited less what the payout pays. The
 * request was built by storeCreditWithBonus, so this is ≥ 0; anything else is a bug, not money.
 */
export function storeCreditBonusOf(creditedMinor: number, payoutMinor: number): number {
  const bonusMinor = creditedMinor - payoutMinor;
  if (!Number.isSafeInteger(bonusMinor) || bonusMinor < 0) {
    throw new Error(`a store credit request credits ${creditedMinor}, less than its payout's ${payoutMinor}`);
  }
  return bonusMinor;
}

/**
 * A keyless rail's lost-answer rule: never sent → send; sent and unanswered → look the credit up
 * first; with nothing found, wait while the request may still land, then fail the attempt (a
 * person retries, with a new attempt). A sent attempt is never sent again.
 */
export function storeCreditRecoveryStep(sentAtMs: number | null, nowMs: number): RecoveryStep {
  if (sentAtMs === null) return "send";
  return nowMs - sentAtMs < STORE_CREDIT_IN_FLIGHT_MS ? "look_up_then_wait" : "look_up_then_fail";
}

export interface StoreCreditCandidate {
  id: string;
  amountMinor: number;
  currency: string;
  createdAtMs: number;
}

/**
 * The credit at Shopify that is this attempt's: same amount and currency, made between the send
 * (less the clock skew) and the end of its flight, and not already the credit of another attempt.
 * The oldest such credit wins, so two lost attempts of the same amount take one credit each.
 */
export function matchStoreCreditTransaction(
  candidates: readonly StoreCreditCandidate[],
  attempt: { amountMinor: number; currency: string; sentAtMs: number },
  taken: ReadonlySet<string>,
): string | null {
  const from = attempt.sentAtMs - STORE_CREDIT_CLOCK_SKEW_MS;
  const to = attempt.sentAtMs + STORE_CREDIT_IN_FLIGHT_MS;
  const match = candidates
    .filter((c) => c.amountMinor === attempt.amountMinor && c.currency === attempt.currency && !taken.has(c.id))
    .filter((c) => c.createdAtMs >= from && c.createdAtMs <= to)
    .sort((a, b) => a.createdAtMs - b.createdAtMs)[0];
  return match?.id ?? null;
}

/** A sentence for each refusal Shopify answers a credit with (userErrors[].code). */
export function storeCreditUserErrorSentence(code: string | null, shopifyMessage: string): string {
  switch (code) {
    case "CREDIT_LIMIT_EXCEEDED":
      return "Shopify refused the credit: it would take the creator's store credit account above Shopify's limit. Pay this payout another way.";
    case "MISMATCHING_CURRENCY":
    case "UNSUPPORTED_CURRENCY":
      return "Shopify refused the credit: the creator's store credit account cannot hold this currency. Pay this payout another way.";
    case "OWNER_NOT_FOUND":
    case "ACCOUNT_NOT_FOUND":
      return "Shopify refused the credit: the creator's customer account no longer exists in your store. Retry to look it up again, or pay another way.";
    default:
      return `Shopify refused the credit (${shopifyMessage}). Retry, or pay this payout another way.`;
  }
}
