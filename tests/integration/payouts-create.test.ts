// Creating payouts (DOMAIN.md §2 payout, payout item, split; §4 money model): what goes in, what
// stays payable, and that a refused payout writes nothing at all.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout, type CreatePayoutInput } from "~/payouts/create-payout.server";
import { createCreator, createShop, givePayable, MIA } from "../support/factories";
import { brokenMoneyInvariants, readMoneyInvariants, rowCounts } from "../support/money-invariants";
import { sendDraftPayout } from "~/payouts/send-draft-payout.server";
import { useTestDatabase } from "../support/test-database";

const day = (n: number) => new Date(Date.UTC(2026, 0, n));

async function shopWithAva(changes: Parameters<typeof createShop>[0] = {}) {
  const shop = await createShop(changes);
  const ava = await createCreator(shop.id, "Ava Ames");
  const base = { shopId: shop.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "manual" } satisfies Partial<CreatePayoutInput>;
  return { shop, ava, base };
}

async function expectRefusal(promise: Promise<unknown>, code: string, shopId: string, before: unknown) {
  await expect(promise).rejects.toMatchObject({ name: "DomainError", code });
  expect(await rowCounts(shopId)).toEqual(before);
}

beforeAll(async () => {
  await useTestDatabase();
});

describe("creating a payout", () => {
  it("pays everything payable by default, as a draft with no invoice number yet", async () => {
    const { shop, ava, base } = await shopWithAva();
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 4250, payableSince: day(2) });
    await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 50000, payableSince: day(5) });
    await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 2500, payableSince: day(9) });

    const payout = await createPayout({ ...base, comment: "January" });

    expect(payout).toMatchObject({ amountMinor: 56750, status: "draft", invoiceNumber: null, balanceAfterMinor: 0 });
    expect(payout.items.map((item) => [item.kind, item.amountMinor])).toEqual([
      ["commission", 4250],
      ["fixed_fee", 50000],
      ["adjustment", 2500],
    ]);
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPayable: 0, ledgerInPayout: 56750, activeItemsOfOpenPayouts: 56750 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);
    const created = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "payout.created" } });
    expect(created).toMatchObject({ subjectType: "payout", subjectId: payout.payoutId, actorId: "staff_mia" });
  });

  it("splits the last item for a custom amount so the payout and the remaining balance are exact", async () => {
    const { shop, ava, base } = await shopWithAva();
    const older = await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 3000, payableSince: day(1) });
    const fee = await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 10001, payableSince: day(3) });

    const payout = await createPayout({ ...base, amountMinor: 7777 });

    expect(payout.amountMinor).toBe(7777);
    expect(payout.balanceAfterMinor).toBe(13001 - 7777);
    expect(payout.items.map((item) => item.payableItemId)[0]).toBe(older.id);
    const part = payout.items[1];
    expect(part).toMatchObject({ kind: "fixed_fee", amountMinor: 4777, splitFromId: fee.id });

    const parent = await db().payableItem.findUniqueOrThrow({ where: { id: fee.id }, include: { children: true } });
    expect(parent.splitAt).not.toBeNull();
    expect(parent.children.map((child) => Number(child.amountMinor)).sort()).toEqual([4777, 5224]);
    expect(parent.children.reduce((sum, child) => sum + child.amountMinor, 0n)).toBe(parent.amountMinor);
    expect(
      parent.children.every((child) => child.fixedFeeId === fee.fixedFeeId && child.payableSince.getTime() === fee.payableSince.getTime()),
    ).toBe(true);
    const invariants = await readMoneyInvariants(shop.id, ava.id);
    expect(invariants).toMatchObject({ ledgerPayable: 5224, availableItems: 5224, ledgerInPayout: 7777 });
    expect(brokenMoneyInvariants(invariants)).toEqual([]);

    // The rest of the fee is paid by the next payout, exactly.
    const rest = await createPayout({ ...base });
    expect(rest).toMatchObject({ amountMinor: 5224, balanceAfterMinor: 0 });
  });

  it("nets clawbacks and negative adjustments first, then takes the oldest items", async () => {
    const { shop, ava, base } = await shopWithAva();
    const newest = await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 2000, payableSince: day(20) });
    const oldest = await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 5000, payableSince: day(1) });
    const clawback = await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -1500, payableSince: day(25) });
    const correction = await givePayable(shop.id, ava.id, {
      kind: "adjustment",
      amountMinor: -500,
      payableSince: day(26),
      text: "duplicate bonus",
    });

    const payout = await createPayout({ ...base, amountMinor: 3000 });

    expect(payout.items.map((item) => [item.payableItemId, item.amountMinor])).toEqual([
      [clawback.id, -1500],
      [correction.id, -500],
      [oldest.id, 5000],
    ]);
    expect(payout).toMatchObject({ amountMinor: 3000, balanceAfterMinor: 2000 });
    expect(await db().payoutItem.count({ where: { payableItemId: newest.id } })).toBe(0);
    expect(brokenMoneyInvariants(await readMoneyInvariants(shop.id, ava.id))).toEqual([]);
  });

  it("pays only items payable by the end of a run's period, but always nets clawbacks", async () => {
    const { shop, ava, base } = await shopWithAva();
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 5000, payableSince: day(10) });
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 7000, payableSince: day(40) });
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -1000, payableSince: day(41) });

    const payout = await createPayout({ ...base, origin: "run", payableUntil: day(31) });

    expect(payout).toMatchObject({ amountMinor: 4000, status: "ready", balanceAfterMinor: 7000 });
  });

  it("refuses amounts above payable, zero, negative, fractional, in the wrong currency or below the minimum, writing nothing", async () => {
    const { shop, ava, base } = await shopWithAva();
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 12345 });
    const before = await rowCounts(shop.id);

    await expect(createPayout({ ...base, amountMinor: 12346 })).rejects.toThrow(
      "123.46 USD is more than the 123.45 USD payable to Ava Ames.",
    );
    await expectRefusal(createPayout({ ...base, amountMinor: 12346 }), "amount_above_payable", shop.id, before);
    await expectRefusal(createPayout({ ...base, amountMinor: 0 }), "invalid_amount", shop.id, before);
    await expectRefusal(createPayout({ ...base, amountMinor: -100 }), "invalid_amount", shop.id, before);
    await expectRefusal(createPayout({ ...base, amountMinor: 10.5 }), "invalid_amount", shop.id, before);
    await expectRefusal(createPayout({ ...base, amountMinor: Number.NaN }), "invalid_amount", shop.id, before);
    await expect(createPayout({ ...base, currency: "EUR" })).rejects.toThrow(
      "Ava Ames has no balance in EUR: a payout is paid in the currency it was earned in. Ava Ames is owed in USD.",
    );
    await expectRefusal(createPayout({ ...base, currency: "EUR" }), "no_balance_in_currency", shop.id, before);
    await expectRefusal(createPayout({ ...base, currency: "XYZ" }), "unknown_currency", shop.id, before);
    await expectRefusal(createPayout({ ...base, amountMinor: 2000, minimumMinor: 2500 }), "below_minimum", shop.id, before);
    await expectRefusal(createPayout({ ...base, creatorId: "cr_missing" }), "creator_not_found", shop.id, before);
  });

  it("honours the minimum unless it is overridden", async () => {
    const { shop, ava, base } = await shopWithAva();
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 1800 });

    await expect(createPayout({ ...base, minimumMinor: 2500 })).rejects.toThrow(
      "18.00 USD is below the 25.00 USD minimum for USD payouts.",
    );
    expect(await createPayout({ ...base, minimumMinor: null })).toMatchObject({ amountMinor: 1800 });
  });

  it("says there is nothing to pay once everything is in a payout, or while clawbacks exceed earnings", async () => {
    const { shop, ava, base } = await shopWithAva();
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 1000 });
    await createPayout(base);
    await expect(createPayout(base)).rejects.toMatchObject({ code: "nothing_payable" });

    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 1000 });
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -1200 });
    await expect(createPayout(base)).rejects.toThrow(
      "Ava Ames owes 2.00 USD from clawbacks and corrections; the next payout nets it out, so there is nothing to pay now.",
    );
  });

  it("gives gapless invoice numbers, only to payouts leaving draft", async () => {
    const { shop, ava, base } = await shopWithAva({ invoicePrefix: "TRAIL-" });
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 10000 });

    const draft = await createPayout({ ...base, amountMinor: 1000 });
    const fromRun = await createPayout({ ...base, amountMinor: 1000, origin: "run" });
    await expect(createPayout({ ...base, amountMinor: 999999, origin: "run" })).rejects.toMatchObject({ code: "amount_above_payable" });
    const fromRequest = await createPayout({ ...base, amountMinor: 1000, origin: "request" });
    const sent = await sendDraftPayout(shop.id, draft.payoutId, MIA);

    expect(draft.invoiceNumber).toBeNull();
    expect([fromRun.invoiceLabel, fromRequest.invoiceLabel, sent.invoiceLabel]).toEqual(["TRAIL-00001", "TRAIL-00002", "TRAIL-00003"]);
    expect((await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).nextInvoiceNumber).toBe(4);
  });

  it("starts runs and requests in review when the shop asks creators to review", async () => {
    const { shop, ava, base } = await shopWithAva({ creatorReviewEnabled: true });
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 10000 });

    expect(await createPayout({ ...base, amountMinor: 100, origin: "manual" })).toMatchObject({ status: "draft" });
    expect(await createPayout({ ...base, amountMinor: 100, origin: "run" })).toMatchObject({ status: "pending_review" });
    expect(await createPayout({ ...base, amountMinor: 100, origin: "request" })).toMatchObject({ status: "pending_review" });
  });

  it("records the balance after each payout on the payout", async () => {
    const { shop, ava, base } = await shopWithAva();
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 10000 });

    const first = await createPayout({ ...base, amountMinor: 2500 });
    const second = await createPayout({ ...base, amountMinor: 4000 });

    expect([first.balanceAfterMinor, second.balanceAfterMinor]).toEqual([7500, 3500]);
    const stored = await db().payout.findUniqueOrThrow({ where: { id: second.payoutId } });
    expect(stored.balanceAfterMinor).toBe(3500n);
  });

  it("keeps each shop's payouts to itself", async () => {
    const { shop, ava } = await shopWithAva();
    const other = await createShop();
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 5000 });

    await expect(
      createPayout({ shopId: other.id, creatorId: ava.id, currency: "USD", actor: MIA, origin: "manual" }),
    ).rejects.toMatchObject({ code: "creator_not_found" });
    expect(await rowCounts(other.id)).toMatchObject({ payouts: 0, balanceLocks: 0 });
  });
});
