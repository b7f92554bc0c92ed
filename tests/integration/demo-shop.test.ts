// The demo shop's figures, computed by hand from the seed (app/demo/seed-demo-shop.server.ts),
// against what Home reads from the ledger with SQL sums.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { DEMO_SHOP_DOMAIN } from "~/demo/demo-mode.server";
import { seedDemoShop } from "~/demo/seed-demo-shop.server";
import { getHomeSummary } from "~/home/get-home-summary.server";
import { listCreators } from "~/creators/list-creators.server";
import { useTestDatabase } from "../support/test-database";

const DAY = 24 * 60 * 60 * 1000;

function sameMonth(a: Date, b: Date, timeZone: string) {
  const month = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" });
  return month.format(a) === month.format(b);
}

describe("the demo shop", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("is seeded once, deterministically", async () => {
    const first = await seedDemoShop();
    const second = await seedDemoShop();
    expect(first.created).toBe(true);
    expect(second).toEqual({ created: false, shopId: first.shopId });
    expect(await db().creator.count({ where: { shopId: first.shopId } })).toBe(8 + 24);
  });

  it("shows on Home the balances a finance team would compute by hand", async () => {
    const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    const summary = await getHomeSummary(shop);
    const usd = summary.figures.find((f) => f.currency === "USD")!;
    const eur = summary.figures.find((f) => f.currency === "EUR")!;
    expect(summary.figures[0].currency).toBe("USD"); // the shop currency first

    // Payable: Ava 12.00 + 9.95 + 500.00 fee; Ben 0 (reserved); Carla 27.50 (canceled payout) + 25.00.
    expect(usd.payableMinor).toBe(1200 + 995 + 50000 + 2750 + 2500);
    // Held: Ava 15.60 + 8.80, Ben 6.40, Carla 5.40, extras 4.00 + 5.30 + 7.90 + 9.20 + 10.50 + 11.80.
    expect(usd.heldMinor).toBe(1560 + 880 + 640 + 540 + 400 + 530 + 790 + 920 + 1050 + 1180);
    expect(usd.gatedMinor).toBe(30000);
    expect(usd.inPayoutMinor).toBe(1420 + 1180 + 1600);
    expect(usd.requestedMinor).toBe(50000);
    const today = new Date();
    today.setUTCHours(12, 0, 0, 0);
    const now = new Date();
    const paid =
      (sameMonth(new Date(today.getTime() - 2 * DAY), now, shop.timezone) ? 1890 + 2450 : 0) +
      (sameMonth(new Date(today.getTime() - 20 * DAY), now, shop.timezone) ? 3000 : 0);
    expect(usd.paidThisMonthMinor).toBe(paid);
    expect(eur).toMatchObject({ payableMinor: 0, inPayoutMinor: 80000, heldMinor: 0 });

    expect(summary.alerts.map((a) => a.id).sort()).toEqual(["failed_payouts", "payout_details_missing", "requests_waiting"]);
    expect(summary.alerts.find((a) => a.id === "payout_details_missing")!.title).toBe("1 creator is missing payout details");
  });

  it("pages through creators by name with exact cursors", async () => {
    const shop = await db().shop.findUniqueOrThrow({ where: { domain: DEMO_SHOP_DOMAIN } });
    const first = await listCreators(shop.id, { query: "", sort: "name" });
    expect(first.rows).toHaveLength(25);
    expect(first.previousCursor).toBeNull();
    const second = await listCreators(shop.id, { query: "", sort: "name", after: first.nextCursor! });
    expect(second.rows).toHaveLength(7);
    expect(second.nextCursor).toBeNull();
    const back = await listCreators(shop.id, { query: "", sort: "name", before: second.previousCursor! });
    expect(back.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
    const missing = await listCreators(shop.id, { query: "", sort: "name", details: "missing" });
    expect(missing.rows.map((r) => r.payoutDetailsStatus)).not.toContain("complete");
    expect(missing.rows.map((r) => r.name)).toContain("Carla Mendes");
    const names = [...first.rows, ...second.rows].map((r) => r.name);
    expect(names).toEqual([...names].sort());
  });
});
