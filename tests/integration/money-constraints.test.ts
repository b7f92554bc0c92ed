// What the database refuses on its own, whatever the code above it does (DOMAIN.md §2 and §4):
// nothing paid twice, numbers unique per shop, well-formed ledger entries, and one shop never
// seeing another's creators or money.
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { listCreators } from "~/creators/list-creators.server";
import { addFixedFee, earnCommission, postAdjustment, type LedgerEntryDraft, type LedgerTransactionDraft } from "~/domain/ledger";
import { getHomeSummary } from "~/home/get-home-summary.server";
import { readCreatorBalances, readShopAccountTotals } from "~/ledger/read-balances.server";
import { refusalOf } from "../support/refusal";
import { executeAsOwner, useTestDatabase } from "../support/test-database";
import { createCreator, createShop, postDraft } from "../support/factories";

/** A bonus adjustment and the payable item it became: the simplest thing a payout can hold. */
async function createPayableItem(shopId: string, creatorId: string, amountMinor = 2500n) {
  const adjustment = await db().adjustment.create({
    data: { shopId, creatorId, amountMinor, currency: "USD", reason: "Launch bonus", createdBy: "staff_mia" },
  });
  return db().payableItem.create({
    data: {
      shopId,
      creatorId,
      kind: "adjustment",
      amountMinor,
      currency: "USD",
      payableSince: new Date(),
      adjustmentId: adjustment.id,
    },
  });
}

let nextInvoiceNumber = 1;
async function createPayout(shopId: string, creatorId: string, status: "ready" | "failed" = "ready") {
  return db().payout.create({
    data: { shopId, creatorId, currency: "USD", status, createdBy: "staff_mia", invoiceNumber: nextInvoiceNumber++ },
  });
}

const post = (shopId: string, draft: LedgerTransactionDraft) =>
  postDraft(shopId, draft, { subject: { type: "adjustment", id: randomUUID() }, action: "test.posted", actor: { type: "system" } });

describe("money constraints in the database", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("checks payout items against their shop's payouts once per statement, and a shop's deletion still removes its items", async () => {
    // Issue 16: the plain keys to Payout, PayableItem and Shop are implied by the shop-scoped ones,
    // and those two, (shopId, payoutId) → Payout and (shopId, payableItemId) → PayableItem, are
    // checked per statement by triggers, not per row by keys that look up and lock a row per item:
    // a payout run's item pays no per-row key check (it paid five). A trigger on Shop deletes a
    // deleted shop's items first (below).
    const keys = await db().$queryRaw<{ name: string }[]>`
      SELECT conname::text AS "name" FROM pg_constraint WHERE conrelid = '"PayoutItem"'::regclass AND contype = 'f' ORDER BY conname`;
    expect(keys.map((key) => key.name)).toEqual([]);

    const shop = await createShop();
    const other = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const otto = await createCreator(other.id, "Otto Other");
    const [item, second] = [await createPayableItem(shop.id, ava.id), await createPayableItem(shop.id, ava.id)];
    const payout = await createPayout(shop.id, ava.id);
    const othersPayout = await createPayout(other.id, otto.id);
    const putIn = (payoutId: string, payableItemId: string) =>
      db().payoutItem.create({ data: { shopId: shop.id, payoutId, payableItemId, amountMinor: 2500n, currency: "USD" } });
    // A payout that does not exist, or another shop's, is refused; so is a missing payable item.
    expect(await refusalOf(putIn("po_missing", item.id))).toMatch(/PayoutItem_shop_payout_fkey|foreign key/i);
    expect(await refusalOf(putIn(othersPayout.id, item.id))).toMatch(/PayoutItem_shop_payout_fkey|foreign key/i);
    expect(await refusalOf(putIn(payout.id, "pa_missing"))).toMatch(/PayoutItem_shop_payable_item_fkey|foreign key/i);
    // One bad row refuses the whole multi-row statement.
    const both = db().payoutItem.createMany({
      data: [
        { shopId: shop.id, payoutId: payout.id, payableItemId: item.id, amountMinor: 2500n, currency: "USD" },
        { shopId: shop.id, payoutId: othersPayout.id, payableItemId: second.id, amountMinor: 2500n, currency: "USD" },
      ],
    });
    expect(await refusalOf(both)).toMatch(/PayoutItem_shop_payout_fkey|foreign key/i);
    const missing = db().payoutItem.createMany({
      data: [
        { shopId: shop.id, payoutId: payout.id, payableItemId: item.id, amountMinor: 2500n, currency: "USD" },
        { shopId: shop.id, payoutId: payout.id, payableItemId: "pa_missing", amountMinor: 2500n, currency: "USD" },
      ],
    });
    expect(await refusalOf(missing)).toMatch(/PayoutItem_shop_payable_item_fkey/);
    expect(await db().payoutItem.count({ where: { shopId: shop.id } })).toBe(0);
    const held = await putIn(payout.id, item.id);
    // Moving an item to another shop's payout is refused as well.
    expect(await refusalOf(db().payoutItem.update({ where: { id: held.id }, data: { payoutId: othersPayout.id } }))).toMatch(
      /PayoutItem_shop_payout_fkey|foreign key/i,
    );

    // A payable item an item names is neither deleted nor re-keyed (the key's NO ACTION); one no
    // item names may be.
    expect(await refusalOf(executeAsOwner(`DELETE FROM "PayableItem" WHERE "id" = '${item.id}'`))).toMatch(
      /PayoutItem_shop_payable_item_fkey/,
    );
    expect(await refusalOf(executeAsOwner(`UPDATE "PayableItem" SET "id" = 'pa_moved' WHERE "id" = '${item.id}'`))).toMatch(
      /PayoutItem_shop_payable_item_fkey/,
    );
    await executeAsOwner(`UPDATE "PayableItem" SET "rejectReason" = 'kept key' WHERE "id" = '${item.id}'`);
    const loose = await createPayableItem(shop.id, ava.id);
    await executeAsOwner(`DELETE FROM "PayableItem" WHERE "id" = '${loose.id}'`);

    // Deleting a payout deletes its items (as the key's cascade did).
    const gone = await createPayout(shop.id, ava.id);
    await putIn(gone.id, second.id);
    await executeAsOwner(`DELETE FROM "Payout" WHERE "id" = '${gone.id}'`);
    expect(await db().payoutItem.count({ where: { payoutId: gone.id } })).toBe(0);

    // Deleting the shop (as redact_shop does) still removes its items and payable items, and
    // leaves the other shop's alone.
    await db().payoutItem.create({
      data: {
        shopId: other.id,
        payoutId: othersPayout.id,
        payableItemId: (await createPayableItem(other.id, otto.id)).id,
        amountMinor: 2500n,
        currency: "USD",
      },
    });
    await executeAsOwner(`DELETE FROM "Shop" WHERE "id" = '${shop.id}'`);
    expect(await db().payoutItem.count({ where: { shopId: other.id } })).toBe(1);
    expect(await db().payoutItem.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await db().payableItem.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("never leaves an item behind when the shop is deleted while the item is being written", async () => {
    // The item's statement check locks its shop's row (as the per-row key to Shop did): the shop's
    // deletion waits for the writer and then deletes its item too. Without that lock the deletion
    // went ahead (the uncommitted item invisible to it) and the item outlived its shop.
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const item = await createPayableItem(shop.id, ava.id);
    const payout = await createPayout(shop.id, ava.id);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    const writer = db().$transaction(
      async (tx) => {
        await tx.payoutItem.create({
          data: { shopId: shop.id, payoutId: payout.id, payableItemId: item.id, amountMinor: 2500n, currency: "USD" },
        });
        written();
        await held;
      },
      { timeout: 20_000 },
    );
    await wrote;
    const deletion = executeAsOwner(`DELETE FROM "Shop" WHERE "id" = '${shop.id}'`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    release();
    const [wroteItem, deleted] = await Promise.allSettled([writer, deletion]);
    expect(wroteItem.status).toBe("fulfilled");
    expect(deleted.status).toBe("fulfilled");
    expect(await db().payoutItem.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await db().payableItem.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("lets a payable item sit in only one active payout at a time", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const item = await createPayableItem(shop.id, ava.id);
    const [first, second, third] = [
      await createPayout(shop.id, ava.id),
      await createPayout(shop.id, ava.id),
      await createPayout(shop.id, ava.id),
    ];
    const putIn = (payoutId: string) =>
      db().payoutItem.create({
        data: { shopId: shop.id, payoutId, payableItemId: item.id, amountMinor: 2500n, currency: "USD" },
      });

    const held = await putIn(first.id);
    const refusal = await refusalOf(putIn(second.id));
    expect(refusal).toMatch(/P2002/);
    expect(refusal).toMatch(/PayoutItem_one_active_payout_per_payable_item/);

    // The first payout lets go of it (e.g. canceled): now another payout may take it, once.
    await db().payoutItem.update({ where: { id: held.id }, data: { state: "released" } });
    const again = await putIn(second.id);
    expect(await refusalOf(putIn(third.id))).toMatch(/PayoutItem_one_active_payout_per_payable_item/);
    expect(await db().payoutItem.count({ where: { payableItemId: item.id, state: "active" } })).toBe(1);
    // Any number of released or removed items may name it beside the one active.
    await db().payoutItem.update({ where: { id: again.id }, data: { state: "removed" } });
    await putIn(third.id);
    expect(
      await db().payoutItem.groupBy({ by: ["state"], where: { payableItemId: item.id }, _count: true, orderBy: { state: "asc" } }),
    ).toEqual([
      { state: "active", _count: 1 },
      { state: "removed", _count: 1 },
      { state: "released", _count: 1 },
    ]);

    // Issue 16 (write less per item): that one unique index is the only index on the payable item,
    // also serving the key check when a payable item is deleted (a second, plain index was one
    // more entry per item written).
    const indexes = await db().$queryRaw<{ name: string; definition: string }[]>`
      SELECT indexname::text AS "name", indexdef AS "definition" FROM pg_indexes WHERE tablename = 'PayoutItem' ORDER BY indexname`;
    expect(indexes.map((index) => index.name)).toEqual([
      "PayoutItem_one_active_payout_per_payable_item",
      "PayoutItem_pkey",
      "PayoutItem_shopId_payoutId_idx",
    ]);
    expect(indexes[0].definition).toMatch(/UNIQUE INDEX .* \("payableItemId", \(\s*CASE/);

    // Issue 16 goal 6: an item's checks against its shop's payout and payable item run as ONE
    // statement trigger per event (the payout asked once per distinct payout, not per item); the
    // refusals above still name each rule.
    const triggers = await db().$queryRaw<{ name: string }[]>`
      SELECT tgname::text AS "name" FROM pg_trigger
      WHERE tgrelid = '"PayoutItem"'::regclass AND NOT tgisinternal AND tgname LIKE 'PayoutItem_%' ORDER BY tgname`;
    expect(triggers.map((trigger) => trigger.name).filter((name) => /shop_pay|names_its_shops/.test(name))).toEqual([
      "PayoutItem_names_its_shops_rows_insert",
      "PayoutItem_names_its_shops_rows_update",
    ]);
  });

  it("keeps referral codes, Shopify order ids and invoice numbers unique within a shop, not across shops", async () => {
    const [north, south] = [await createShop({ name: "North" }), await createShop({ name: "South" })];
    const northAva = await createCreator(north.id, "Ava Ames", { referralCode: "AVA10" });
    const southAva = await createCreator(south.id, "Ava Other", { referralCode: "AVA10" }); // another shop's code: fine
    expect(await refusalOf(createCreator(north.id, "Ava Again", { referralCode: "AVA10" }))).toMatch(
      /P2002.*Creator_shopId_referralCode_key/s,
    );

    const order = (shopId: string, creatorId: string) =>
      db().attributedOrder.create({
        data: {
          shopId,
          creatorId,
          shopifyOrderId: "gid://shopify/Order/1001",
          orderName: "#1001",
          currency: "USD",
          subtotalMinor: 4200n,
          orderedAt: new Date(),
          orderState: {},
        },
      });
    await order(north.id, northAva.id);
    await order(south.id, southAva.id);
    expect(await refusalOf(order(north.id, northAva.id))).toMatch(/P2002.*AttributedOrder_shopId_shopifyOrderId_key/s);

    const payout = (shopId: string, creatorId: string, status: "draft" | "ready", invoiceNumber: number | null) =>
      db().payout.create({
        data: { shopId, creatorId, currency: "USD", status, createdBy: "staff_mia", invoiceNumber },
      });
    await payout(north.id, northAva.id, "ready", 7);
    await payout(south.id, southAva.id, "ready", 7);
    expect(await refusalOf(payout(north.id, northAva.id, "ready", 7))).toMatch(/P2002.*Payout_shopId_invoiceNumber_key/s);
    // Drafts have no number yet, and any number of them may wait side by side.
    await payout(north.id, northAva.id, "draft", null);
    await payout(north.id, northAva.id, "draft", null);
    expect(await refusalOf(payout(north.id, northAva.id, "ready", null))).toMatch(/Payout_invoice_after_draft/);
  });

  it("requires a payable item to come from exactly one source", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const [bonus, correction] = await Promise.all(
      [2500n, -500n].map((amountMinor) =>
        db().adjustment.create({
          data: { shopId: shop.id, creatorId: ava.id, amountMinor, currency: "USD", reason: "Manual", createdBy: "staff_mia" },
        }),
      ),
    );
    const payable = (sources: { adjustmentId?: string; clawbackId?: string }) =>
      db().payableItem.create({
        data: {
          shopId: shop.id,
          creatorId: ava.id,
          kind: "adjustment",
          amountMinor: 2500n,
          currency: "USD",
          payableSince: new Date(),
          ...sources,
        },
      });

    expect(await refusalOf(payable({}))).toMatch(/PayableItem_one_source/);
    // Two sources at once. (The clawback id is not a real clawback; the CHECK runs before the FK.)
    expect(await refusalOf(payable({ adjustmentId: bonus.id, clawbackId: correction.id }))).toMatch(/PayableItem_one_source/);
    await payable({ adjustmentId: bonus.id });
    expect(await db().payableItem.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("refuses malformed ledger entries: zero, lower-case currency, creator accounts without a creator and back", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    // Written around postLedgerTransaction (whose assertBalanced would stop them first).
    const write = (entries: LedgerEntryDraft[]) =>
      db().$transaction(async (tx) => {
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
          data: entries.map((e) => ({ ...e, amountMinor: BigInt(e.amountMinor), shopId: shop.id, transactionId: transaction.id })),
        });
      });
    const expense = (amountMinor: number, currency = "USD", creatorId: string | null = null): LedgerEntryDraft => ({
      account: "expense",
      creatorId,
      currency,
      amountMinor,
    });
    const payable = (amountMinor: number, currency = "USD", creatorId: string | null = ava.id): LedgerEntryDraft => ({
      account: "payable",
      creatorId,
      currency,
      amountMinor,
    });

    expect(await refusalOf(write([expense(0), payable(0)]))).toMatch(/LedgerEntry_amount_nonzero/);
    expect(await refusalOf(write([expense(-500, "usd"), payable(500, "usd")]))).toMatch(/LedgerEntry_currency_iso/);
    expect(await refusalOf(write([expense(-500), payable(500, "USD", null)]))).toMatch(/LedgerEntry_creator_accounts/);
    expect(await refusalOf(write([expense(-500, "USD", ava.id), payable(500)]))).toMatch(/LedgerEntry_creator_accounts/);
    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id } })).toBe(0);

    await write([expense(-500), payable(500)]); // the well-formed pair passes
    expect(await readCreatorBalances(shop.id, [ava.id])).toEqual([
      { creatorId: ava.id, currency: "USD", held: 0, gated: 0, payable: 500, inPayout: 0 },
    ]);
  });

  it("keeps every currency three upper-case letters, stored without blank padding", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    for (const currency of ["usd", "US", "U5D"]) {
      expect(await refusalOf(createShop({ currency }))).toMatch(/Shop_currency_iso/);
      const adjustment = db().adjustment.create({
        data: { shopId: shop.id, creatorId: ava.id, amountMinor: 100n, currency, reason: "bonus", createdBy: "staff_mia" },
      });
      expect(await refusalOf(adjustment)).toMatch(/Adjustment_currency_iso/);
    }
    // varchar, not char: what is read back is what was written, with nothing to trim.
    const columns = await db().$queryRaw<{ type: string }[]>`
      SELECT DISTINCT format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attname IN ('currency', 'flatCurrency', 'presentmentCurrency') AND attnum > 0 AND NOT attisdropped
        AND attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r')`;
    expect(columns.map((c) => c.type)).toEqual(["character varying(3)"]);
  });
});

describe("one shop never sees another's creators or money", () => {
  let north: Shop;
  let south: Shop;
  const creators: Record<string, { id: string; name: string }[]> = {};

  beforeAll(async () => {
    await useTestDatabase();
    north = await createShop({ name: "North" });
    south = await createShop({ name: "South" });
    const [ava, ben, zed] = [
      await createCreator(north.id, "Ava Ames", { referralCode: "SAME10" }),
      await createCreator(north.id, "Ben Bell"),
      await createCreator(south.id, "Zed Rival", { referralCode: "SAME10" }),
    ];
    creators[north.id] = [ava, ben];
    creators[south.id] = [zed];
    await post(north.id, earnCommission({ creatorId: ava.id, currency: "USD", amountMinor: 1000 }));
    await post(north.id, addFixedFee({ creatorId: ben.id, currency: "USD", amountMinor: 5000, gated: false }));
    await post(south.id, earnCommission({ creatorId: zed.id, currency: "USD", amountMinor: 777 }));
    await post(south.id, postAdjustment({ creatorId: zed.id, currency: "JPY", amountMinor: 3333 }));
    // South also has a failed payout and a waiting request: alerts North must not raise.
    await createPayout(south.id, zed.id, "failed");
    await db().payoutRequest.create({
      data: { shopId: south.id, creatorId: zed.id, origin: "creator", amountMinor: 3000n, currency: "JPY", requestedBy: zed.id },
    });
  });

  it("lists, searches and pages only the shop's own creators", async () => {
    for (const [own, other] of [
      [north, south],
      [south, north],
    ]) {
      const ownIds = creators[own.id].map((c) => c.id).sort();
      const everyone = await listCreators(own.id, { query: "", sort: "name" });
      expect(everyone.rows.map((r) => r.id).sort()).toEqual(ownIds);
      for (const stranger of creators[other.id]) {
        expect((await listCreators(own.id, { query: stranger.name, sort: "name" })).rows).toEqual([]);
        // A cursor naming the other shop's creator still pages through this shop only.
        const paged = await listCreators(own.id, { query: "", sort: "name", after: stranger.id });
        expect(paged.rows.every((r) => ownIds.includes(r.id))).toBe(true);
      }
      // "SAME10" is a referral code in both shops; each finds its own.
      const same = await listCreators(own.id, { query: "same10", sort: "name" });
      expect(same.rows.map((r) => r.id)).toEqual(creators[own.id].filter((c) => c.name !== "Ben Bell").map((c) => c.id));
    }
  });

  it("reads balances, account totals and Home figures from the shop's own ledger only", async () => {
    const [ava, ben] = creators[north.id];
    const [zed] = creators[south.id];

    expect(await readCreatorBalances(north.id, "all")).toEqual(
      expect.arrayContaining([
        { creatorId: ava.id, currency: "USD", held: 1000, gated: 0, payable: 0, inPayout: 0 },
        { creatorId: ben.id, currency: "USD", held: 0, gated: 0, payable: 5000, inPayout: 0 },
      ]),
    );
    expect(await readCreatorBalances(north.id, "all")).toHaveLength(2);
    expect(await readCreatorBalances(north.id, [zed.id])).toEqual([]);
    expect(await readCreatorBalances(south.id, [ava.id, ben.id])).toEqual([]);
    expect(await readCreatorBalances(south.id, "all")).toEqual([
      { creatorId: zed.id, currency: "JPY", held: 0, gated: 0, payable: 3333, inPayout: 0 },
      { creatorId: zed.id, currency: "USD", held: 777, gated: 0, payable: 0, inPayout: 0 },
    ]);

    const sortTotals = (totals: Awaited<ReturnType<typeof readShopAccountTotals>>) =>
      [...totals].sort((a, b) => `${a.currency}/${a.account}`.localeCompare(`${b.currency}/${b.account}`));
    expect(sortTotals(await readShopAccountTotals(north.id))).toEqual([
      { account: "expense", currency: "USD", amountMinor: -6000 },
      { account: "held", currency: "USD", amountMinor: 1000 },
      { account: "payable", currency: "USD", amountMinor: 5000 },
    ]);
    expect(sortTotals(await readShopAccountTotals(south.id))).toEqual([
      { account: "expense", currency: "JPY", amountMinor: -3333 },
      { account: "payable", currency: "JPY", amountMinor: 3333 },
      { account: "expense", currency: "USD", amountMinor: -777 },
      { account: "held", currency: "USD", amountMinor: 777 },
    ]);

    const northHome = await getHomeSummary(north);
    expect(northHome.creatorCount).toBe(2);
    expect(northHome.figures).toMatchObject([
      { currency: "USD", heldMinor: 1000, gatedMinor: 0, payableMinor: 5000, inPayoutMinor: 0, requestedMinor: 0, paidThisMonthMinor: 0 },
    ]);
    expect(northHome.alerts.map((a) => a.id)).toEqual(["payout_details_missing"]);
    expect(northHome.alerts[0].title).toBe("1 creator is missing payout details"); // Ben; Zed's payable is South's

    const southHome = await getHomeSummary(south);
    expect(southHome.creatorCount).toBe(1);
    expect(southHome.figures).toMatchObject([
      { currency: "USD", heldMinor: 777, gatedMinor: 0, payableMinor: 0, inPayoutMinor: 0, requestedMinor: 0, paidThisMonthMinor: 0 },
      { currency: "JPY", heldMinor: 0, gatedMinor: 0, payableMinor: 3333, inPayoutMinor: 0, requestedMinor: 3000, paidThisMonthMinor: 0 },
    ]);
    expect(southHome.alerts.map((a) => a.id).sort()).toEqual(["failed_payouts", "payout_details_missing", "requests_waiting"]);
    expect(southHome.alerts.find((a) => a.id === "payout_details_missing")!.title).toBe("1 creator is missing payout details");
  });

  it("refuses money rows that point at another shop's creator, payout or payable item", async () => {
    const north = await createShop({ name: "North" });
    const south = await createShop({ name: "South" });
    const southCreator = await createCreator(south.id, "Sam South");
    const northCreator = await createCreator(north.id, "Nia North");
    const refusal = await refusalOf(post(north.id, earnCommission({ creatorId: southCreator.id, currency: "USD", amountMinor: 100 })));
    expect(refusal).toMatch(/LedgerEntry_shop_creator_fkey|foreign key/i);
    expect(await readCreatorBalances(north.id, [southCreator.id])).toEqual([]);
    expect(await refusalOf(createPayout(north.id, southCreator.id))).toMatch(/Payout_shop_creator_fkey|foreign key/i);
    const southItem = await createPayableItem(south.id, southCreator.id);
    const northPayout = await createPayout(north.id, northCreator.id);
    expect(
      await refusalOf(
        db().payoutItem.create({
          data: { shopId: north.id, payoutId: northPayout.id, payableItemId: southItem.id, amountMinor: 2500n, currency: "USD" },
        }),
      ),
    ).toMatch(/PayoutItem_shop_payable_item_fkey|foreign key/i);
  });
});
