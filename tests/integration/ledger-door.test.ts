// The ledger's one door (issue 12, item 1): every posting carries a business key the database
// holds unique, and "AccountBalance", kept by the database beside the entries, always equals their
// sum, however postings are batched; only the keeper (not the app's role) can write it.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/audit/actor";
import { Prisma } from "@prisma/client";
import { db, type DbTransaction } from "~/db.server";
import {
  addFixedFee,
  approveDeliverableFee,
  cancelPayout,
  CREATOR_LEDGER_ACCOUNTS,
  earnCommission,
  LEDGER_ACCOUNTS,
  payPayout,
  postAdjustment,
  releaseHold,
  reserveForPayout,
  returnToExpense,
  reverseTransfer,
  type LedgerTransactionDraft,
} from "~/domain/ledger";
import { postLedgerTransactions, type LedgerPosting } from "~/ledger/post-ledger-transactions.server";
import { getHomeSummary } from "~/home/get-home-summary.server";
import {
  countPositiveCreatorAccounts,
  findAccountBalanceDrift,
  findShopAccountBalanceDrift,
  readBalances,
  readShopMovementsSince,
  readShopTotals,
} from "~/ledger/read-balances.server";
import { refusalOf } from "../support/refusal";
import { createCreator, createShop } from "../support/factories";
import { ownerDatabaseUrl, useTestDatabase } from "../support/test-database";

const STAFF: Actor = { type: "staff", id: "staff_mia" };

const posting = (shopId: string, draft: LedgerTransactionDraft, idempotencyKey = `test:${randomUUID()}`): LedgerPosting => ({
  shopId,
  draft,
  subject: { type: "adjustment", id: "adj_1" },
  action: "adjustment.posted",
  actor: STAFF,
  idempotencyKey,
});

async function withOwner<T>(work: (owner: pg.Client) => Promise<T>): Promise<T> {
  const owner = new pg.Client({ connectionString: ownerDatabaseUrl() });
  await owner.connect();
  try {
    return await work(owner);
  } finally {
    await owner.end();
  }
}

/** Every account's balance as the plain SUM of its entries (creatorId null for shop accounts). */
async function sumOfEntries(shopId: string) {
  const rows = await db().$queryRaw<{ creatorId: string | null; currency: string; account: string; total: bigint }[]>`
    SELECT "creatorId", "currency", "account"::text AS account, SUM("amountMinor")::bigint AS total
    FROM "LedgerEntry" WHERE "shopId" = ${shopId} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  return rows.map((row) => ({
    creatorId: row.creatorId,
    currency: row.currency.trim(),
    account: row.account,
    balanceMinor: BigInt(row.total),
  }));
}

const MOVES = [
  "earn",
  "release",
  "fee_gated",
  "fee_payable",
  "approve",
  "adjust",
  "reserve",
  "pay",
  "cancel",
  "reverse",
  "reject",
] as const;
type Move = { move: (typeof MOVES)[number]; creator: number; currency: "USD" | "JPY"; amountMinor: number; negative: boolean };

function draftFor(move: Move, creatorId: string): LedgerTransactionDraft {
  const money = { creatorId, currency: move.currency, amountMinor: move.amountMinor };
  switch (move.move) {
    case "earn":
      return earnCommission(money);
    case "release":
      return releaseHold(money);
    case "fee_gated":
      return addFixedFee({ ...money, gated: true });
    case "fee_payable":
      return addFixedFee({ ...money, gated: false });
    case "approve":
      return approveDeliverableFee(money);
    case "adjust":
      return postAdjustment({ ...money, amountMinor: move.negative ? -move.amountMinor : move.amountMinor });
    case "reserve":
      return reserveForPayout(money);
    case "pay":
      return payPayout({ ...money, channel: move.negative ? "offline" : "stripe" });
    case "cancel":
      return cancelPayout(money);
    case "reverse":
      return reverseTransfer(money);
    case "reject":
      return returnToExpense({ ...money, kind: "reject_commission", from: move.negative ? "held" : "payable" });
  }
}

const moveArbitrary: fc.Arbitrary<Move> = fc.record({
  move: fc.constantFrom(...MOVES),
  creator: fc.nat({ max: 2 }),
  currency: fc.constantFrom("USD" as const, "JPY" as const),
  amountMinor: fc.integer({ min: 1, max: 100_000_000_000 }),
  negative: fc.boolean(),
});

describe("the ledger's door", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("keeps AccountBalance equal to the sum of the entries, for any postings in any batches; rebuild-and-compare agrees", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(moveArbitrary, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }),
        async (batches) => {
          const shop = await createShop();
          const creators: { id: string }[] = [];
          for (let i = 0; i < 3; i++) creators.push(await createCreator(shop.id, `Creator ${i}`));
          // Each batch is one database transaction posting several ledger transactions at once.
          for (const batch of batches) {
            await db().$transaction((tx) =>
              postLedgerTransactions(
                tx,
                batch.map((move) => posting(shop.id, draftFor(move, creators[move.creator].id))),
              ),
            );
          }

          expect(await findAccountBalanceDrift(shop.id)).toEqual([]);
          const kept = await readBalances({ shopId: shop.id, accounts: LEDGER_ACCOUNTS });
          expect(kept).toEqual(await sumOfEntries(shop.id));
          // Totals over creators are the same sums.
          const totals = await readBalances({ shopId: shop.id, accounts: CREATOR_LEDGER_ACCOUNTS, byCreator: false });
          for (const total of totals) {
            const summed = kept
              .filter((row) => row.creatorId !== null && row.currency === total.currency && row.account === total.account)
              .reduce((sum, row) => sum + row.balanceMinor, 0n);
            expect(total.balanceMinor).toBe(summed);
          }
        },
      ),
      { numRuns: 12 },
    );
  });

  it("keeps a shop's totals (ShopAccountBalance, over its stripes) equal to its entries for postings in concurrent transactions; positive accounts counted", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(moveArbitrary, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }),
        async (batches) => {
          const shop = await createShop();
          const creators: { id: string }[] = [];
          for (let i = 0; i < 3; i++) creators.push(await createCreator(shop.id, `Creator ${i}`));
          // The batches at once, one transaction each: several backends (stripes), crossing on the same creators' rows.
          await Promise.all(
            batches.map((batch) =>
              db().$transaction((tx) =>
                postLedgerTransactions(
                  tx,
                  batch.map((move) => posting(shop.id, draftFor(move, creators[move.creator].id))),
                ),
              ),
            ),
          );

          expect(await findShopAccountBalanceDrift(shop.id)).toEqual([]);
          const entries = (await sumOfEntries(shop.id)).filter((row) => row.creatorId !== null);
          const expected = new Map<string, bigint>();
          for (const row of entries) {
            const key = `${row.currency} ${row.account}`;
            expected.set(key, (expected.get(key) ?? 0n) + row.balanceMinor);
          }
          const totals = await readShopTotals(shop.id, CREATOR_LEDGER_ACCOUNTS);
          expect(new Map(totals.map((total) => [`${total.currency} ${total.account}`, BigInt(total.amountMinor)]))).toEqual(expected);
          // Who is owed: every creator account above zero, with or without the shop rows' short cut.
          const owed = entries.filter((row) => row.account === "payable" && row.balanceMinor > 0n);
          expect(await readBalances({ shopId: shop.id, accounts: ["payable"], positiveOnly: true })).toEqual(owed);
          expect(await countPositiveCreatorAccounts(shop.id, "payable")).toBe(owed.length);
        },
      ),
      { numRuns: 12 },
    );
  });

  it("gives concurrent open transactions of one shop stripes of their own: a posting never waits on another's shop total", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const ben = await createCreator(shop.id, "Ben Bell");
    // Two connections whose backends share pid % 16 (among 17 there is such a pair): with the
    // stripe chosen by the pid, the second posting waits on the first's shop row until the first
    // commits, the first half of a deadlock should the first then post for the second's creator.
    const clients: pg.Client[] = [];
    const asTransaction = (client: pg.Client) =>
      ({
        $queryRaw: async (query: Prisma.Sql) => (await client.query(query.text, query.values)).rows,
        $executeRaw: async (query: Prisma.Sql) => (await client.query(query.text, query.values)).rowCount,
      }) as unknown as DbTransaction;
    try {
      const byStripe = new Map<number, pg.Client>();
      let pair: [pg.Client, pg.Client] | undefined;
      while (!pair) {
        const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        clients.push(client);
        await client.connect();
        const pid = Number((await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
        const other = byStripe.get(pid % 16);
        if (other) pair = [other, client];
        else byStripe.set(pid % 16, client);
      }
      const [first, second] = pair;
      for (const client of pair) {
        await client.query("BEGIN");
        await client.query("SET LOCAL lock_timeout = '3s'");
      }
      await postLedgerTransactions(asTransaction(first), [
        posting(shop.id, postAdjustment({ creatorId: ava.id, currency: "USD", amountMinor: 100 })),
      ]);
      await postLedgerTransactions(asTransaction(second), [
        posting(shop.id, postAdjustment({ creatorId: ben.id, currency: "USD", amountMinor: 250 })),
      ]);
      // The first may post again for the second's creator only once the second ends: no cycle.
      await second.query("COMMIT");
      await postLedgerTransactions(asTransaction(first), [
        posting(shop.id, postAdjustment({ creatorId: ben.id, currency: "USD", amountMinor: 5 })),
      ]);
      await first.query("COMMIT");
    } finally {
      await Promise.all(clients.map((client) => client.end().catch(() => {})));
    }
    const stripes = await db().$queryRaw<{ stripe: number }[]>`
      SELECT "stripe" FROM "ShopAccountBalance" WHERE "shopId" = ${shop.id} AND "account" = 'payable'`;
    expect(stripes).toHaveLength(2);
    expect(await findShopAccountBalanceDrift(shop.id)).toEqual([]);
    expect(await readShopTotals(shop.id, ["payable"])).toEqual([{ account: "payable", currency: "USD", amountMinor: 355 }]);
  });

  it("finds and repairs a shop total that drifted (written around the keeper, as the owner)", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    await db().$transaction((tx) =>
      postLedgerTransactions(tx, [posting(shop.id, postAdjustment({ creatorId: ava.id, currency: "USD", amountMinor: 2500 }))]),
    );
    expect(await findShopAccountBalanceDrift(shop.id)).toEqual([]);
    await withOwner(async (owner) => {
      await owner.query(`UPDATE "ShopAccountBalance" SET "balanceMinor" = 1, "positiveAccounts" = 0 WHERE "shopId" = $1`, [shop.id]);
      expect(await findShopAccountBalanceDrift(shop.id)).toEqual([
        { currency: "USD", account: "payable", storedMinor: 1n, entriesMinor: 2500n, storedPositive: 0n, accountsPositive: 1n },
      ]);
      // Nobody counted as owed: the short cut says so (this is what the drift check is for).
      expect(await readBalances({ shopId: shop.id, accounts: ["payable"], positiveOnly: true })).toEqual([]);
      await owner.query(`SELECT rebuild_account_balances($1)`, [shop.id]);
    });
    expect(await findShopAccountBalanceDrift(shop.id)).toEqual([]);
    expect(await readShopTotals(shop.id, ["payable"])).toEqual([{ account: "payable", currency: "USD", amountMinor: 2500 }]);
  });

  it("finds and repairs a balance that drifted (written around the keeper, as the owner)", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    await db().$transaction((tx) =>
      postLedgerTransactions(tx, [posting(shop.id, postAdjustment({ creatorId: ava.id, currency: "USD", amountMinor: 2500 }))]),
    );

    await withOwner(async (owner) => {
      await owner.query(`UPDATE "AccountBalance" SET "balanceMinor" = 1 WHERE "shopId" = $1`, [shop.id]);
      expect(await findAccountBalanceDrift(shop.id)).toEqual([
        { creatorId: ava.id, currency: "USD", account: "payable", storedMinor: 1n, entriesMinor: 2500n },
      ]);
      expect((await owner.query(`SELECT rebuild_account_balances($1) AS corrected`, [shop.id])).rows).toEqual([{ corrected: 1 }]);
    });
    expect(await findAccountBalanceDrift(shop.id)).toEqual([]);
    expect(await readBalances({ shopId: shop.id, creatorId: ava.id, accounts: ["payable"] })).toEqual([
      { creatorId: ava.id, currency: "USD", account: "payable", balanceMinor: 2500n },
    ]);
  });

  it("serves Home's figures from the kept shop totals, not by summing the shop's entries or accounts", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    await db().$transaction((tx) =>
      postLedgerTransactions(tx, [posting(shop.id, postAdjustment({ creatorId: ava.id, currency: "USD", amountMinor: 2500 }))]),
    );
    expect((await getHomeSummary(shop)).figures[0]).toMatchObject({ currency: "USD", payableMinor: 2500 });
    // A kept shop row changed behind the keeper's back shows on Home: Home reads it, not the entries nor the creators' accounts.
    await withOwner(async (owner) => {
      await owner.query(`UPDATE "ShopAccountBalance" SET "balanceMinor" = 7 WHERE "shopId" = $1`, [shop.id]);
      expect((await getHomeSummary(shop)).figures[0]).toMatchObject({ currency: "USD", payableMinor: 7 });
      await owner.query(`SELECT rebuild_account_balances($1)`, [shop.id]);
    });
    expect((await getHomeSummary(shop)).figures[0]).toMatchObject({ currency: "USD", payableMinor: 2500 });
  });

  it("sums what shop accounts moved since an instant, by currency (Home's paid this month), in the ledger's module", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const paid = (amountMinor: number, currency: "USD" | "EUR", channel: "stripe" | "offline", postedAt: string): LedgerPosting => ({
      ...posting(shop.id, payPayout({ creatorId: ava.id, currency, amountMinor, channel })),
      postedAt: new Date(postedAt),
    });
    await db().$transaction((tx) =>
      postLedgerTransactions(tx, [
        posting(shop.id, postAdjustment({ creatorId: ava.id, currency: "USD", amountMinor: 10_000 })),
        posting(shop.id, postAdjustment({ creatorId: ava.id, currency: "EUR", amountMinor: 10_000 })),
        posting(shop.id, reserveForPayout({ creatorId: ava.id, currency: "USD", amountMinor: 10_000 })),
        posting(shop.id, reserveForPayout({ creatorId: ava.id, currency: "EUR", amountMinor: 10_000 })),
        paid(1_000, "USD", "offline", "2026-02-28T23:59:59.999Z"),
        paid(2_000, "USD", "offline", "2026-03-01T00:00:00.000Z"),
        paid(3_000, "USD", "stripe", "2026-03-15T12:00:00.000Z"),
        paid(4_000, "EUR", "stripe", "2026-03-20T12:00:00.000Z"),
      ]),
    );
    const since = new Date("2026-03-01T00:00:00.000Z");
    expect(await readShopMovementsSince({ shopId: shop.id, accounts: ["paid_stripe", "paid_offline"], since })).toEqual([
      { currency: "EUR", amountMinor: 4_000 },
      { currency: "USD", amountMinor: 5_000 },
    ]);
    expect(await readShopMovementsSince({ shopId: shop.id, accounts: ["paid_offline"], since })).toEqual([
      { currency: "USD", amountMinor: 2_000 },
    ]);
  });

  it("lets the app's role read balances but not write them; shop redaction deletes them", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    await db().$transaction((tx) =>
      postLedgerTransactions(tx, [posting(shop.id, postAdjustment({ creatorId: ava.id, currency: "USD", amountMinor: 2500 }))]),
    );
    const key = { shopId: shop.id, creatorId: ava.id, currency: "USD", account: "payable" } as const;
    for (const refused of [
      db().$executeRaw`UPDATE "AccountBalance" SET "balanceMinor" = 999999 WHERE "shopId" = ${shop.id}`,
      db().$executeRaw`INSERT INTO "AccountBalance" VALUES (${shop.id}, ${ava.id}, 'EUR', 'payable', 5)`,
      db().$executeRaw`DELETE FROM "AccountBalance" WHERE "shopId" = ${shop.id}`,
      db().$executeRaw`UPDATE "ShopAccountBalance" SET "balanceMinor" = 999999 WHERE "shopId" = ${shop.id}`,
      db().$executeRaw`DELETE FROM "ShopAccountBalance" WHERE "shopId" = ${shop.id}`,
      db().$queryRaw`SELECT rebuild_account_balances(${shop.id})`,
    ]) {
      expect(await refusalOf(refused)).toMatch(/permission denied/);
    }
    expect(await db().accountBalance.findUnique({ where: { shopId_creatorId_currency_account: key } })).toMatchObject({
      balanceMinor: 2500n,
    });

    const redaction = await db().inboundEvent.create({
      data: { source: "shopify", deliveryId: randomUUID(), topic: "shop/redact", shopDomain: shop.domain, shopId: shop.id, payload: {} },
    });
    expect(await db().$queryRaw`SELECT redact_shop(${redaction.id}) AS "result"`).toEqual([{ result: "deleted" }]);
    expect(await db().accountBalance.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await db().shopAccountBalance.count({ where: { shopId: shop.id } })).toBe(0);
  });
});

describe("ledger idempotency keys", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("refuses, in the database, a second posting of the same movement, and a posting without a key", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const reserve = reserveForPayout({ creatorId: ava.id, currency: "USD", amountMinor: 700 });
    await db().$transaction((tx) => postLedgerTransactions(tx, [posting(shop.id, reserve, "payout:po_1:reserve")]));

    // Past every check in the code (the status compare-and-set a caller would make): refused by the unique index.
    expect(
      await refusalOf(db().$transaction((tx) => postLedgerTransactions(tx, [posting(shop.id, reserve, "payout:po_1:reserve")]))),
    ).toMatch(/Unique constraint|duplicate key|LedgerTransaction_shopId_idempotencyKey_key/);
    // Twice in one batch: the same.
    expect(
      await refusalOf(
        db().$transaction((tx) =>
          postLedgerTransactions(tx, [posting(shop.id, reserve, "payout:po_2:reserve"), posting(shop.id, reserve, "payout:po_2:reserve")]),
        ),
      ),
    ).toMatch(/Unique constraint|duplicate key|LedgerTransaction_shopId_idempotencyKey_key/);
    // Written around the door, without a key: the CHECK refuses new rows.
    expect(
      await refusalOf(
        db().$transaction(async (tx) => {
          const event = await tx.auditEvent.create({
            data: { shopId: shop.id, actorType: "system", action: "bypass", subjectType: "test", subjectId: "1" },
          });
          await tx.ledgerTransaction.create({
            data: { shopId: shop.id, kind: "adjustment", subjectType: "adjustment", subjectId: "1", auditEventId: event.id },
          });
        }),
      ),
    ).toMatch(/LedgerTransaction_idempotencyKey_required/);

    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id } })).toBe(1);
    expect(await readBalances({ shopId: shop.id, creatorId: ava.id, accounts: ["payable", "in_payout"] })).toEqual([
      { creatorId: ava.id, currency: "USD", account: "in_payout", balanceMinor: 700n },
      { creatorId: ava.id, currency: "USD", account: "payable", balanceMinor: -700n },
    ]);
    // A retry that asks to skip a posted key is answered with the first transaction.
    const [again] = await db().$transaction((tx) =>
      postLedgerTransactions(tx, [{ ...posting(shop.id, reserve, "payout:po_1:reserve"), onDuplicate: "skip" }]),
    );
    expect(again.posted).toBe(false);
  });

  it("owes the refusal to the unique index: without it, the same key posts twice", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    await withOwner(async (owner) => {
      await owner.query("BEGIN");
      try {
        await owner.query(`DROP INDEX "LedgerTransaction_shopId_idempotencyKey_key"`);
        for (let i = 0; i < 2; i++) {
          const event = await owner.query(
            `INSERT INTO "AuditEvent" ("shopId", "actorType", "action", "subjectType", "subjectId") VALUES ($1, 'system', 'x', 'payout', 'po_1') RETURNING "id"`,
            [shop.id],
          );
          const transaction = await owner.query(
            `INSERT INTO "LedgerTransaction" ("shopId", "kind", "idempotencyKey", "subjectType", "subjectId", "auditEventId")
             VALUES ($1, 'reserve_for_payout', 'payout:po_1:reserve', 'payout', 'po_1', $2) RETURNING "id"`,
            [shop.id, event.rows[0].id],
          );
          await owner.query(
            `INSERT INTO "LedgerEntry" ("shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
             VALUES ($1, $2, 'payable', $3, 'USD', -700), ($1, $2, 'in_payout', $3, 'USD', 700)`,
            [shop.id, transaction.rows[0].id, ava.id],
          );
        }
        const posted = await owner.query(`SELECT count(*)::int AS n FROM "LedgerTransaction" WHERE "shopId" = $1`, [shop.id]);
        expect(posted.rows[0].n).toBe(2);
      } finally {
        await owner.query("ROLLBACK");
      }
    });
  });
});
