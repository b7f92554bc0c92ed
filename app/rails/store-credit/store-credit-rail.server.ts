// The store credit rail: a payout becomes one credit on the creator's store credit account in the
// merchant's store (storeCreditAccountCredit). Shopify takes no idempotency key for it, so the
// attempt row with the exact mutation variables is written first (the claim), the attempt is
// marked sent (compare-and-set) before the one call, and a sent attempt whose answer was lost is
// never sent again: its credit is looked for among the account's credits (amount, currency, time
// window; API 2026-04 has no note on a credit to carry the payout id), and settled when found, or
// failed for the merchant to retry once nothing sent can still land.
import { isDomainError } from "../../domain/errors";
import { minorUnitExponent, parseCurrencyCode } from "../../domain/currency";
import { parseDecimalString, toDecimalString } from "../../domain/money";
import { db } from "../../db.server";
import { payStoreCreditBonus } from "../../domain/ledger";
import { storeCreditWithBonus } from "../../domain/store-credit-bonus";
import { postLedgerTransactions } from "../../ledger/post-ledger-transactions.server";
import { payoutMovementKey } from "../../payouts/record-payout-change.server";
import { JOB } from "../../jobs/job-names";
import type { Rail, RailAttempt } from "../rail";
import { RailTryLater } from "../rail-try-later";
import { storeCreditGraphql } from "./store-credit-admin.server";
import { STORE_CREDIT_ACCOUNT_CREDIT, STORE_CREDIT_RECENT_CREDITS } from "./store-credit-operations";
import {
  matchStoreCreditTransaction,
  STORE_CREDIT_BALANCE_CAP_MAJOR,
  storeCreditCapRefusal,
  storeCreditBonusOf,
  storeCreditRecoveryStep,
  storeCreditRefusal,
  storeCreditUserErrorSentence,
  type StoreCreditTarget,
} from "./store-credit-rules";

/** The stored request: storeCreditAccountCredit's variables, exactly as sent. */
export interface StoreCreditRequest {
  id: string;
  creditInput: { creditAmount: { amount: string; currencyCode: string }; notify: boolean };
}

/** Admin door errors that prove Shopify did not run the mutation (refused access, throttled every try). */
const NOT_EXECUTED = new Set(["store_credit_scope_missing", "shopify_access_denied", "shopify_throttled"]);

function tryLater(reason: string): RailTryLater {
  return new RailTryLater(`Store credit not confirmed yet (${reason}); the attempt will be looked at again`);
}

function requestOf(attempt: RailAttempt): StoreCreditRequest {
  return attempt.params as unknown as StoreCreditRequest;
}

export const storeCreditRail: Rail = {
  name: "store_credit",
  actor: { type: "shopify" },
  job: JOB.payRailAttempt,
  keyless: true,

  async destination(_tx, _shopId, payout, preflight) {
    const target = preflight as StoreCreditTarget | undefined;
    if (!target) throw new Error("a store credit claim needs the target found before it: findStoreCreditTarget runs first");
    const refusal = storeCreditRefusal(target, payout.currency);
    if (refusal) throw refusal;
    return target.customerId!;
  },

  async prepare({ tx, shopId, payout, attempt, amountMinor, destination, preflight }) {
    const target = preflight as StoreCreditTarget;
    const currency = parseCurrencyCode(payout.currency);
    // The shop's bonus is fixed into the stored request at the claim: every (re)send of this
    // attempt credits the same bytes, whatever the setting becomes meanwhile.
    const { storeCreditBonusPercent } = await tx.shop.findUniqueOrThrow({
      where: { id: shopId },
      select: { storeCreditBonusPercent: true },
    });
    const credit = storeCreditWithBonus(amountMinor, storeCreditBonusPercent);
    const capMinor = STORE_CREDIT_BALANCE_CAP_MAJOR * 10 ** minorUnitExponent(currency);
    const balanceMinor = target.accounts.find((account) => account.currency === currency)?.balanceMinor ?? 0;
    const cap = `${toDecimalString({ amountMinor: capMinor, currency })} ${currency}`;
    // The cap counts what is credited, bonus included.
    const overCap = storeCreditCapRefusal({ balanceMinor, amountMinor: credit.creditedMinor, capMinor, cap });
    if (overCap) throw overCap;
    const request: StoreCreditRequest = {
      id: destination,
      creditInput: {
        creditAmount: { amount: toDecimalString({ amountMinor: credit.creditedMinor, currency }), currencyCode: currency },
        notify: true,
      },
    };
    return {
      idempotencyKey: `store_credit_payout_${payout.id}_a${attempt}`,
      request: { ...request },
      audit: {
        destination,
        amount: request.creditInput.creditAmount,
        bonusPercent: storeCreditBonusPercent,
        bonusMinor: credit.bonusMinor,
      },
    };
  },

  async settleExtras(tx, { attempt, payout, amountMinor, actor }) {
    const { amount, currencyCode } = requestOf(attempt).creditInput.creditAmount;
    const bonusMinor = storeCreditBonusOf(parseDecimalString(amount, currencyCode).amountMinor, amountMinor);
    if (bonusMinor === 0) return;
    // The bonus is its own movement with its own audit event, in the settle's transaction.
    await postLedgerTransactions(tx, [
      {
        shopId: attempt.shopId,
        actor,
        action: "payout.store_credit_bonus",
        subject: { type: "payout", id: attempt.payoutId },
        before: null,
        after: { attempt: attempt.attempt, payoutMinor: amountMinor, bonusMinor, creditedMinor: amountMinor + bonusMinor },
        draft: payStoreCreditBonus({ currency: payout.currency, amountMinor: bonusMinor }),
        idempotencyKey: payoutMovementKey(attempt.payoutId, "store_credit_bonus"),
      },
    ]);
  },

  recoveryStep: (attempt, nowMs) => storeCreditRecoveryStep(attempt.sentAt?.getTime() ?? null, nowMs),

  async send(attempt) {
    type Answer = {
      storeCreditAccountCredit: {
        storeCreditAccountTransaction: { id: string } | null;
        userErrors: { code: string | null; field: string[] | null; message: string }[];
      } | null;
    };
    let data: Answer;
    try {
      data = await storeCreditGraphql<Answer>(attempt.shopId, STORE_CREDIT_ACCOUNT_CREDIT, {
        purpose: "credit the creator's store credit",
        variables: { ...requestOf(attempt) },
      });
    } catch (error) {
      if (isDomainError(error) && NOT_EXECUTED.has(error.code)) return { made: false, code: error.code, message: error.message };
      // Lost, timed out or a 5xx: Shopify may have made the credit. Never sent again, only looked up.
      throw tryLater(isDomainError(error) ? error.message : String(error));
    }
    const payload = data.storeCreditAccountCredit;
    const transaction = payload?.storeCreditAccountTransaction;
    if (transaction) return { made: true, reference: transaction.id };
    const userError = payload?.userErrors[0];
    const code = userError?.code ?? null;
    return {
      made: false,
      code: code ? `store_credit_${code.toLowerCase()}` : "store_credit_refused",
      message: storeCreditUserErrorSentence(code, userError?.message ?? "no reason given"),
    };
  },

  async lookUp(attempt) {
    const request = requestOf(attempt);
    const { amount, currencyCode } = request.creditInput.creditAmount;
    if (!attempt.sentAt) return null;
    type Found = {
      customer: {
        storeCreditAccounts: {
          nodes: { transactions: { nodes: { id?: string; amount: { amount: string; currencyCode: string }; createdAt: string }[] } }[];
        };
      } | null;
    };
    let data: Found;
    try {
      data = await storeCreditGraphql<Found>(attempt.shopId, STORE_CREDIT_RECENT_CREDITS, {
        purpose: "look up a store credit whose answer was lost",
        variables: { id: request.id, accounts: `currency_code:${currencyCode}` },
      });
    } catch (error) {
      throw tryLater(`looking the credit up failed: ${isDomainError(error) ? error.message : String(error)}`);
    }
    const candidates = (data.customer?.storeCreditAccounts.nodes ?? []).flatMap((account) =>
      account.transactions.nodes.flatMap((t) =>
        t.id
          ? [
              {
                id: t.id,
                amountMinor: parseDecimalString(t.amount.amount, t.amount.currencyCode).amountMinor,
                currency: t.amount.currencyCode,
                createdAtMs: new Date(t.createdAt).getTime(),
              },
            ]
          : [],
      ),
    );
    // A credit already settled for another attempt is not this attempt's.
    const taken = await db().payoutAttempt.findMany({
      where: { shopId: attempt.shopId, rail: "store_credit", railReference: { in: candidates.map((c) => c.id) }, NOT: { id: attempt.id } },
      select: { railReference: true },
    });
    const reference = matchStoreCreditTransaction(
      candidates,
      { amountMinor: parseDecimalString(amount, currencyCode).amountMinor, currency: currencyCode, sentAtMs: attempt.sentAt.getTime() },
      new Set(taken.map((t) => t.railReference!)),
    );
    return reference ? { reference } : null;
  },

  tryLater,
  notFound: {
    code: "store_credit_not_found",
    message:
      "Shopify has no store credit for this attempt: its answer was lost and no matching credit appeared on the creator's account. Retry to send it again, or pay another way.",
  },
  paidAudit: (transactionId) => ({ storeCreditTransactionId: transactionId }),
};
