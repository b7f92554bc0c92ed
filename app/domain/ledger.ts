import type { $Enums } from "@prisma/client";
import { type CurrencyCode, isCurrencyCode, parseCurrencyCode } from "./currency";
import { DomainError } from "./errors";

/**
 * The pure ledger model (DOMAIN.md §4). Money moves only by balanced transactions between
 * accounts; balances are sums of entries and nothing is ever edited in place.
 *
 * SIGN CONVENTION. A movement of X "from A to B" is two entries: A gets −X, B gets +X. An
 * account's balance is the sum of its entries. So creator accounts (held, gated, payable,
 * in_payout) are positive when the shop owes the creator, `paid_*` are positive by the amount
 * paid, and `expense` runs negative by the total creator cost. Every transaction's entries sum
 * to zero per currency, so all balances of a currency always sum to zero.
 */

export const LEDGER_ACCOUNTS = [
  "held",
  "gated",
  "payable",
  "in_payout",
  "expense",
  "paid_stripe",
  "paid_offline",
  "paid_store_credit",
  "paid_paypal",
  "paid_gift_card",
  "store_credit_bonus",
] as const;
export type LedgerAccount = (typeof LEDGER_ACCOUNTS)[number];

/** Kept per shop, creator and currency: entries carry the creatorId. */
export const CREATOR_LEDGER_ACCOUNTS = ["held", "gated", "payable", "in_payout"] as const;
export type CreatorLedgerAccount = (typeof CREATOR_LEDGER_ACCOUNTS)[number];

/** Kept per shop and currency: entries have creatorId null. */
/**
 * `store_credit_bonus` is the brand's cost of the store credit bonus (issue 15): like `expense` it
 * runs negative, but it is kept apart so creator cost (commissions, fees) is not inflated by it.
 */
export const SHOP_LEDGER_ACCOUNTS = [
  "expense",
  "paid_stripe",
  "paid_offline",
  "paid_store_credit",
  "paid_paypal",
  "paid_gift_card",
  "store_credit_bonus",
] as const;
export type ShopLedgerAccount = (typeof SHOP_LEDGER_ACCOUNTS)[number];

export function isLedgerAccount(value: unknown): value is LedgerAccount {
  return (LEDGER_ACCOUNTS as readonly unknown[]).includes(value);
}

export function isCreatorLedgerAccount(value: unknown): value is CreatorLedgerAccount {
  return (CREATOR_LEDGER_ACCOUNTS as readonly unknown[]).includes(value);
}

/** One kind per movement of DOMAIN.md §4: the database's enum "LedgerTransactionKind" is the source. */
export type LedgerTransactionKind = $Enums.LedgerTransactionKind;
/** Every kind, in the enum's order (ledger.test.ts compares it with the generated $Enums). */
export const LEDGER_TRANSACTION_KINDS = [
  "earn_commission",
  "release_hold",
  "add_fee",
  "approve_deliverable",
  "adjustment",
  "reserve_for_payout",
  "pay_stripe",
  "pay_offline",
  "cancel_payout",
  "reverse_transfer",
  "reject_commission",
  "reverse_commission",
  "clawback",
  "commission_recompute",
  "commission_top_up",
  "cancel_fee",
  "pay_store_credit",
  "pay_paypal",
  "pay_gift_card",
  "store_credit_bonus",
] as const satisfies readonly LedgerTransactionKind[];

/** What a ledger transaction is about (its subjectId is that row's id): the enum "LedgerSubjectType". */
export type LedgerSubjectType = $Enums.LedgerSubjectType;
export const LEDGER_SUBJECT_TYPES = ["commission", "fixed_fee", "payout", "adjustment"] as const satisfies readonly LedgerSubjectType[];

export interface LedgerEntryDraft {
  account: LedgerAccount;
  creatorId: string | null;
  currency: CurrencyCode;
  amountMinor: number;
}

export interface LedgerTransactionDraft {
  kind: LedgerTransactionKind;
  entries: LedgerEntryDraft[];
}

export class UnbalancedLedgerTransactionError extends DomainError {
  constructor(message: string, details?: Record<string, unknown>) {
    super("unbalanced_ledger_transaction", message, details);
    this.name = "UnbalancedLedgerTransactionError";
  }
}

/**
 * Throws UnbalancedLedgerTransactionError unless the transaction can be posted as is: a known
 * kind, at least two entries, each a non-zero safe integer in a known currency on a known
 * account, creatorId present exactly on creator accounts, and entries summing to zero per
 * currency.
 */
export function assertBalanced(tx: LedgerTransactionDraft): void {
  if (!(LEDGER_TRANSACTION_KINDS as readonly unknown[]).includes(tx.kind)) {
    throw new UnbalancedLedgerTransactionError(`"${String(tx.kind)}" is not a kind of ledger transaction.`, {
      kind: tx.kind,
    });
  }
  if (!Array.isArray(tx.entries) || tx.entries.length < 2) {
    throw new UnbalancedLedgerTransactionError("A ledger transaction needs at least two entries.", {
      kind: tx.kind,
      entryCount: tx.entries?.length ?? 0,
    });
  }

  const sumByCurrency = new Map<string, bigint>();
  tx.entries.forEach((entry, index) => {
    const details = { kind: tx.kind, index, entry };
    if (!isLedgerAccount(entry.account)) {
      throw new UnbalancedLedgerTransactionError(`"${String(entry.account)}" is not a ledger account.`, details);
    }
    if (!isCurrencyCode(entry.currency)) {
      throw new UnbalancedLedgerTransactionError(`"${String(entry.currency)}" is not a known currency.`, details);
    }
    if (!Number.isSafeInteger(entry.amountMinor)) {
      throw new UnbalancedLedgerTransactionError("Every ledger entry must be a whole number of minor units.", details);
    }
    if (entry.amountMinor === 0) {
      throw new UnbalancedLedgerTransactionError("A ledger entry cannot be zero.", details);
    }
    const hasCreator = typeof entry.creatorId === "string" && entry.creatorId !== "";
    if (isCreatorLedgerAccount(entry.account) !== hasCreator) {
      throw new UnbalancedLedgerTransactionError(
        hasCreator
          ? `The ${entry.account} account belongs to the shop and takes no creator.`
          : `The ${entry.account} account belongs to a creator; say which one.`,
        details,
      );
    }
    sumByCurrency.set(entry.currency, (sumByCurrency.get(entry.currency) ?? 0n) + BigInt(entry.amountMinor));
  });

  for (const [currency, sum] of sumByCurrency) {
    if (sum !== 0n) {
      throw new UnbalancedLedgerTransactionError(`The ${currency} entries of this ${tx.kind} transaction sum to ${sum}, not zero.`, {
        kind: tx.kind,
        currency,
        sum: sum.toString(),
      });
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Builders: one per movement. Each returns a draft that already passed assertBalanced.
// ---------------------------------------------------------------------------------------------

export interface CreatorAmount {
  creatorId: string;
  currency: string;
  /** Positive, in minor units. */
  amountMinor: number;
}

interface AccountRef {
  account: LedgerAccount;
  creatorId: string | null;
}

const shopAccount = (account: ShopLedgerAccount): AccountRef => ({ account, creatorId: null });
const creatorAccount = (account: CreatorLedgerAccount, creatorId: string): AccountRef => ({ account, creatorId });

function assertPositive(amountMinor: number, kind: LedgerTransactionKind): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) {
    throw new DomainError("invalid_amount", `A ${kind.replace(/_/g, " ")} must move a whole, positive number of minor units.`, {
      kind,
      amountMinor,
    });
  }
}

/** Moves `amountMinor` from one account to another: from −X, to +X (see the sign convention). */
function movement(
  kind: LedgerTransactionKind,
  from: AccountRef,
  to: AccountRef,
  currency: string,
  amountMinor: number,
): LedgerTransactionDraft {
  const code = parseCurrencyCode(currency);
  const tx: LedgerTransactionDraft = {
    kind,
    entries: [
      { ...from, currency: code, amountMinor: 0 - amountMinor },
      { ...to, currency: code, amountMinor },
    ],
  };
  assertBalanced(tx);
  return tx;
}

/** An order earned a commission; it waits in `held` until the hold period ends. expense → held. */
export function earnCommission({ creatorId, currency, amountMinor }: CreatorAmount): LedgerTransactionDraft {
  assertPositive(amountMinor, "earn_commission");
  return movement("earn_commission", shopAccount("expense"), creatorAccount("held", creatorId), currency, amountMinor);
}

/** The hold period ended without a full refund. held → payable. */
export function releaseHold({ creatorId, currency, amountMinor }: CreatorAmount): LedgerTransactionDraft {
  assertPositive(amountMinor, "release_hold");
  return movement("release_hold", creatorAccount("held", creatorId), creatorAccount("payable", creatorId), currency, amountMinor);
}

/** A fixed fee was agreed: expense → gated when it waits for a deliverable, else → payable. */
export function addFixedFee({ creatorId, currency, amountMinor, gated }: CreatorAmount & { gated: boolean }): LedgerTransactionDraft {
  assertPositive(amountMinor, "add_fee");
  return movement("add_fee", shopAccount("expense"), creatorAccount(gated ? "gated" : "payable", creatorId), currency, amountMinor);
}

/** The deliverable a fee waited for was approved. gated → payable. */
export function approveDeliverableFee({ creatorId, currency, amountMinor }: CreatorAmount): LedgerTransactionDraft {
  assertPositive(amountMinor, "approve_deliverable");
  return movement("approve_deliverable", creatorAccount("gated", creatorId), creatorAccount("payable", creatorId), currency, amountMinor);
}

/**
 * A manual adjustment, payable at once. Positive (a bonus): expense → payable.
 * Negative (a correction): payable → expense, which may take payable below zero.
 */
export function postAdjustment({ creatorId, currency, amountMinor }: CreatorAmount): LedgerTransactionDraft {
  if (!Number.isSafeInteger(amountMinor) || amountMinor === 0) {
    throw new DomainError("invalid_amount", "An adjustment must be a whole, non-zero number of minor units.", {
      amountMinor,
    });
  }
  return amountMinor > 0
    ? movement("adjustment", shopAccount("expense"), creatorAccount("payable", creatorId), currency, amountMinor)
    : movement("adjustment", creatorAccount("payable", creatorId), shopAccount("expense"), currency, -amountMinor);
}

function assertNonZero(amountMinor: number, kind: LedgerTransactionKind): void {
  if (!Number.isSafeInteger(amountMinor) || amountMinor === 0) {
    throw new DomainError("invalid_amount", `A ${kind.replace(/_/g, " ")} must move a whole, non-zero number of minor units.`, {
      kind,
      amountMinor,
    });
  }
}

/**
 * A payout reserves what it will pay. payable → in_payout.
 * A negative amount (a clawback item netted inside the payout) moves the other way, so reserving
 * each item of a payout one by one is as valid as reserving its net total.
 */
export function reserveForPayout({ creatorId, currency, amountMinor }: CreatorAmount): LedgerTransactionDraft {
  assertNonZero(amountMinor, "reserve_for_payout");
  return movement(
    "reserve_for_payout",
    creatorAccount("payable", creatorId),
    creatorAccount("in_payout", creatorId),
    currency,
    amountMinor,
  );
}

/** How a payout is paid: a rail the app calls, or offline. One paid_<channel> account each. */
export const PAYOUT_CHANNELS = [
  "stripe",
  "offline",
  "store_credit",
  "paypal",
  "gift_card",
] as const satisfies readonly $Enums.PayoutChannel[];
export type PayoutChannel = (typeof PAYOUT_CHANNELS)[number];

const PAID_ACCOUNT: Record<PayoutChannel, { kind: LedgerTransactionKind; account: ShopLedgerAccount }> = {
  stripe: { kind: "pay_stripe", account: "paid_stripe" },
  offline: { kind: "pay_offline", account: "paid_offline" },
  store_credit: { kind: "pay_store_credit", account: "paid_store_credit" },
  paypal: { kind: "pay_paypal", account: "paid_paypal" },
  gift_card: { kind: "pay_gift_card", account: "paid_gift_card" },
};

/** The account a channel's payments land in (paid_stripe, paid_offline, paid_store_credit). */
export function paidAccountOf(channel: PayoutChannel): ShopLedgerAccount {
  return PAID_ACCOUNT[channel].account;
}

/** The payout was paid. in_payout → paid_<channel>. */
export function payPayout({
  creatorId,
  currency,
  amountMinor,
  channel,
}: CreatorAmount & { channel: PayoutChannel }): LedgerTransactionDraft {
  if (!(PAYOUT_CHANNELS as readonly unknown[]).includes(channel)) {
    throw new DomainError("invalid_payout_channel", `"${String(channel)}" is not a way to pay a payout.`, { channel });
  }
  const { kind, account } = PAID_ACCOUNT[channel];
  assertPositive(amountMinor, kind);
  return movement(kind, creatorAccount("in_payout", creatorId), shopAccount(account), currency, amountMinor);
}

/**
 * The shop's store credit bonus on a payout paid in store credit: the brand's cost, never creator
 * earnings (no creator account moves). store_credit_bonus → paid_store_credit, so paid_store_credit
 * holds exactly what Shopify credited (payout + bonus).
 */
export function payStoreCreditBonus({ currency, amountMinor }: { currency: string; amountMinor: number }): LedgerTransactionDraft {
  assertPositive(amountMinor, "store_credit_bonus");
  return movement("store_credit_bonus", shopAccount("store_credit_bonus"), shopAccount("paid_store_credit"), currency, amountMinor);
}

/**
 * A payout (or one item of it) was canceled; its reservation returns. in_payout → payable.
 * Signed like `reserveForPayout`, so it exactly undoes what was reserved.
 */
export function cancelPayout({ creatorId, currency, amountMinor }: CreatorAmount): LedgerTransactionDraft {
  assertNonZero(amountMinor, "cancel_payout");
  return movement("cancel_payout", creatorAccount("in_payout", creatorId), creatorAccount("payable", creatorId), currency, amountMinor);
}

/**
 * A payment we made was taken back (Stripe reversed the transfer, the merchant disabled the gift
 * card); the creator is owed the money again. paid_<channel> → payable (Stripe by default).
 */
export function reverseTransfer({
  creatorId,
  currency,
  amountMinor,
  channel = "stripe",
}: CreatorAmount & { channel?: PayoutChannel }): LedgerTransactionDraft {
  assertPositive(amountMinor, "reverse_transfer");
  return movement("reverse_transfer", shopAccount(paidAccountOf(channel)), creatorAccount("payable", creatorId), currency, amountMinor);
}

export type ReturnToExpenseKind = "reject_commission" | "reverse_commission" | "clawback" | "cancel_fee";
export type ReturnToExpenseSource = "held" | "payable" | "gated";

/** Where each kind of give-back may take money from (DOMAIN.md §3 and §4). */
export const RETURN_TO_EXPENSE_SOURCES: Record<ReturnToExpenseKind, readonly ReturnToExpenseSource[]> = {
  // held (rejected in the hold) or payable (rejected after approval)
  reject_commission: ["held", "payable"],
  // fully refunded or canceled while still in the hold
  reverse_commission: ["held"],
  // a refund after approval or payment: payable may go negative, netted by the next payout
  clawback: ["payable"],
  // an unpaid fee, waiting for a deliverable or already payable
  cancel_fee: ["gated", "payable"],
};

/** Money goes back to the shop's expense from wherever it is: held, payable or gated → expense. */
export function returnToExpense({
  kind,
  from,
  creatorId,
  currency,
  amountMinor,
}: CreatorAmount & { kind: ReturnToExpenseKind; from: ReturnToExpenseSource }): LedgerTransactionDraft {
  const sources = RETURN_TO_EXPENSE_SOURCES[kind];
  if (!sources) {
    throw new DomainError("invalid_ledger_movement", `"${String(kind)}" does not return money to expense.`, { kind });
  }
  if (!sources.includes(from)) {
    throw new DomainError(
      "invalid_ledger_movement",
      `A ${kind.replace(/_/g, " ")} takes money from ${sources.join(" or ")}, not from ${from}.`,
      { kind, from },
    );
  }
  assertPositive(amountMinor, kind);
  return movement(kind, creatorAccount(from, creatorId), shopAccount("expense"), currency, amountMinor);
}

/**
 * Recompute-and-diff after approval, when an order now deserves more (an edit added items): the
 * difference is payable at once as a new payable item. expense → payable.
 */
export function topUpApprovedCommission({ creatorId, currency, amountMinor }: CreatorAmount): LedgerTransactionDraft {
  assertPositive(amountMinor, "commission_top_up");
  return movement("commission_top_up", shopAccount("expense"), creatorAccount("payable", creatorId), currency, amountMinor);
}

/**
 * Recompute-and-diff while a commission is held: post only the difference between what the
 * order deserves now and what was already posted. Positive: expense → held; negative:
 * held → expense. Returns null when there is no difference (replays and duplicates land here).
 */
export function recomputeHeldCommission({
  creatorId,
  currency,
  diffMinor,
}: {
  creatorId: string;
  currency: string;
  diffMinor: number;
}): LedgerTransactionDraft | null {
  if (!Number.isSafeInteger(diffMinor)) {
    throw new DomainError("invalid_amount", "A commission difference must be a whole number of minor units.", {
      diffMinor,
    });
  }
  if (diffMinor === 0) return null;
  return diffMinor > 0
    ? movement("commission_recompute", shopAccount("expense"), creatorAccount("held", creatorId), currency, diffMinor)
    : movement("commission_recompute", creatorAccount("held", creatorId), shopAccount("expense"), currency, -diffMinor);
}

// ---------------------------------------------------------------------------------------------
// Balances: always computed from entries.
// ---------------------------------------------------------------------------------------------

/**
 * What balances are computed from: drafts, or entries read back from the database (where
 * Prisma returns `amountMinor` as a bigint).
 */
export interface LedgerEntryLike {
  account: LedgerAccount;
  creatorId: string | null;
  currency: string;
  amountMinor: number | bigint;
}

export interface LedgerAccountRef {
  account: LedgerAccount;
  creatorId: string | null;
  currency: string;
}

/** A collision-free key for (creatorId | null, account, currency). */
export function ledgerBalanceKey({ account, creatorId, currency }: LedgerAccountRef): string {
  return JSON.stringify([creatorId ?? null, account, currency]);
}

function toSafeNumber(sum: bigint, ref: unknown): number {
  const asNumber = Number(sum);
  if (!Number.isSafeInteger(asNumber)) {
    throw new DomainError("amount_out_of_range", "A ledger balance is too large to handle exactly.", {
      ref,
      sum: sum.toString(),
    });
  }
  return asNumber;
}

/** Every non-empty balance, keyed by `ledgerBalanceKey`. */
export function computeBalances(entries: Iterable<LedgerEntryLike>): Map<string, number> {
  const sums = new Map<string, bigint>();
  for (const entry of entries) {
    const key = ledgerBalanceKey(entry);
    sums.set(key, (sums.get(key) ?? 0n) + BigInt(entry.amountMinor));
  }
  const balances = new Map<string, number>();
  for (const [key, sum] of sums) balances.set(key, toSafeNumber(sum, key));
  return balances;
}

export function balanceOf(entries: Iterable<LedgerEntryLike>, ref: LedgerAccountRef): number {
  let sum = 0n;
  for (const entry of entries) {
    if (entry.account === ref.account && (entry.creatorId ?? null) === (ref.creatorId ?? null) && entry.currency === ref.currency) {
      sum += BigInt(entry.amountMinor);
    }
  }
  return toSafeNumber(sum, ref);
}

/** One creator's four balances in one currency (zero where nothing was posted). */
export function creatorBalances(
  entries: Iterable<LedgerEntryLike>,
  creatorId: string,
  currency: string,
): Record<CreatorLedgerAccount, number> {
  const sums: Record<CreatorLedgerAccount, bigint> = { held: 0n, gated: 0n, payable: 0n, in_payout: 0n };
  for (const entry of entries) {
    if (entry.creatorId === creatorId && entry.currency === currency && isCreatorLedgerAccount(entry.account)) {
      sums[entry.account] += BigInt(entry.amountMinor);
    }
  }
  return {
    held: toSafeNumber(sums.held, { creatorId, currency, account: "held" }),
    gated: toSafeNumber(sums.gated, { creatorId, currency, account: "gated" }),
    payable: toSafeNumber(sums.payable, { creatorId, currency, account: "payable" }),
    in_payout: toSafeNumber(sums.in_payout, { creatorId, currency, account: "in_payout" }),
  };
}

/** The shop's three balances in one currency. */
export function shopBalances(entries: Iterable<LedgerEntryLike>, currency: string): Record<ShopLedgerAccount, number> {
  const list = [...entries];
  return {
    expense: balanceOf(list, { account: "expense", creatorId: null, currency }),
    paid_stripe: balanceOf(list, { account: "paid_stripe", creatorId: null, currency }),
    paid_offline: balanceOf(list, { account: "paid_offline", creatorId: null, currency }),
    paid_store_credit: balanceOf(list, { account: "paid_store_credit", creatorId: null, currency }),
    paid_paypal: balanceOf(list, { account: "paid_paypal", creatorId: null, currency }),
    paid_gift_card: balanceOf(list, { account: "paid_gift_card", creatorId: null, currency }),
    store_credit_bonus: balanceOf(list, { account: "store_credit_bonus", creatorId: null, currency }),
  };
}
