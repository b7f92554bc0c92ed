// Home and the deal page ask the payout-hold door about every open payout. A payout that is its
// creator's only one holding items in its currency is read at the creator's kept in_payout balance
// (one key lookup) instead of summing its items (a run's million on each Home load of a US shop);
// the payment's own check (given payout ids) still sums the items.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { readPayoutHolds } from "~/payouts/payout-holds.server";
import { createShop, givePayable, MIA } from "../support/factories";
import { createPayee } from "../support/payout-runs.testkit";
import { ownerDatabaseUrl, useTestDatabase } from "../support/test-database";

beforeAll(async () => {
  await useTestDatabase();
});

const codesOf = (holds: Map<string, { code: string }[]>) =>
  Object.fromEntries([...holds].map(([id, list]) => [id, list.map((hold) => hold.code)]));

describe("payout holds of every open payout", () => {
  it("agree with the per-payout check, and read a lone open payout's amount from the kept in_payout balance", async () => {
    const shop = await createShop({ billingCountryCode: "US" });
    // No W-9 and no country: treated as US persons; $2,500 reaches 2026's $2,000 threshold.
    const ava = await createPayee(shop.id, "Ava Ames");
    const ben = await createPayee(shop.id, "Ben Bell");
    const cal = await createPayee(shop.id, "Cal Cole");
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 250_000 });
    await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 500_000 });
    await givePayable(shop.id, cal.id, { kind: "commission", amountMinor: 10_000 });
    const payout = (creatorId: string, amountMinor: number) =>
      createPayout({ shopId: shop.id, creatorId, currency: "USD", origin: "manual", sendNow: true, actor: MIA, amountMinor });
    const avas = await payout(ava.id, 250_000);
    // Two open payouts of one creator: their amounts are summed from their items.
    const bens = [await payout(ben.id, 100_000), await payout(ben.id, 300_000)];
    const cals = await payout(cal.id, 10_000);
    const ids = [avas.payoutId, ...bens.map((p) => p.payoutId), cals.payoutId];

    const open = await readPayoutHolds(db(), shop.id, { open: true });
    const exact = await readPayoutHolds(db(), shop.id, { payoutIds: ids });
    expect(codesOf(open)).toEqual(codesOf(exact));
    expect(codesOf(open)).toEqual({ [avas.payoutId]: ["w9_missing"], [bens[1].payoutId]: ["w9_missing"] });

    // The kept balance changed behind the keeper's back shows in the open read only: it is what that read uses.
    const owner = new pg.Client({ connectionString: ownerDatabaseUrl() });
    await owner.connect();
    try {
      await owner.query(
        `UPDATE "AccountBalance" SET "balanceMinor" = 1 WHERE "shopId" = $1 AND "creatorId" = $2 AND "account" = 'in_payout'`,
        [shop.id, ava.id],
      );
      expect((await readPayoutHolds(db(), shop.id, { open: true })).has(avas.payoutId)).toBe(false);
      expect((await readPayoutHolds(db(), shop.id, { payoutIds: [avas.payoutId] })).has(avas.payoutId)).toBe(true);
      await owner.query(`SELECT rebuild_account_balances($1)`, [shop.id]);
    } finally {
      await owner.end();
    }
    expect(codesOf(await readPayoutHolds(db(), shop.id, { open: true }))).toEqual(codesOf(exact));
  });
});
