// Journey: a campaign, end to end in a real browser. The merchant creates a commission plan and a
// campaign, gives a creator a deal in that campaign with that plan; an order with the creator's
// link earns by the plan; the campaign's page shows the revenue, the creator cost and the ROI.
// Every screen is checked with axe and saved at 1280 and 390 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { describeInBrowser } from "../support/browser";
import { createCreator } from "../support/factories";
import { startJourney, type Journey } from "../support/journey";

const ORDER_DAY = "2026-11-10T15:00:00Z";

describeInBrowser("journey: a plan and a campaign decide what an order earns and what the campaign returns", () => {
  let j: Journey;
  let admin: Page;
  let creatorId: string;

  beforeAll(async () => {
    j = await startJourney("campaign");
    admin = j.admin;
    // A shop default that the campaign's plan must override (5 %).
    const standard = await db().commissionPlan.create({
      data: { shopId: j.shop.id, name: "Standard 5 %", kind: "percentage", rateBasisPoints: 500 },
    });
    await db().shop.update({ where: { id: j.shop.id }, data: { defaultPlanId: standard.id } });
    process.env.CREATOR_PAYOUTS_CLOCK = ORDER_DAY;
    creatorId = (await createCreator(j.shop.id, "Lena Park", { referralCode: "LENA" })).id;
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  it("creates a plan, a campaign and a deal in it; an order earns by the plan; the campaign's ROI shows it", async () => {
    // 1. A plan: 20 % of the eligible amount.
    await admin.goto(`${j.app.url}/app/plans`);
    await admin.getByRole("heading", { name: "Commission plans", level: 1 }).waitFor();
    await admin.getByRole("link", { name: "Create plan" }).first().click();
    await admin.waitForURL(/\/app\/plans\/new$/);
    await admin.getByLabel("Name").fill("Summer 20 %");
    await admin.getByLabel("Rate", { exact: true }).fill("20");
    await j.screen(admin, "new-plan");
    await admin.getByRole("button", { name: "Save plan" }).click();
    await admin.getByText("Plan “Summer 20 %” saved").waitFor();
    await j.screen(admin, "plans");

    // 2. A campaign with a budget.
    await admin.goto(`${j.app.url}/app/campaigns`);
    const form = admin.getByRole("form", { name: "New campaign" });
    await form.getByLabel("Name").fill("Summer drop");
    await form.getByLabel("Budget").fill("500.00");
    await form.getByRole("button", { name: "Create campaign" }).click();
    await admin.getByRole("link", { name: "Summer drop" }).first().waitFor();
    await j.screen(admin, "campaigns");

    // 3. A deal for Lena in the campaign, with the plan.
    await admin.goto(`${j.app.url}/app/creators/${creatorId}`);
    const newDeal = admin.getByRole("group", { name: "New deal" });
    await newDeal.getByLabel("Deal title").fill("Summer reels");
    await newDeal.getByLabel("Campaign").selectOption({ label: "Summer drop" });
    await newDeal.getByLabel("Commission plan").selectOption({ label: "Summer 20 %" });
    await newDeal.getByRole("button", { name: "Create deal" }).click();
    await admin.getByText("Deal created.").first().waitFor();
    await admin.getByText("Orders earn by Summer 20 % (20 % of the eligible amount): this deal's plan.").waitFor();
    await j.screen(admin, "deal-in-campaign");

    // 4. An order with her link: 2 × $75.00 → 20 % = $30.00, not the default's $7.50.
    await j.order({
      orderId: 5_300_001,
      name: "#3001",
      createdAt: ORDER_DAY,
      updatedAt: ORDER_DAY,
      lines: [{ lineId: 1, productId: 7001, quantity: 2, unitPriceMinor: 7500 }],
      creatorRef: "LENA",
    });
    await admin.reload();
    await expect
      .poll(() =>
        admin
          .getByText(/^Held \(USD\)$/)
          .locator("xpath=following-sibling::*[1]")
          .innerText(),
      )
      .toBe("$30.00");

    // 5. The campaign's page: revenue, creator cost (earned) and ROI agree with the order.
    await admin.goto(`${j.app.url}/app/campaigns`);
    await admin.getByRole("link", { name: "Summer drop" }).first().click();
    await admin.waitForURL(/\/app\/campaigns\/[^/]+$/);
    await admin.getByRole("heading", { name: "Summer drop" }).first().waitFor();
    const figureOf = async (label: string) =>
      (await admin.getByText(label, { exact: true }).first().locator("xpath=following-sibling::*[1]").innerText()).trim();
    await expect.poll(() => figureOf("Revenue")).toBe("$150.00");
    expect(await figureOf("Creator cost")).toBe("$30.00");
    expect(await figureOf("ROI")).toMatch(/^400(\.0)? ?%$/);
    const page = await admin.locator("main").innerText();
    expect(page).toContain("Summer reels");
    await j.screen(admin, "campaign-roi");
  }, 240_000);
});
