// The bulk path of a payout run (createRunPayoutsInBulk) writes exactly what createPayout writes
// for each creator — payouts, items, invoice numbers, ledger transactions, audit events — and,
// racing createPayout and other batches on the same creators, never pays an item twice nor
// reserves more than is payable.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isDomainError } from "~/domain/errors";
import { createRunPayoutsInBulk } from "~/payout-runs/create-run-payouts-in-bulk.server";
import { CLOCK, createPayee, FEBRUARY, utc } from "../support/payout-runs.testkit";
import { readRunSummary } from "~/payout-runs/run-summary";
import { startPayoutRun } from "~/payout-runs/start-payout-run.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createShop, givePayable, MIA } from "../support/factories";
import { brokenMoneyInvariants, readMoneyInvariants } from "../support/money-invariants";
import { useTestDatabase } from "../support/test-database";

const END_OF_FEBRUARY = new Date("2026-02-28T23:59:59.999Z");

beforeAll(async () => {
  await useTestDatabase();
  process.env.CREATOR_PAYOUTS_CLOCK = CLOCK;
});

/** A shop whose run has netting, leftovers from before the range, two currencies and an item after the range. */
async function shopWithBalances() {
  const shop = await createShop();
  await db().payoutMinimum.create({ data: { shopId: shop.id, currency: "EUR", amountMinor: 2000n } });
  const ava = await createPayee(shop.id, "Ava Ames");
  const ben = await createPayee(shop.id, "Ben Brook");
  const cleo = await createPayee(shop.id, "Cleo Cole");
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 4000, payableSince: utc(2, 3) });
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 10000, payableSince: utc(2, 20) });
  await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -1500, payableSince: utc(1, 15) });
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 700, payableSince: utc(3, 2) });
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 3000, currency: "EUR", payableSince: utc(2, 10) });
  await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 2600, payableSince: utc(2, 5, 14) });
  await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 2700, payableSince: utc(2, 5) });
  await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 500, payableSince: utc(1, 20) });
  await givePayable(shop.id, ben.id, { kind: "adjustment", amountMinor: -300, payableSince: utc(3, 5) });
  await givePayable(shop.id, cleo.id, { kind: "fixed_fee", amountMinor: 5000, payableSince: utc(2, 12) });
  const { runId } = await startPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: true }, MIA);
  const run = await db().payoutRun.findUniqueOrThrow({ where: { id: runId } });
  const summary = readRunSummary(run.summary);
  const groups = summary.groups.map((group) => ({ ...group, minimumMinor: summary.minimums[group.currency] ?? null }));
  return { shop, runId, groups };
}

/** Everything a run's payouts wrote, with ids replaced by what they stand for. */
async function writtenBooks(shopId: string) {
  const items = await db().payableItem.findMany({ where: { shopId }, include: { creator: { select: { name: true } } } });
  const itemKey = new Map(
    items.map((item) => [item.id, `${item.creator.name} ${item.currency} ${item.amountMinor} ${item.payableSince.toISOString()}`]),
  );
  const payouts = await db().payout.findMany({
    where: { shopId },
    orderBy: { invoiceNumber: "asc" },
    include: { creator: { select: { name: true } }, items: { orderBy: { payableItemId: "asc" } } },
  });
  const payoutKey = new Map(payouts.map((payout) => [payout.id, `${payout.creator.name} ${payout.currency}`]));
  const creatorName = new Map(payouts.map((payout) => [payout.creatorId, payout.creator.name]));
  const events = await db().auditEvent.findMany({
    where: { shopId, action: "payout.created" },
    include: { ledgerTransactions: { include: { entries: true } } },
  });
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId }, select: { nextInvoiceNumber: true } });
  return {
    nextInvoiceNumber: shop.nextInvoiceNumber,
    payouts: payouts.map((payout) => ({
      payout: payoutKey.get(payout.id),
      status: payout.status,
      invoiceNumber: payout.invoiceNumber,
      invoiceLabel: payout.invoiceLabel,
      balanceAfterMinor: payout.balanceAfterMinor,
      createdBy: payout.createdBy,
      runId: payout.runId !== null,
      comment: payout.comment,
      items: payout.items.map((item) => [itemKey.get(item.payableItemId), item.amountMinor, item.currency, item.state]).sort(),
    })),
    events: events
      .map((event) => {
        const after = event.after as { items: { payableItemId: string }[] } & Record<string, unknown>;
        const [ledgerTransaction] = event.ledgerTransactions;
        return {
          payout: payoutKey.get(event.subjectId),
          actor: [event.actorType, event.actorId],
          subjectType: event.subjectType,
          before: event.before,
          after: { ...after, items: after.items.map((item) => ({ ...item, payableItemId: itemKey.get(item.payableItemId) })) },
          transaction: {
            kind: ledgerTransaction?.kind,
            subject: [ledgerTransaction?.subjectType, payoutKey.get(ledgerTransaction?.subjectId ?? "")],
            idempotencyKey: ledgerTransaction?.idempotencyKey?.replace(event.subjectId, String(payoutKey.get(event.subjectId))),
            entries: ledgerTransaction?.entries
              .map((entry) => [entry.account, entry.creatorId && creatorName.get(entry.creatorId), entry.currency, entry.amountMinor])
              .sort(),
          },
        };
      })
      .sort((a, b) => String(a.payout).localeCompare(String(b.payout))),
  };
}

describe("paying a run's batch in bulk", () => {
  it("writes exactly what createPayout writes for each creator, in plan order", async () => {
    const startedAt = Date.now();
    const one = await shopWithBalances();
    for (const group of one.groups) {
      await createPayout({
        shopId: one.shop.id,
        creatorId: group.creatorId,
        currency: group.currency,
        origin: "run",
        actor: MIA,
        runId: one.runId,
        payableUntil: END_OF_FEBRUARY,
        minimumMinor: group.minimumMinor,
      });
    }
    const bulk = await shopWithBalances();
    const created = await db().$transaction((tx) =>
      createRunPayoutsInBulk(tx, {
        shopId: bulk.shop.id,
        runId: bulk.runId,
        actor: MIA,
        payableUntil: END_OF_FEBRUARY,
        groups: bulk.groups,
      }),
    );

    expect(created.map((payout) => [payout.currency, payout.amountMinor, payout.invoiceLabel])).toEqual([
      ["EUR", 3000, "CP-00001"],
      ["USD", 12500, "CP-00002"], // 40.00 + 100.00 − 15.00; the 7.00 of 2 March stays payable
      ["USD", 5500, "CP-00003"], // 26.00 + 27.00 + 5.00 left from January − 3.00 adjusted in March
      ["USD", 5000, "CP-00004"],
    ]);
    const expected = await writtenBooks(one.shop.id);
    expect(expected.payouts).toHaveLength(4);
    expect(await writtenBooks(bulk.shop.id)).toEqual(expected);
    for (const group of bulk.groups) {
      expect(brokenMoneyInvariants(await readMoneyInvariants(bulk.shop.id, group.creatorId, group.currency))).toEqual([]);
    }

    // Issue 16 (write less per item): on both paths payouts and items get ids that start with the
    // wall-clock milliseconds (12 hex digits), so new rows go to the right edge of their indexes.
    const idTimes = await db().payout.findMany({
      where: { shopId: { in: [one.shop.id, bulk.shop.id] } },
      select: { id: true, items: { select: { id: true } } },
    });
    const ids = idTimes.flatMap((payout) => [payout.id, ...payout.items.map((item) => item.id)]);
    expect(ids).toHaveLength(4 + 4 + 2 * 9);
    for (const id of ids) {
      expect(id).toMatch(/^p[oi]_[0-9a-f]{32}$/);
      const millis = Number.parseInt(id.slice(3, 15), 16);
      expect(millis).toBeGreaterThanOrEqual(startedAt - 1_000);
      expect(millis).toBeLessThanOrEqual(Date.now() + 1_000);
    }
  });

  it("leaves alone what createPayout would refuse: below the minimum, nothing payable, books that drift", async () => {
    const { shop, runId, groups } = await shopWithBalances();
    const [avaEur, avaUsd, ben] = groups;
    // Ben's items disagree with his ledger (an item without its ledger transaction).
    const adjustment = await db().adjustment.create({
      data: { shopId: shop.id, creatorId: ben.creatorId, amountMinor: 100n, currency: "USD", reason: "bonus", createdBy: "staff_mia" },
    });
    await db().payableItem.create({
      data: {
        shopId: shop.id,
        creatorId: ben.creatorId,
        kind: "adjustment",
        adjustmentId: adjustment.id,
        amountMinor: 100n,
        currency: "USD",
        payableSince: utc(2, 6),
      },
    });
    const created = await db().$transaction((tx) =>
      createRunPayoutsInBulk(tx, {
        shopId: shop.id,
        runId,
        actor: MIA,
        payableUntil: END_OF_FEBRUARY,
        groups: [{ ...avaEur, minimumMinor: 3001 }, avaUsd, ben, { ...avaUsd, currency: "GBP" }],
      }),
    );
    expect(created.map((payout) => [payout.currency, payout.amountMinor, payout.invoiceLabel])).toEqual([["USD", 12500, "CP-00001"]]);
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(1);
    expect((await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).nextInvoiceNumber).toBe(2);
  });

  it("leaves alone a creator whose payouts are held, and pays one whose hold has ended", async () => {
    const { shop, runId, groups } = await shopWithBalances();
    const [avaEur, avaUsd, ben] = groups;
    // The clock is pinned at CLOCK (2026-03-10): Ava's payout method changed yesterday, Ben's a month ago.
    await db().creator.update({ where: { id: avaUsd.creatorId }, data: { payoutsHeldUntil: new Date("2026-03-12T00:00:00Z") } });
    await db().creator.update({ where: { id: ben.creatorId }, data: { payoutsHeldUntil: new Date("2026-02-12T00:00:00Z") } });
    const created = await db().$transaction((tx) =>
      createRunPayoutsInBulk(tx, { shopId: shop.id, runId, actor: MIA, payableUntil: END_OF_FEBRUARY, groups: [avaEur, avaUsd, ben] }),
    );
    expect(created.map((payout) => [payout.creatorId, payout.currency])).toEqual([[ben.creatorId, "USD"]]);
    expect(await db().payoutItem.count({ where: { shopId: shop.id, payout: { creatorId: avaUsd.creatorId } } })).toBe(0);
  });
});

describe("bulk batches racing createPayout on the same creators", () => {
  it("never put an item in two payouts, never reserve more than is payable, and keep invoice numbers gapless", async () => {
    const shop = await createShop();
    const creators = [];
    for (let index = 0; index < 12; index++) {
      const creator = await createPayee(shop.id, `Creator ${String(index).padStart(2, "0")}`);
      creators.push(creator);
      for (let day = 1; day <= 4; day++) {
        await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 1000 + index * 10 + day, payableSince: utc(2, day) });
      }
    }
    const { runId } = await startPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: false }, MIA);
    const groups = creators.map((creator) => ({ creatorId: creator.id, currency: "USD", minimumMinor: null }));
    const bulk = (order: typeof groups) =>
      db().$transaction(
        (tx) => createRunPayoutsInBulk(tx, { shopId: shop.id, runId, actor: MIA, payableUntil: END_OF_FEBRUARY, groups: order }),
        {
          maxWait: 20_000,
          timeout: 30_000,
        },
      );
    const refusedOrPaid = (promise: Promise<unknown>) =>
      promise.catch((error: unknown) => {
        if (!isDomainError(error)) throw error;
      });
    await Promise.all([
      bulk(groups),
      bulk([...groups].reverse()),
      ...creators.flatMap((creator, index) => [
        // A custom amount splits an item; a full payout takes everything left.
        refusedOrPaid(
          createPayout({
            shopId: shop.id,
            creatorId: creator.id,
            currency: "USD",
            origin: "manual",
            actor: MIA,
            amountMinor: 1500 + index,
          }),
        ),
        refusedOrPaid(
          createPayout({
            shopId: shop.id,
            creatorId: creator.id,
            currency: "USD",
            origin: "run",
            actor: MIA,
            runId,
            payableUntil: END_OF_FEBRUARY,
          }),
        ),
      ]),
    ]);

    for (const creator of creators) {
      const invariants = await readMoneyInvariants(shop.id, creator.id);
      expect(brokenMoneyInvariants(invariants)).toEqual([]);
      expect(invariants.ledgerPayable).toBeGreaterThanOrEqual(0);
      expect(await db().payout.count({ where: { shopId: shop.id, creatorId: creator.id } })).toBeGreaterThan(0);
    }
    const numbered = await db().payout.findMany({
      where: { shopId: shop.id, invoiceNumber: { not: null } },
      orderBy: { invoiceNumber: "asc" },
    });
    expect(numbered.map((payout) => payout.invoiceNumber)).toEqual(numbered.map((_, index) => index + 1));
    expect((await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).nextInvoiceNumber).toBe(numbered.length + 1);
  });
});
