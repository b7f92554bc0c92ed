// Store credit's side of reconciliation: the credits on the store credit accounts of the customers
// our store credit attempts paid, read through the store credit Admin module (the newest 100
// credits per account and currency, the look-up's own query). A credit carries no payout id
// (API 2026-04 has no note), so a credit is tied to a payout only when an attempt settled with it;
// any other credit in the range is shown as paid at the rail and not in the ledger, to be checked.
import { db } from "../db.server";
import type { InstantRange } from "../domain/calendar";
import { parseDecimalString } from "../domain/money";
import type { RailRecord } from "../domain/reconcile-rail-payments";
import { storeCreditGraphql } from "../rails/store-credit/store-credit-admin.server";
import { STORE_CREDIT_RECENT_CREDITS } from "../rails/store-credit/store-credit-operations";
import type { StoreCreditRequest } from "../rails/store-credit/store-credit-rail.server";

type Credits = {
  customer: {
    storeCreditAccounts: {
      nodes: { transactions: { nodes: { amount: { amount: string; currencyCode: string }; createdAt: string; id?: string }[] } }[];
    };
  } | null;
};

export async function listStoreCreditRecords(shopId: string, range: InstantRange): Promise<RailRecord[]> {
  const attempts = await db().payoutAttempt.findMany({
    where: { shopId, rail: "store_credit", createdAt: { lt: range.end } },
    select: { payoutId: true, params: true, railReference: true, status: true },
  });
  const payoutOfCredit = new Map(
    attempts.flatMap((a) => (a.railReference && a.status === "succeeded" ? [[a.railReference, a.payoutId]] : [])),
  );
  const accounts = new Map<string, { customerId: string; currency: string }>();
  for (const attempt of attempts) {
    const request = attempt.params as unknown as StoreCreditRequest;
    const currency = request.creditInput.creditAmount.currencyCode;
    accounts.set(`${request.id} ${currency}`, { customerId: request.id, currency });
  }
  const records: RailRecord[] = [];
  for (const { customerId, currency } of accounts.values()) {
    const data = await storeCreditGraphql<Credits>(shopId, STORE_CREDIT_RECENT_CREDITS, {
      purpose: "reconcile store credit payouts",
      variables: { id: customerId, accounts: `currency_code:${currency}` },
    });
    for (const account of data.customer?.storeCreditAccounts.nodes ?? []) {
      for (const credit of account.transactions.nodes) {
        const at = new Date(credit.createdAt);
        if (!credit.id || at < range.start || at >= range.end) continue;
        const money = parseDecimalString(credit.amount.amount, credit.amount.currencyCode);
        records.push({
          reference: credit.id,
          payoutId: payoutOfCredit.get(credit.id) ?? null,
          amountMinor: money.amountMinor,
          currency: money.currency,
          at,
          state: "paid",
        });
      }
    }
  }
  return records;
}
