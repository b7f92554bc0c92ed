// Campaigns: creating one through the admin route, and the creator cost it shows.
import { describe, expect, it } from "vitest";
import { listCampaigns } from "~/campaigns/campaigns.server";
import { db } from "~/db.server";
import { addFixedFee } from "~/fees/add-fixed-fee.server";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";
import { createCreator, createInstalledShop } from "../support/factories";

const app = useTestApp();

const post = (domain: string, form: Record<string, string>) =>
  adminFetch(app.url, domain, "/app/campaigns?index", { method: "POST", body: new URLSearchParams(form) });

describe("campaigns", () => {
  it("creates a campaign with a budget and shows the fees committed to it", async () => {
    const shop = await createInstalledShop();
    const response = await post(shop.domain, { name: "Spring launch", startsOn: "2026-03-01", endsOn: "2026-05-31", budget: "5,000.00" });
    expect(await response.text()).toContain("Campaign created");
    const campaign = await db().campaign.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(campaign).toMatchObject({ name: "Spring launch", budgetMinor: 500000n, currency: "USD" });

    const creator = await createCreator(shop.id, "Ava", { email: "ava@x.test", referralCode: "AVA1", status: "active" });
    const deal = await db().deal.create({ data: { shopId: shop.id, creatorId: creator.id, title: "Reels", campaignId: campaign.id } });
    await addFixedFee(shop.id, { dealId: deal.id, amount: "750", comment: "Two reels" }, { type: "staff", id: "staff_1" });
    const [row] = await listCampaigns(shop);
    expect(row).toMatchObject({ name: "Spring launch", dealCount: 1, costMinor: 75000, budgetMinor: 500000 });
    const page = await (await adminFetch(app.url, shop.domain, "/app/campaigns")).text();
    expect(page).toContain("$750.00 of $5,000.00");
    const detail = await (await adminFetch(app.url, shop.domain, `/app/campaigns/${campaign.id}`)).text();
    expect(detail).toContain("Two reels");
    expect(detail).toContain("15 %");
    const other = await createInstalledShop();
    expect((await adminFetch(app.url, other.domain, `/app/campaigns/${campaign.id}`)).status).toBe(404);
  });

  it("explains bad dates and budgets and creates nothing", async () => {
    const shop = await createInstalledShop();
    const html = await (await post(shop.domain, { name: "", startsOn: "2026-05-01", endsOn: "2026-04-01", budget: "-5" })).text();
    for (const message of ["Name the campaign.", "The end date is before the start date.", "A budget must be more than zero."]) {
      expect(html).toContain(message);
    }
    expect(await db().campaign.count({ where: { shopId: shop.id } })).toBe(0);
  });
});
