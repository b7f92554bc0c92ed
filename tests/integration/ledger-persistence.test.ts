// The ledger as stored in PostgreSQL (DOMAIN.md §4): every movement is one balanced transaction
// posted with its audit event, the database itself refuses what the code should never write, and
// balances read back with SQL sums equal the pure model's computeBalances over the same drafts.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "~/audit/actor";
import { db } from "~/db.server";
import {
  addFixedFee,
  approveDeliverableFee,
  cancelPayout,
  computeBalances,
  creatorBalances,
  earnCommission,
  payPayout,
  postAdjustment,
  recomputeHeldCommission,
  releaseHold,
  reserveForPayout,
  returnToExpense,
  reverseTransfer,
  UnbalancedLedgerTransactionError,
  type LedgerAccount,
  type LedgerTransactionDraft,
} from "~/domain/ledger";
import { postLedgerTransaction } from "~/ledger/post-ledger-transaction.server";
import { readCreatorBalances, readShopAccountTotals } from "~/ledger/read-balances.server";
import { refusalOf } from "../support/refusal";
import { ownerDatabaseUrl, useTestDatabase } from "../support/test-database";
import { createCreator, createShop, postDraft } from "../support/factories";

const STAFF: Actor = { type: "staff", id: "staff_mia" };
/** The session setting that opened the append-only guard before the runtime role existed. */
const OLD_REDACTION_FLAG = "SELECT set_config('creator_payouts.redacting', 'on', true)";

/** Posts one draft in its own database transaction; distinct movements unless a key to retry is passed. */
const post = (shopId: string, draft: LedgerTransactionDraft, idempotencyKey?: string) =>
  postDraft(shopId, draft, { onDuplicate: "skip", ...(idempotencyKey ? { idempotencyKey } : {}) });

async function ledgerRowCounts(shopId: string) {
  const [auditEvents, transactions, entries] = await Promise.all([
    db().auditEvent.count({ where: { shopId } }),
    db().ledgerTransaction.count({ where: { shopId } }),
    db().ledgerEntry.count({ where: { shopId } }),
  ]);
  return { auditEvents, transactions, entries };
}

describe("posting to the ledger", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("writes the entries, the ledger transaction and exactly one audit event together", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    const draft = earnCommission({ creatorId: ava.id, currency: "USD", amountMinor: 1250 });

    const result = await db().$transaction((tx) =>
      postLedgerTransaction(tx, {
        shopId: shop.id,
        draft,
        subject: { type: "commission", id: "cm_1" },
        action: "commission.earned",
        actor: STAFF,
        idempotencyKey: "commission:cm_1:earned",
      }),
    );

    expect(result.posted).toBe(true);
    const events = await db().auditEvent.findMany({ where: { shopId: shop.id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorType: "staff",
      actorId: "staff_mia",
      action: "commission.earned",
      subjectType: "commission",
      subjectId: "cm_1",
    });
    const transaction = await db().ledgerTransaction.findUniqueOrThrow({
      where: { id: result.transactionId },
      include: { entries: true },
    });
    expect(transaction).toMatchObject({ kind: "earn_commission", auditEventId: events[0].id, subjectId: "cm_1" });
    expect(
      transaction.entries.map(({ account, creatorId, currency, amountMinor }) => ({ account, creatorId, currency, amountMinor })),
    ).toEqual(
      expect.arrayContaining([
        { account: "expense", creatorId: null, currency: "USD", amountMinor: -1250n },
        { account: "held", creatorId: ava.id, currency: "USD", amountMinor: 1250n },
      ]),
    );
    expect(transaction.entries).toHaveLength(2);
  });

  it("leaves nothing behind when the state change it belongs to fails after posting", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);

    const failing = db().$transaction(async (tx) => {
      await postLedgerTransaction(tx, {
        shopId: shop.id,
        draft: addFixedFee({ creatorId: ava.id, currency: "USD", amountMinor: 50000, gated: false }),
        subject: { type: "fixed_fee", id: "ff_1" },
        action: "fixed_fee.added",
        actor: STAFF,
        idempotencyKey: "fixed_fee:ff_1:added",
      });
      expect(await tx.ledgerEntry.count({ where: { shopId: shop.id } })).toBe(2); // visible inside
      throw new Error("the fee could not be saved");
    });

    await expect(failing).rejects.toThrow("the fee could not be saved");
    expect(await ledgerRowCounts(shop.id)).toEqual({ auditEvents: 0, transactions: 0, entries: 0 });
  });

  it("refuses an unbalanced draft before writing anything", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    const before = await ledgerRowCounts(shop.id);
    const invented: LedgerTransactionDraft = {
      kind: "adjustment",
      entries: [
        { account: "expense", creatorId: null, currency: "USD", amountMinor: -500 },
        { account: "payable", creatorId: ava.id, currency: "USD", amountMinor: 400 },
      ],
    };
    // Zero in total, but dollars and yen do not cancel out.
    const acrossCurrencies: LedgerTransactionDraft = {
      kind: "adjustment",
      entries: [
        { account: "expense", creatorId: null, currency: "USD", amountMinor: -500 },
        { account: "payable", creatorId: ava.id, currency: "JPY", amountMinor: 500 },
      ],
    };

    await expect(post(shop.id, invented)).rejects.toBeInstanceOf(UnbalancedLedgerTransactionError);
    await expect(post(shop.id, acrossCurrencies)).rejects.toBeInstanceOf(UnbalancedLedgerTransactionError);
    expect(await ledgerRowCounts(shop.id)).toEqual(before);
  });

  it("is refused by the database itself when unbalanced entries are written around the code", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);

    const throughPrisma = db().$transaction(async (tx) => {
      const event = await tx.auditEvent.create({
        data: { shopId: shop.id, actorType: "system", action: "bypass", subjectType: "test", subjectId: "1" },
      });
      const transaction = await tx.ledgerTransaction.create({
        data: {
          shopId: shop.id,
          kind: "adjustment",
          idempotencyKey: `test:${event.id}`,
          subjectType: "adjustment",
          subjectId: "1",
          auditEventId: event.id,
        },
      });
      await tx.ledgerEntry.createMany({
        data: [
          { shopId: shop.id, transactionId: transaction.id, account: "expense", currency: "USD", amountMinor: -700n },
          { shopId: shop.id, transactionId: transaction.id, account: "payable", creatorId: ava.id, currency: "USD", amountMinor: 600n },
        ],
      });
    });
    expect(await refusalOf(throughPrisma)).toMatch(/unbalanced: -100 USD/);

    // Raw SQL, entries one by one: the check is deferred to COMMIT, so a balanced pair passes and
    // a pair that is balanced in USD but not in JPY is refused as a whole.
    const rawSql = (jpyCredit: number) =>
      db().$transaction(async (tx) => {
        const [{ id: eventId }] = await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO "AuditEvent" ("shopId", "actorType", "action", "subjectType", "subjectId")
          VALUES (${shop.id}, 'system', 'bypass', 'test', '2') RETURNING "id"`;
        const [{ id }] = await tx.$queryRaw<{ id: string }[]>`
          INSERT INTO "LedgerTransaction" ("shopId", "kind", "idempotencyKey", "subjectType", "subjectId", "auditEventId")
          VALUES (${shop.id}, 'adjustment', ${`test:${eventId}`}, 'adjustment', '2', ${eventId}) RETURNING "id"`;
        for (const [account, creatorId, currency, amount] of [
          ["expense", null, "USD", -300],
          ["payable", ava.id, "USD", 300],
          ["expense", null, "JPY", -900],
          ["payable", ava.id, "JPY", jpyCredit],
        ] as const) {
          await tx.$executeRaw`
            INSERT INTO "LedgerEntry" ("shopId", "transactionId", "account", "creatorId", "currency", "amountMinor")
            VALUES (${shop.id}, ${id}, ${account}::"LedgerAccount", ${creatorId}, ${currency}, ${amount})`;
        }
      });
    expect(await refusalOf(rawSql(899))).toMatch(/unbalanced: -1 JPY/);
    expect(await ledgerRowCounts(shop.id)).toEqual({ auditEvents: 0, transactions: 0, entries: 0 });

    await rawSql(900);
    expect(await ledgerRowCounts(shop.id)).toEqual({ auditEvents: 1, transactions: 1, entries: 4 });
  });

  it("posts a business key once, however often it is retried", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    const release = releaseHold({ creatorId: ava.id, currency: "USD", amountMinor: 990 });

    const first = await post(shop.id, release, "release:cm_1");
    const again = await post(shop.id, release, "release:cm_1");
    expect(first.posted).toBe(true);
    expect(again).toEqual({ posted: false, transactionId: first.transactionId, reason: "duplicate" });

    // Two webhook deliveries racing: both transactions are open at once, neither fails.
    const racing = await Promise.all(
      [1, 2].map(() =>
        db().$transaction(async (tx) => {
          const result = await postLedgerTransaction(tx, {
            shopId: shop.id,
            draft: release,
            subject: { type: "commission", id: "cm_2" },
            action: "commission.released",
            actor: { type: "system" },
            idempotencyKey: "release:cm_2",
            onDuplicate: "skip",
          });
          await tx.$executeRaw`SELECT pg_sleep(0.2)`; // keep the winner's transaction open a while
          return result;
        }),
      ),
    );
    expect(racing.map((r) => r.posted).sort()).toEqual([false, true]);
    expect(racing[0].transactionId).toBe(racing[1].transactionId);

    // The key is the shop's: another shop posting the same key is a different movement.
    const other = await createShop();
    const ben = await createCreator(other.id, "Ben Bell");
    expect((await post(other.id, releaseHold({ creatorId: ben.id, currency: "USD", amountMinor: 990 }), "release:cm_1")).posted).toBe(true);

    expect(await ledgerRowCounts(shop.id)).toEqual({ auditEvents: 2, transactions: 2, entries: 4 });
    expect(await readCreatorBalances(shop.id, [ava.id])).toEqual([
      { creatorId: ava.id, currency: "USD", held: -1980, gated: 0, payable: 1980, inPayout: 0 },
    ]);
  });

  it("keeps ledger and audit rows append-only; only shop redaction (redact_shop) may delete them", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id);
    const { transactionId } = await post(shop.id, postAdjustment({ creatorId: ava.id, currency: "USD", amountMinor: 2500 }));
    const where = { shopId: shop.id };

    // The app's role holds no UPDATE/DELETE on these tables (and no DELETE on Shop).
    const runtimeRefusals: (() => PromiseLike<unknown>)[] = [
      () => db().ledgerEntry.updateMany({ where, data: { amountMinor: 1n } }),
      () => db().ledgerEntry.deleteMany({ where }),
      () => db().ledgerTransaction.update({ where: { id: transactionId }, data: { memo: "edited" } }),
      () => db().auditEvent.updateMany({ where, data: { action: "something.else" } }),
      () => db().auditEvent.deleteMany({ where }),
      () => db().shop.delete({ where: { id: shop.id } }),
      // The session setting that once opened the guard opens nothing.
      () =>
        db().$transaction(async (tx) => {
          await tx.$queryRawUnsafe(OLD_REDACTION_FLAG);
          await tx.ledgerEntry.deleteMany({ where });
        }),
    ];
    for (const refused of runtimeRefusals) expect(await refusalOf(refused())).toMatch(/permission denied for table/);

    // Behind the privileges, the guard refuses even the owner, flag or not.
    const owner = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await owner.connect();
    try {
      for (const statement of [
        `UPDATE "LedgerEntry" SET "amountMinor" = 1 WHERE "shopId" = '${shop.id}'`,
        `DELETE FROM "AuditEvent" WHERE "shopId" = '${shop.id}'`,
        `DELETE FROM "Shop" WHERE "id" = '${shop.id}'`,
      ]) {
        await owner.query("BEGIN");
        await owner.query(OLD_REDACTION_FLAG);
        expect(await refusalOf(owner.query(statement))).toMatch(/is append-only: (UPDATE|DELETE) refused/);
        await owner.query("ROLLBACK");
      }
    } finally {
      await owner.end();
    }
    expect(await ledgerRowCounts(shop.id)).toEqual({ auditEvents: 1, transactions: 1, entries: 2 });

    // redact_shop() deletes, for a recorded shop/redact delivery only.
    const notARedaction = await db().inboundEvent.create({
      data: { source: "shopify", deliveryId: randomUUID(), topic: "orders/create", shopDomain: shop.domain, shopId: shop.id, payload: {} },
    });
    expect(await refusalOf(db().$queryRaw`SELECT redact_shop(${notARedaction.id})`)).toMatch(/not a recorded shop\/redact delivery/);
    const redaction = await db().inboundEvent.create({
      data: { source: "shopify", deliveryId: randomUUID(), topic: "shop/redact", shopDomain: shop.domain, shopId: shop.id, payload: {} },
    });
    expect(await db().$queryRaw`SELECT redact_shop(${redaction.id}) AS "result"`).toEqual([{ result: "deleted" }]);
    expect(await db().shop.count({ where: { id: shop.id } })).toBe(0);
    expect(await ledgerRowCounts(shop.id)).toEqual({ auditEvents: 0, transactions: 0, entries: 0 });

    // The opening lived only inside that call: another shop's rows are guarded as before.
    const other = await createShop();
    const ben = await createCreator(other.id, "Ben Bell");
    await post(other.id, postAdjustment({ creatorId: ben.id, currency: "USD", amountMinor: 100 }));
    const owner2 = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await owner2.connect();
    try {
      expect(await refusalOf(owner2.query(`DELETE FROM "LedgerEntry" WHERE "shopId" = '${other.id}'`))).toMatch(/append-only/);
    } finally {
      await owner2.end();
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Property: what the database sums is what the pure model computes.
// ---------------------------------------------------------------------------------------------

const MOVES = [
  "earn",
  "release",
  "fee_gated",
  "fee_payable",
  "approve_deliverable",
  "adjustment",
  "reserve",
  "pay_stripe",
  "pay_offline",
  "cancel_payout",
  "reverse_transfer",
  "reject_held",
  "reject_payable",
  "reverse_commission",
  "clawback",
  "cancel_fee_gated",
  "cancel_fee_payable",
  "recompute",
] as const;

interface Move {
  move: (typeof MOVES)[number];
  creator: number;
  currency: "USD" | "JPY";
  amountMinor: number;
  negative: boolean;
}

const moveArbitrary: fc.Arbitrary<Move> = fc.record({
  move: fc.constantFrom(...MOVES),
  creator: fc.nat({ max: 2 }),
  currency: fc.constantFrom("USD" as const, "JPY" as const),
  amountMinor: fc.integer({ min: 1, max: 5_000_000 }),
  negative: fc.boolean(),
});

function draftFor({ move, currency, amountMinor, negative }: Move, creatorId: string): LedgerTransactionDraft | null {
  const amount = { creatorId, currency, amountMinor };
  const signed = { ...amount, amountMinor: negative ? -amountMinor : amountMinor };
  switch (move) {
    case "earn":
      return earnCommission(amount);
    case "release":
      return releaseHold(amount);
    case "fee_gated":
      return addFixedFee({ ...amount, gated: true });
    case "fee_payable":
      return addFixedFee({ ...amount, gated: false });
    case "approve_deliverable":
      return approveDeliverableFee(amount);
    case "adjustment":
      return postAdjustment(signed);
    case "reserve":
      return reserveForPayout(signed);
    case "pay_stripe":
      return payPayout({ ...amount, channel: "stripe" });
    case "pay_offline":
      return payPayout({ ...amount, channel: "offline" });
    case "cancel_payout":
      return cancelPayout(signed);
    case "reverse_transfer":
      return reverseTransfer(amount);
    case "reject_held":
      return returnToExpense({ ...amount, kind: "reject_commission", from: "held" });
    case "reject_payable":
      return returnToExpense({ ...amount, kind: "reject_commission", from: "payable" });
    case "reverse_commission":
      return returnToExpense({ ...amount, kind: "reverse_commission", from: "held" });
    case "clawback":
      return returnToExpense({ ...amount, kind: "clawback", from: "payable" });
    case "cancel_fee_gated":
      return returnToExpense({ ...amount, kind: "cancel_fee", from: "gated" });
    case "cancel_fee_payable":
      return returnToExpense({ ...amount, kind: "cancel_fee", from: "payable" });
    case "recompute":
      return recomputeHeldCommission({ creatorId, currency, diffMinor: signed.amountMinor });
  }
}

const byKey =
  <T extends { currency: string }>(key: (row: T) => string) =>
  (a: T, b: T) =>
    key(a).localeCompare(key(b));

describe("ledger balances", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("read from the database equal computeBalances over the same drafts, and every currency sums to zero", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3 }),
        fc.array(moveArbitrary, { minLength: 1, maxLength: 8 }),
        async (creatorCount, moves) => {
          const shop = await createShop();
          const creators: { id: string }[] = [];
          for (let i = 0; i < creatorCount; i++) creators.push(await createCreator(shop.id, `Creator ${i}`));
          const drafts = moves
            .map((move) => draftFor(move, creators[move.creator % creatorCount].id))
            .filter((draft): draft is LedgerTransactionDraft => draft !== null);
          for (const draft of drafts) await post(shop.id, draft);

          const entries = drafts.flatMap((draft) => draft.entries);
          const creatorCurrencies = new Set(
            entries.filter((e) => e.creatorId !== null).map((e) => JSON.stringify([e.creatorId, e.currency])),
          );
          const expectedCreators = [...creatorCurrencies].map((pair) => {
            const [creatorId, currency] = JSON.parse(pair) as [string, string];
            const { held, gated, payable, in_payout } = creatorBalances(entries, creatorId, currency);
            return { creatorId, currency, held, gated, payable, inPayout: in_payout };
          });
          const creatorKey = byKey<{ creatorId: string; currency: string }>((r) => `${r.creatorId}/${r.currency}`);
          expect((await readCreatorBalances(shop.id, "all")).sort(creatorKey)).toEqual(expectedCreators.sort(creatorKey));

          const shopTotals = new Map<string, number>();
          for (const [key, amount] of computeBalances(entries)) {
            const [, account, currency] = JSON.parse(key) as [string | null, LedgerAccount, string];
            const accountKey = JSON.stringify([account, currency]);
            shopTotals.set(accountKey, (shopTotals.get(accountKey) ?? 0) + amount);
          }
          const expectedTotals = [...shopTotals].map(([key, amountMinor]) => {
            const [account, currency] = JSON.parse(key) as [LedgerAccount, string];
            return { account, currency, amountMinor };
          });
          const totalKey = byKey<{ account: string; currency: string }>((r) => `${r.currency}/${r.account}`);
          const totals = await readShopAccountTotals(shop.id);
          expect([...totals].sort(totalKey)).toEqual(expectedTotals.sort(totalKey));

          for (const currency of new Set(totals.map((t) => t.currency))) {
            expect(totals.filter((t) => t.currency === currency).reduce((sum, t) => sum + BigInt(t.amountMinor), 0n)).toBe(0n);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
