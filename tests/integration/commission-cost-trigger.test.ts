// "CommissionCost"'s statement trigger must not carry planner settings: a SET on a PostgreSQL
// function also holds for every statement and trigger it fires, and with hash and merge joins off
// "ReportMonth"'s trigger on "CommissionCost" turned quadratic for statements that post many
// commissions at once (5,000 in 2.1 s, 10,000 in 7 s; migration 20261207140000). How fast it is
// lives in the benchmarks (`npm run bench -- payout-run` prints the seed's ledger step); this test
// holds the cause.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { findCommissionCostDifferences } from "~/reports/commission-costs.server";
import { createCreator, createShop, givePayable } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

beforeAll(async () => {
  await useTestDatabase();
});

describe("the CommissionCost trigger", () => {
  it("runs its functions with the database's own planner settings", async () => {
    const functions = await db().$queryRaw<Array<{ name: string; settings: string[] | null }>>`
      SELECT p.proname::text AS name, p.proconfig::text[] AS settings FROM pg_proc p
       WHERE p.proname IN ('report_commission_cost_on_expenses', 'report_month_on_change')`;
    expect(functions.map((f) => f.name).sort()).toEqual(["report_commission_cost_on_expenses", "report_month_on_change"]);
    expect(functions.filter((f) => f.settings !== null)).toEqual([]);
  });

  it("follows its order's creator and date through the commission's key (no index on the order id)", async () => {
    const shop = await createShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const ben = await createCreator(shop.id, "Ben Bell");
    const item = await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 1500 });
    const commission = await db().commission.findUniqueOrThrow({ where: { id: item.commissionId! } });
    const orderedAt = new Date("2026-02-03T04:05:06.000Z");
    await db().attributedOrder.update({ where: { id: commission.orderId }, data: { creatorId: ben.id, orderedAt } });
    expect(await db().commissionCost.findMany({ where: { commissionId: commission.id } })).toMatchObject([
      { creatorId: ben.id, orderedAt, amountMinor: 1500n },
    ]);
    expect(await findCommissionCostDifferences(shop.id)).toEqual([]);
  });
});
