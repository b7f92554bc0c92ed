// The deal page's transaction history on random ledgers: every page, read by cursor, shows each
// transaction once with the creator's payable balance right after it, as a hand computation over
// all of the creator's entries gives it (in posting order, per currency, ties broken by id),
// whatever the order of posting, the shared timestamps and the other creators' movements.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/audit/actor";
import { db } from "~/db.server";
import { getDealPage } from "~/deal-page/get-deal-page.server";
import { readTransactionHistory } from "~/deal-page/read-transaction-history.server";
import { addFixedFee, earnCommission, postAdjustment, releaseHold, type LedgerTransactionDraft } from "~/domain/ledger";
import { postLedgerTransactions, type LedgerPosting } from "~/ledger/post-ledger-transactions.server";
import { createCreator, createShop } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const STAFF: Actor = { type: "staff", id: "staff_mia" };
const MINUTE = 60_000;
const START = Date.UTC(2026, 10, 2, 9, 0);

/** One step of a creator's story; a few minutes apart at most, so timestamps are often shared. */
const stepArbitrary = fc.record({
  kind: fc.constantFrom("adjustment", "fee", "gated_fee", "earn", "earn_and_release"),
  currency: fc.constantFrom("USD", "EUR"),
  amountMinor: fc.integer({ min: 1, max: 50_000 }),
  negative: fc.boolean(),
  minute: fc.integer({ min: 0, max: 5 }),
  otherCreator: fc.boolean(),
});
type Step = typeof stepArbitrary extends fc.Arbitrary<infer T> ? T : never;

function draftsOf(step: Step, creatorId: string): LedgerTransactionDraft[] {
  const amount = { creatorId, currency: step.currency, amountMinor: step.amountMinor };
  switch (step.kind) {
    case "adjustment":
      return [postAdjustment({ ...amount, amountMinor: step.negative ? -step.amountMinor : step.amountMinor })];
    case "fee":
      return [addFixedFee({ ...amount, gated: false })];
    case "gated_fee":
      return [addFixedFee({ ...amount, gated: true })];
    case "earn":
      return [earnCommission(amount)];
    case "earn_and_release":
      return [earnCommission(amount), releaseHold(amount)];
  }
}

/** The history as the hand computation gives it: newest first, payable after each transaction. */
async function expectedHistory(shopId: string, creatorId: string) {
  const entries = await db().ledgerEntry.findMany({
    where: { shopId, creatorId },
    select: { currency: true, account: true, amountMinor: true, transaction: { select: { id: true, postedAt: true } } },
  });
  const byTransaction = new Map<string, { id: string; postedAt: Date; currency: string; net: bigint; payableChange: bigint }>();
  for (const entry of entries) {
    const key = `${entry.transaction.id} ${entry.currency}`;
    const row = byTransaction.get(key) ?? { ...entry.transaction, currency: entry.currency, net: 0n, payableChange: 0n };
    row.net += entry.amountMinor;
    if (entry.account === "payable") row.payableChange += entry.amountMinor;
    byTransaction.set(key, row);
  }
  const oldestFirst = [...byTransaction.values()].sort(
    (a, b) => a.postedAt.getTime() - b.postedAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const payable = new Map<string, bigint>();
  const rows = oldestFirst.map((row) => {
    const after = (payable.get(row.currency) ?? 0n) + row.payableChange;
    payable.set(row.currency, after);
    return {
      transactionId: row.id,
      currency: row.currency,
      amountMinor: Number(row.net),
      payableChangeMinor: Number(row.payableChange),
      payableAfterMinor: Number(after),
    };
  });
  return { rows: rows.reverse(), payable };
}

describe("the transaction history's balances", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("match a running sum over all of the creator's entries on every page, on random ledgers", async () => {
    const shop = await createShop();
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArbitrary, { minLength: 1, maxLength: 24 }),
        fc.integer({ min: 1, max: 7 }),
        async (steps, pageSize) => {
          const ava = await createCreator(shop.id, "Ava Ames");
          const ben = await createCreator(shop.id, "Ben Okafor");
          const postings: LedgerPosting[] = steps.flatMap((step) =>
            draftsOf(step, step.otherCreator ? ben.id : ava.id).map((draft) => ({
              shopId: shop.id,
              draft,
              subject: { type: "adjustment" as const, id: "adj_random" },
              action: "adjustment.posted",
              actor: STAFF,
              idempotencyKey: `test:${randomUUID()}`,
              postedAt: new Date(START + step.minute * MINUTE),
            })),
          );
          await db().$transaction((tx) => postLedgerTransactions(tx, postings));

          const expected = await expectedHistory(shop.id, ava.id);
          const seen: unknown[] = [];
          let cursor: string | null = null;
          do {
            const page = await readTransactionHistory(db(), shop.id, ava, { cursor, pageSize });
            expect(page.rows.length).toBeLessThanOrEqual(pageSize);
            seen.push(
              ...page.rows.map(({ transactionId, currency, amountMinor, payableChangeMinor, payableAfterMinor }) => ({
                transactionId,
                currency,
                amountMinor,
                payableChangeMinor,
                payableAfterMinor,
              })),
            );
            cursor = page.nextCursor;
          } while (cursor);
          expect(seen).toEqual(expected.rows);

          // The deal page's own statement shows the same first page, and its newest row per currency the kept balance.
          const dealPage = await getDealPage(shop.id, ava.id, { historyPageSize: pageSize });
          expect(dealPage.history.rows.map((row) => [row.transactionId, row.payableAfterMinor])).toEqual(
            expected.rows.slice(0, pageSize).map((row) => [row.transactionId, row.payableAfterMinor]),
          );
          for (const balance of dealPage.balances) {
            expect(balance.payableMinor).toBe(Number(expected.payable.get(balance.currency) ?? 0n));
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
