// The Reports screen and its CSV over real HTTP: figures on the page, the CSV of the same query,
// bad input refused with a sentence (400), and one shop never seeing another's figures.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { addFixedFee } from "~/fees/add-fixed-fee.server";
import { MIA, createCreator } from "../support/deal-fixtures";
import { seedClicks, seedOrder } from "../support/reports.testkit";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";
import { createInstalledShop } from "../support/factories";
import { streamReportRows } from "~/reports/stream-report-rows.server";

const app = useTestApp();

async function seedShop(name: string, creatorName: string, subtotalMinor: number) {
  const shop = await createInstalledShop({ name, timezone: "UTC" });
  const creator = await createCreator(shop.id, creatorName);
  const campaign = await db().campaign.create({ data: { shopId: shop.id, name: `${name} launch`, budgetMinor: 100000n, currency: "USD" } });
  const deal = await db().deal.create({ data: { shopId: shop.id, creatorId: creator.id, title: "Reels", campaignId: campaign.id } });
  await seedOrder(shop.id, {
    creatorId: creator.id,
    dealId: deal.id,
    subtotalMinor,
    orderedAt: "2026-03-10T12:00:00Z",
    commissionMinor: subtotalMinor / 10,
    isNewCustomer: true,
  });
  const fee = await addFixedFee(shop.id, { dealId: deal.id, amount: "100.00", comment: "Reel" }, MIA);
  await db().fixedFee.update({ where: { id: fee.feeId }, data: { createdAt: new Date("2026-03-11T12:00:00Z") } });
  await seedClicks(shop.id, creator.id, "2026-03-09", 8);
  return { shop, creator, campaign };
}

const MARCH = "period=custom&from=2026-03-01&to=2026-03-31";

describe("reports route", () => {
  it("shows a period's figures, drills down to the creator and exports the same rows as CSV", async () => {
    const { shop, creator } = await seedShop("Trail Co", "Ava Stone", 50000);
    const response = await adminFetch(app.url, shop.domain, `/app/reports?${MARCH}&groupBy=creator`);
    expect(response.status).toBe(200);
    const html = await response.text();
    // revenue $500; cost $50 commission + $100 fee = $150; ROI 350/150 = 233.3 %; 1 order of 8 clicks.
    for (const text of ["$500.00", "$150.00", "233.3 %", "12.5 %", `/app/creators/${creator.id}`, "Ava Stone"])
      expect(html).toContain(text);

    const csv = await adminFetch(app.url, shop.domain, `/app/exports/report.csv?${MARCH}&groupBy=creator`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toEqual([
      "Creator,Id,Orders,Revenue (USD),Commissions (USD),Fixed fees (USD),Adjustments (USD),Creator cost (USD),Cost in other currencies,Net profit (USD),ROI (%),CPA (USD),Clicks,Conversion (%),New customers (%),AOV (USD)",
      `Ava Stone,${creator.id},1,500.00,50.00,100.00,0.00,150.00,,350.00,233.3,150.00,8,12.5,100.0,500.00`,
      "Total,,1,500.00,50.00,100.00,0.00,150.00,,350.00,233.3,150.00,8,12.5,100.0,500.00",
    ]);
  });

  it("server-renders the chart's figures as a table with a row header per day", async () => {
    const { shop } = await seedShop("Chart Co", "Ava Chart", 50000);
    const html = await (await adminFetch(app.url, shop.domain, `/app/reports?${MARCH}&groupBy=creator`)).text();
    // A plain table (not Polaris' DataTable, whose name is set only after hydration): named, and each
    // day a row header with its revenue and creator cost (the fee of the 11th is that day's cost).
    expect(html).toContain('aria-label="Revenue and creator cost by day"');
    expect(html).toMatch(/<th scope="row"[^>]*>2026-03-10<\/th><td[^>]*>\$500\.00<\/td><td[^>]*>\$50\.00<\/td>/);
    expect(html).toMatch(/<th scope="row"[^>]*>2026-03-11<\/th><td[^>]*>\$0\.00<\/td><td[^>]*>\$100\.00<\/td>/);
  });

  it("shows the same figures on Home (this month), the creator page (lifetime) and the campaign page", async () => {
    const { shop, creator, campaign } = await seedShop("Echo Co", "Eve Echo", 40000);
    // An order placed now counts for Home's "this month" in the shop's time zone.
    await seedOrder(shop.id, { creatorId: creator.id, subtotalMinor: 12300, orderedAt: new Date().toISOString(), commissionMinor: 1230 });
    const home = await (await adminFetch(app.url, shop.domain, "/app")).text();
    expect(home).toContain("Return on creators this month");
    expect(home).toContain("$123.00");
    // Lifetime: $400 + $123 revenue; cost $40 + $12.30 commission + $100 fee = $152.30.
    const creatorPage = await (await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`)).text();
    expect(creatorPage).toContain("Lifetime value");
    for (const text of ["$523.00", "$152.30", "243.4 %"]) expect(creatorPage).toContain(text);
    // The campaign holds the March deal only: $400 revenue, $40 + $100 cost, ROI 185.7 %.
    const campaignPage = await (await adminFetch(app.url, shop.domain, `/app/campaigns/${campaign.id}`)).text();
    expect(campaignPage).toContain("Return on this campaign");
    for (const text of ["$400.00", "$140.00", "185.7 %"]) expect(campaignPage).toContain(text);
  });

  it("shows an empty state for a period without data instead of zeros", async () => {
    const { shop } = await seedShop("Empty Co", "Ben Ray", 10000);
    const html = await (await adminFetch(app.url, shop.domain, "/app/reports?period=custom&from=2025-01-01&to=2025-01-31")).text();
    expect(html).toContain("Nothing to report for this period");
    expect(html).not.toContain("$0.00");
  });

  it("refuses bad input with a sentence and a 400, on the screen and the CSV", async () => {
    const { shop } = await seedShop("Strict Co", "Cy Moss", 10000);
    const cases: [string, string][] = [
      ["period=custom&from=2026-03-31&to=2026-03-01", '"from" must be on or before "to".'],
      ["period=custom&from=2026-03-01", 'A custom range needs both "from" and "to".'],
      ["period=custom&from=2020-01-01&to=2026-03-01", "A report covers at most 732 days"],
      ["groupBy=product", '"groupBy" must be one of: creator, campaign.'],
      ["period=forever", '"period" must be one of'],
      ["period=custom&from=2026-02-30&to=2026-03-01", '"from" must be a date like 2026-01-31.'],
      ["campaignId=cp_nope", "There is no such campaign in this shop"],
    ];
    for (const [query, message] of cases) {
      const csv = await adminFetch(app.url, shop.domain, `/app/exports/report.csv?${query}`);
      expect(csv.status, query).toBe(400);
      expect(await csv.text()).toContain(message);
      const page = await adminFetch(app.url, shop.domain, `/app/reports?${query}`);
      expect(page.status, query).toBe(400);
      expect((await page.text()).replaceAll("&quot;", '"')).toContain(message);
    }
  });

  it("keeps each shop to its own figures and campaigns", async () => {
    const a = await seedShop("Shop A", "Ana Alpha", 70000);
    const b = await seedShop("Shop B", "Bo Beta", 30000);
    const html = await (await adminFetch(app.url, a.shop.domain, `/app/reports?${MARCH}`)).text();
    expect(html).toContain("Ana Alpha");
    expect(html).not.toContain("Bo Beta");
    expect(html).not.toContain("$300.00");
    const csv = await (await adminFetch(app.url, b.shop.domain, `/app/exports/report.csv?${MARCH}&groupBy=campaign`)).text();
    expect(csv).toContain("Shop B launch");
    expect(csv).not.toContain("Shop A launch");
    // Shop A's campaign id is not a campaign of shop B.
    const foreign = await adminFetch(app.url, b.shop.domain, `/app/exports/report.csv?${MARCH}&campaignId=${a.campaign.id}`);
    expect(foreign.status).toBe(400);
    expect(await foreign.text()).toContain("There is no such campaign in this shop");
    const own = await (
      await adminFetch(app.url, a.shop.domain, `/app/exports/report.csv?${MARCH}&groupBy=campaign&campaignId=${a.campaign.id}`)
    ).text();
    expect(own).toContain("Shop A launch");
  });
});

describe("report CSV", () => {
  it("streams every row of a large report from a cursor, a batch at a time, then the total", async () => {
    const shop = await createInstalledShop({ name: "Big Co", timezone: "UTC" });
    const count = 2_400;
    const ids = Array.from({ length: count }, (_, i) => `cr_csv${shop.id}_${String(i).padStart(5, "0")}`);
    await db().creator.createMany({
      data: ids.map((id, i) => ({
        id,
        shopId: shop.id,
        name: `Creator ${i}`,
        email: `c${i}@big.test`,
        referralCode: `BIG${i}`,
        status: "active" as const,
      })),
    });
    await db().attributedOrder.createMany({
      data: ids.map((creatorId, i) => ({
        shopId: shop.id,
        shopifyOrderId: `big-${i}`,
        orderName: `#${i}`,
        creatorId,
        currency: "USD",
        subtotalMinor: BigInt(1000 + i),
        orderedAt: new Date(Date.UTC(2026, 2, 1 + (i % 31), 12)),
        paidAt: new Date(Date.UTC(2026, 2, 1 + (i % 31), 12)),
        orderState: {},
      })),
    });

    const batches: number[] = [];
    let total = null;
    for await (const batch of streamReportRows(
      { id: shop.id, currency: "USD", timezone: "UTC", countPaidOrdersOnly: true },
      { period: { from: "2026-03-01", to: "2026-03-31" }, groupBy: "creator", sort: "revenue", direction: "desc" },
    )) {
      batches.push(batch.length);
      for (const item of batch) if ("totals" in item) total = item.totals;
    }
    expect(batches).toEqual([1000, 1000, 401]);
    expect(total).toMatchObject({ orders: count, revenueMinor: count * 1000 + (count * (count - 1)) / 2 });

    const csv = await adminFetch(app.url, shop.domain, `/app/exports/report.csv?${MARCH}&groupBy=creator&sort=revenue&direction=desc`);
    expect(csv.status).toBe(200);
    const lines = (await csv.text())
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(count + 2);
    expect(lines[1]).toMatch(new RegExp(`^Creator ${count - 1},${ids[count - 1]},1,${((1000 + count - 1) / 100).toFixed(2)},`));
    expect(lines[count + 1]).toMatch(/^Total,,2400,/);
  });
});
