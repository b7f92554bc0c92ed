// Plans and campaigns reachable from the screens (issue 13 §6), end to end over HTTP: a plan made
// in the plan editor, given to a deal created in a campaign, earns exactly by its terms on a
// signed orders/create delivery, and the campaign page shows that cost. Bad plan input gets field
// errors (never a 5xx) and writes nothing; one shop can never use another shop's plan or campaign.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { postAdjustment } from "~/adjustments/post-adjustment.server";
import { listCampaigns } from "~/campaigns/campaigns.server";
import { db } from "~/db.server";
import { addFixedFee } from "~/fees/add-fixed-fee.server";
import { readCampaignLifetimeRoi } from "~/reports/report-summaries.server";
import { reportFigures } from "~/reports/report-definitions";
import { createCreator, createInstalledShop, MIA, planSnapshotOf } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { orderPayload } from "../support/shopify-payloads";
import { adminFetch } from "../support/shopify-session";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { useTestApp } from "../support/test-app";

const app = useTestApp();

type Form = Record<string, string | string[]>;
const post = (domain: string, path: string, form: Form) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
  return adminFetch(app.url, domain, path, { method: "POST", body });
};
const page = async (domain: string, path: string) => {
  const response = await adminFetch(app.url, domain, path);
  expect(response.status).toBe(200);
  return (await response.text()).replace(/<!-- -->/g, "");
};

const SPRING_PLAN: Form = {
  name: "Spring 15 %",
  kind: "percentage",
  rate: "15",
  flatAmount: "",
  newCustomersOnly: "false",
  excludeShipping: "true",
  excludeTips: "true",
  excludeGiftCards: "true",
  excludeTaxes: "true",
  overrideTarget: ["product"],
  overrideId: ["gid://shopify/Product/7002"],
  overrideTitle: ["Trail jacket"],
  overrideValue: ["25"],
};

let nextOrderId = 9_100_000_000;

async function shopWithTenPercentDefault() {
  const shop = await createInstalledShop({ holdPeriodDays: 30 });
  const plan = await db().commissionPlan.create({
    data: { shopId: shop.id, name: "Shop default", kind: "percentage", rateBasisPoints: 1000 },
  });
  return db().shop.update({ where: { id: shop.id }, data: { defaultPlanId: plan.id } });
}

describe("a plan made in the editor, on a deal in a campaign, earns by its terms", () => {
  it("creates the plan, assigns it to a campaign deal; the order earns exactly by it and the campaign page shows the cost", async () => {
    const shop = await shopWithTenPercentDefault();

    const created = await post(shop.domain, "/app/plans/new", SPRING_PLAN);
    expect(created.status).toBe(302);
    expect(created.headers.get("location")).toContain("/app/plans?saved=");
    const plan = await db().commissionPlan.findFirstOrThrow({
      where: { shopId: shop.id, name: "Spring 15 %" },
      include: { overrides: true },
    });
    expect(plan).toMatchObject({ kind: "percentage", rateBasisPoints: 1500, flatAmountMinor: null, newCustomersOnly: false });
    expect(plan.overrides.map((o) => [o.target, o.targetId, o.title, o.rateBasisPoints])).toEqual([
      ["product", "7002", "Trail jacket", 2500],
    ]);
    expect(await page(shop.domain, "/app/plans")).toContain("15 % of the eligible amount");

    await post(shop.domain, "/app/campaigns?index", { name: "Spring launch", budget: "1,000.00" });
    const campaign = await db().campaign.findFirstOrThrow({ where: { shopId: shop.id } });
    const creator = await createCreator(shop.id, "Ava Chen");

    const dealCreated = await post(shop.domain, `/app/creators/${creator.id}`, {
      intent: "create_deal",
      title: "Spring reels",
      campaignId: campaign.id,
    });
    expect(dealCreated.status).toBe(200);
    const deal = await db().deal.findFirstOrThrow({ where: { shopId: shop.id, creatorId: creator.id } });
    expect(deal).toMatchObject({ title: "Spring reels", campaignId: campaign.id, commissionPlanId: null });
    expect(await page(shop.domain, `/app/creators/${creator.id}`)).toContain(
      "Orders earn by Shop default (10 % of the eligible amount): the shop default",
    );

    const assigned = await post(shop.domain, `/app/creators/${creator.id}`, {
      intent: "set_deal_plan",
      dealId: deal.id,
      commissionPlanId: plan.id,
    });
    expect(assigned.status).toBe(200);
    expect(await assigned.text()).toContain("Deal plan saved");
    expect(await page(shop.domain, `/app/creators/${creator.id}`)).toContain(
      "Orders earn by Spring 15 % (15 % of the eligible amount): this deal&#x27;s plan",
    );

    // $100.00 of product 7001 at the plan's 15 % and 2 × $50.00 of product 7002 at its override's 25 %.
    const orderId = nextOrderId++;
    const at = new Date(Date.now() - 3_600_000).toISOString();
    const order = orderPayload({
      orderId,
      createdAt: at,
      updatedAt: at,
      creatorRef: creator.referralCode,
      lines: [
        { lineId: orderId * 10, productId: 7001, quantity: 1, unitPriceMinor: 10000 },
        { lineId: orderId * 10 + 1, productId: 7002, quantity: 2, unitPriceMinor: 5000 },
      ],
    });
    const delivered = await sendShopifyWebhook(app.url, { topic: "orders/create", shop: shop.domain, body: JSON.stringify(order) });
    expect(delivered.status).toBe(200);
    await drainJobs();

    const attributed = await db().attributedOrder.findFirstOrThrow({ where: { shopId: shop.id, shopifyOrderId: String(orderId) } });
    expect(attributed).toMatchObject({ creatorId: creator.id, dealId: deal.id });
    const commission = await db().commission.findFirstOrThrow({ where: { orderId: attributed.id } });
    expect(((await planSnapshotOf(commission)) as { planId: string }).planId).toBe(plan.id);
    const cost = await db().commissionCost.findFirstOrThrow({ where: { commissionId: commission.id } });
    expect(cost.amountMinor).toBe(1500n + 2500n);

    const roi = await readCampaignLifetimeRoi(shop, campaign.id);
    expect(reportFigures(roi.sums)).toMatchObject({ revenueMinor: 20000, costMinor: 4000, orders: 1 });
    const [row] = await listCampaigns(shop);
    expect(row.costMinor).toBe(4000);
    const campaignPage = await page(shop.domain, `/app/campaigns/${campaign.id}`);
    expect(campaignPage).toContain("Spring reels");
    expect(campaignPage.match(/\$40\.00/g)?.length).toBeGreaterThanOrEqual(3); // header cost, ROI cost, CPA
    expect(campaignPage).toContain("$200.00");
  });
});

describe("the campaign page's creator cost", () => {
  it("is one figure: the header and the ROI card agree, with an adjustment on a campaign deal too", async () => {
    const shop = await createInstalledShop();
    await post(shop.domain, "/app/campaigns?index", { name: "Summer", budget: "1,000.00" });
    const campaign = await db().campaign.findFirstOrThrow({ where: { shopId: shop.id } });
    const creator = await createCreator(shop.id, "Carla Diaz");
    const deal = await db().deal.create({
      data: { shopId: shop.id, creatorId: creator.id, title: "Summer posts", campaignId: campaign.id },
    });
    await addFixedFee(shop.id, { dealId: deal.id, amount: "300", comment: "Two posts" }, MIA);
    await postAdjustment(shop.id, { creatorId: creator.id, amount: "25", reason: "Bonus: best conversion", dealId: deal.id }, MIA);

    const roi = reportFigures((await readCampaignLifetimeRoi(shop, campaign.id)).sums);
    expect(roi.costMinor).toBe(32500);
    const [row] = await listCampaigns(shop);
    expect(row.costMinor).toBe(roi.costMinor);
    const html = await page(shop.domain, `/app/campaigns/${campaign.id}`);
    expect(html).not.toContain("$300.00</span>"); // the header's old figure left the adjustment out
    expect(html.match(/\$325\.00/g)?.length).toBeGreaterThanOrEqual(2);
    expect(html).toContain("Paid so far");
    expect(await page(shop.domain, "/app/campaigns")).toContain("$325.00 of $1,000.00");
  });
});

describe("bad plan input", () => {
  it("answers with field errors (422), not a 5xx, and writes nothing", async () => {
    const shop = await createInstalledShop();
    const cases: [Form, Record<string, string>][] = [
      [
        { ...SPRING_PLAN, name: "", rate: "150", overrideId: ["gid://shopify/Collection/12"], overrideValue: ["abc"] },
        {
          name: "Name the plan",
          rate: "Enter a percentage between 0 and 100 with at most two decimals",
          override: "Enter a product id like gid://shopify/Product/123 or 123, or pick one.",
        },
      ],
      [{ ...SPRING_PLAN, rate: "12.345" }, { rate: "Enter a percentage between 0 and 100 with at most two decimals" }],
      [{ ...SPRING_PLAN, kind: "flat", flatAmount: "1000000000.01" }, { flatAmount: "An amount can be at most USD 1,000,000,000.00." }],
      [{ ...SPRING_PLAN, kind: "flat", flatAmount: "-5" }, { flatAmount: "Enter an amount of zero or more." }],
      [{ ...SPRING_PLAN, kind: "bonus" }, { kind: "Choose a percentage or a flat amount per order." }],
      [
        {
          ...SPRING_PLAN,
          overrideTarget: ["product", "product"],
          overrideId: ["7002", "gid://shopify/Product/7002"],
          overrideValue: ["5", "6"],
        },
        { override: "This product already has an override above." },
      ],
    ];
    for (const [form, sentences] of cases) {
      const response = await post(shop.domain, "/app/plans/new", form);
      expect(response.status).toBe(422);
      const html = (await response.text()).replace(/&quot;/g, '"').replace(/<!-- -->/g, "");
      for (const sentence of Object.values(sentences)) expect(html).toContain(sentence);
      expect(html).toContain("The plan was not saved");
    }
    expect(await db().commissionPlan.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("never answers a 5xx, whatever the fields hold", async () => {
    const shop = await createInstalledShop();
    const text = fc.oneof(
      fc.string({ maxLength: 12 }),
      fc.constantFrom("", "15", "100.00", "1e3", "-1", "gid://shopify/Product/1", "9".repeat(40)),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          name: text,
          kind: fc.constantFrom("percentage", "flat", "", "x"),
          rate: text,
          flatAmount: text,
          newCustomersOnly: text,
          overrideTarget: fc.array(fc.constantFrom("product", "collection", "variant", ""), { maxLength: 3 }),
          overrideId: fc.array(text, { maxLength: 3 }),
          overrideValue: fc.array(text, { maxLength: 3 }),
        }),
        async (form) => {
          const response = await post(shop.domain, "/app/plans/new", form);
          expect([302, 422]).toContain(response.status);
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("tenant isolation", () => {
  it("shop B can neither use shop A's plan or campaign nor open A's plan", async () => {
    const shopA = await createInstalledShop();
    const shopB = await createInstalledShop();
    await post(shopA.domain, "/app/plans/new", SPRING_PLAN);
    const planA = await db().commissionPlan.findFirstOrThrow({ where: { shopId: shopA.id } });
    const campaignA = await db().campaign.create({ data: { shopId: shopA.id, name: "A's campaign" } });
    const creatorB = await createCreator(shopB.id, "Ben Okafor");
    const dealB = await db().deal.create({ data: { shopId: shopB.id, creatorId: creatorB.id, title: "B's deal" } });

    const withCampaign = await post(shopB.domain, `/app/creators/${creatorB.id}`, {
      intent: "create_deal",
      title: "Sneaky",
      campaignId: campaignA.id,
    });
    expect(withCampaign.status).toBe(422);
    expect(await withCampaign.text()).toContain("That campaign does not exist in this shop; choose another.");
    const withPlan = await post(shopB.domain, `/app/creators/${creatorB.id}`, {
      intent: "create_deal",
      title: "Sneaky",
      commissionPlanId: planA.id,
    });
    expect(withPlan.status).toBe(422);
    const setPlan = await post(shopB.domain, `/app/creators/${creatorB.id}`, {
      intent: "set_deal_plan",
      dealId: dealB.id,
      commissionPlanId: planA.id,
    });
    expect(setPlan.status).toBe(422);
    expect(await setPlan.text()).toContain("That commission plan does not exist in this shop; choose another.");
    const creatorForm = await post(shopB.domain, "/app/creators/new", {
      name: "Cleo",
      email: "cleo@example.com",
      referralCode: "CLEO1",
      commissionPlanId: planA.id,
      sendInvitation: "false",
    });
    expect(creatorForm.status).toBe(422);
    const editForm = await post(shopB.domain, `/app/creators/${creatorB.id}/edit`, {
      name: "Ben Okafor",
      email: creatorB.email,
      referralCode: creatorB.referralCode,
      commissionPlanId: planA.id,
    });
    expect(editForm.status).toBe(422);
    expect((await adminFetch(app.url, shopB.domain, `/app/plans/${planA.id}`)).status).toBe(404);
    expect((await post(shopB.domain, `/app/plans/${planA.id}`, { ...SPRING_PLAN, rate: "90" })).status).toBe(404);

    expect(await db().deal.count({ where: { shopId: shopB.id } })).toBe(1);
    expect(await db().deal.findUniqueOrThrow({ where: { id: dealB.id } })).toMatchObject({ commissionPlanId: null, campaignId: null });
    expect(await db().creator.findUniqueOrThrow({ where: { id: creatorB.id } })).toMatchObject({ commissionPlanId: null });
    expect(await db().commissionPlan.findUniqueOrThrow({ where: { id: planA.id } })).toMatchObject({ rateBasisPoints: 1500 });
    expect(await db().creator.count({ where: { shopId: shopB.id } })).toBe(1);

    // The database refuses it too, whatever code writes it.
    await expect(db().deal.update({ where: { id: dealB.id }, data: { commissionPlanId: planA.id } })).rejects.toThrow();
    await expect(db().deal.update({ where: { id: dealB.id }, data: { campaignId: campaignA.id } })).rejects.toThrow();
    await expect(db().creator.update({ where: { id: creatorB.id }, data: { commissionPlanId: planA.id } })).rejects.toThrow();
  });
});
