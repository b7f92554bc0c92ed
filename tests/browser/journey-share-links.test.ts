// Journey: a shareable link (issue #14 item 2), end to end in a real browser. The merchant builds
// a link to a product on the deal page (copy, QR code), a buyer follows it into the stand-in
// storefront — whose /discount/ link keeps the code and redirects to the path, dropping every other
// parameter — and the theme app embed puts the referral on the cart; an order carrying that cart
// attribute but no discount code (the buyer removed it at checkout) is credited to the creator.
// The creator builds a link in the portal too. Every screen is checked with axe.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { CREATOR_REF_ATTRIBUTE } from "~/domain/commission/shopify-order";
import { buildShareLink, readShareLink } from "~/domain/share-link";
import { describeInBrowser } from "../support/browser";
import { createCreator } from "../support/factories";
import { startJourney, type Journey } from "../support/journey";
import { startStorefront, type Storefront } from "../support/storefront";

const NORA = { id: "7770101", email: "nora.links@creators.test" };
const ORDER_DAY = "2026-11-02T15:00:00Z";

describeInBrowser("journey: a shareable link applies the code and credits the creator", () => {
  let j: Journey;
  let admin: Page;
  let storefront: Storefront;
  let creatorId: string;

  beforeAll(async () => {
    j = await startJourney("share-links", { customers: { [NORA.id]: { email: NORA.email, firstName: "Nora" } } });
    admin = j.admin;
    const plan = await db().commissionPlan.create({
      data: { shopId: j.shop.id, name: "Standard 10 %", kind: "percentage", rateBasisPoints: 1000 },
    });
    await db().shop.update({ where: { id: j.shop.id }, data: { defaultPlanId: plan.id } });
    const creator = await createCreator(j.shop.id, "Nora Quinn", { referralCode: "NORA", email: NORA.email, shopifyCustomerId: NORA.id });
    creatorId = creator.id;
    await db().discountCode.create({ data: { shopId: j.shop.id, creatorId, code: "NORA15" } });
    storefront = await startStorefront(j.app.url, j.shop.domain, NORA);
    process.env.CREATOR_PAYOUTS_CLOCK = ORDER_DAY;
  }, 120_000);
  afterAll(async () => {
    await storefront?.close();
    await j?.close();
  });

  it("builds a link on the deal page, follows it into the store, and credits the order without its code", async () => {
    const expected = buildShareLink({
      shopDomain: j.shop.domain,
      referralCode: "NORA",
      target: { kind: "product", handle: "trail-shoe" },
      discountCode: "NORA15",
    });

    // 1. The merchant types the product's path (demo mode has no resource picker) and copies the link.
    await admin.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: j.app.url });
    await admin.goto(`${j.app.url}/app/creators/${creatorId}`);
    const path = admin.getByLabel("Page to link to");
    await path.fill("https://evil.example/products/trail-shoe");
    await admin.getByText("Enter only the path on your store (it starts with /), not a full address.").waitFor();
    expect(await admin.getByRole("textbox", { name: "Link with NORA15" }).count()).toBe(0);
    await path.fill("/products/trail-shoe");
    const link = admin.getByRole("textbox", { name: "Link with NORA15" });
    await expect.poll(() => link.inputValue()).toBe(expected);
    await expect
      .poll(() => admin.getByRole("img", { name: "QR code for the link with NORA15" }).getAttribute("data-share-link-qr"))
      .toBe(expected);
    await admin.getByRole("button", { name: "Copy link with NORA15" }).click();
    await admin.getByRole("button", { name: "Copied link with NORA15" }).getByText("Copied").waitFor();
    await admin.getByText("Link with NORA15 copied.").waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(expected);
    for (const [format, file] of [
      ["PNG", "link-with-nora15-qr.png"],
      ["SVG", "link-with-nora15-qr.svg"],
    ] as const) {
      const [download] = await Promise.all([
        admin.waitForEvent("download"),
        admin
          .getByRole(format === "PNG" ? "button" : "link", { name: `Download the QR code for the link with NORA15 as ${format}` })
          .click(),
      ]);
      expect(download.suggestedFilename()).toBe(file);
    }
    await j.screen(admin, "deal-page-link");

    // 2. A buyer follows it: the store keeps the code, redirects, and the embed writes the referral.
    const buyer = await (await j.browser.newContext()).newPage();
    const url = new URL(expected);
    await buyer.goto(`${storefront.url}${url.pathname}${url.search}`);
    await buyer.waitForURL(`${storefront.url}/products/trail-shoe?ref=NORA`);
    await buyer.getByRole("heading", { name: "trail-shoe" }).waitFor();
    await expect.poll(() => storefront.cart.attributes[CREATOR_REF_ATTRIBUTE]).toBe("NORA");
    expect(storefront.cart.discountCode).toBe("NORA15");
    await j.screen(buyer, "storefront-landing");

    // 3. The buyer removes the code at checkout: the order carries the cart attribute only.
    await j.order({
      orderId: 5_200_001,
      name: "#2001",
      createdAt: ORDER_DAY,
      updatedAt: ORDER_DAY,
      lines: [{ lineId: 1, productId: 7001, quantity: 1, unitPriceMinor: 12000 }],
      creatorRef: storefront.cart.attributes[CREATOR_REF_ATTRIBUTE],
      discountCodes: [],
    });
    const order = await db().attributedOrder.findFirstOrThrow({ where: { shopId: j.shop.id, shopifyOrderId: "5200001" } });
    expect(order).toMatchObject({ creatorId, attributionSource: "referral" });
    await admin.reload();
    await admin.getByText("#2001").first().waitFor();
  }, 240_000);

  it("lets the creator build the same kind of link in the portal", async () => {
    const portal = await j.portal(NORA);
    await portal.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(portal.url()).origin });
    const region = portal.getByRole("region", { name: "Creator portal" });
    await region.getByLabel("Page to link to").fill("/collections/summer");
    await region.getByRole("button", { name: "Make links" }).click();
    await region.getByRole("heading", { name: "Links to /collections/summer" }).waitFor();

    const link = await region.getByRole("textbox", { name: "Link with NORA15" }).inputValue();
    expect(readShareLink(link)).toEqual({
      shopDomain: j.shop.domain,
      discountCode: "NORA15",
      landing: "/collections/summer?ref=NORA",
      referralCode: "NORA",
    });
    await region.getByRole("img", { name: "QR code: Link with NORA15" }).waitFor();
    const copy = region.locator('[data-portal-copy="cp-link-0"]');
    await copy.click();
    await expect.poll(() => copy.innerText()).toMatch(/^Copied/);
    expect(await portal.evaluate(() => navigator.clipboard.readText())).toBe(link);
    await j.screen(portal, "portal-links");

    // A path off the store is refused next to the field, which gets the focus back.
    await region.getByLabel("Page to link to").fill("//evil.example");
    await region.getByRole("button", { name: "Make links" }).click();
    await region.getByText("Enter only the path on the store (it starts with /), not a full address.").waitFor();
    await expect.poll(() => portal.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("link_path");
  }, 120_000);
});
