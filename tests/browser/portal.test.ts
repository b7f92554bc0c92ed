// The creator portal end to end in Chromium: a tiny storefront serves the "Creator portal" block
// (its Liquid, script and stylesheet) and plays Shopify's app proxy, forwarding
// /apps/creator-payouts/* to the built app with a valid signature and the logged-in customer.
// A creator accepts the emailed invitation, sees balances, requests a withdrawal, disputes an item
// of a payout under review, accepts another payout and saves offline payout details; axe finds no
// serious accessibility violation along the way. At 390 px (a phone) the portal's tables are
// stacked lists and nothing scrolls sideways; the payout method form shows only the chosen
// method's fields, by CSS alone. A gift card's code shows only after "Show code" (a POST), in
// place, and is forgotten after "I saved it".
import { randomBytes } from "node:crypto";
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { hashInvitationToken } from "~/creators/invite-creator.server";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { storeGiftCardCode } from "~/rails/gift-card/gift-card-code.server";
import { rejectPayoutRequest } from "~/payout-requests/decide-payout-request.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { startTestApp, type TestApp } from "../support/test-app";
import { startStorefront, type Storefront } from "../support/storefront";
import { seriousAxeViolations } from "../support/axe";

const PROXY = "/apps/creator-payouts";
const CUSTOMER_ID = "5550001";

describeInBrowser("creator portal in a browser, through a simulated app proxy", () => {
  let app: TestApp;
  let admin: FakeShopifyAdmin;
  let browser: Browser;
  let storefront: Storefront;
  let storefrontUrl: string;
  let context: BrowserContext;
  let shop: { id: string; domain: string };
  let creator: { id: string; email: string };
  let invitationToken: string;

  beforeAll(async () => {
    [app, browser] = await Promise.all([startTestApp(), launchBrowser()]);
    shop = await createInstalledShop({ creatorReviewEnabled: true });
    creator = await createCreator(shop.id, "Ava Ames", { email: "ava@creators.test", referralCode: "AVA10", status: "invited" });
    invitationToken = randomBytes(32).toString("base64url");
    await db().creatorInvitation.create({
      data: {
        shopId: shop.id,
        creatorId: creator.id,
        email: creator.email,
        tokenHash: hashInvitationToken(invitationToken),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    admin = await startFakeShopifyAdmin({
      accessToken: "shpat_test_offline_token",
      customers: { [CUSTOMER_ID]: { email: "ava@creators.test", firstName: "Ava" } },
    });
    process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;

    storefront = await startStorefront(app.url, shop.domain, { id: CUSTOMER_ID, email: "ava@creators.test" });
    storefrontUrl = storefront.url;
    context = await browser.newContext({ viewport: { width: 375, height: 740 } });
  });
  afterAll(async () => {
    delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
    await context?.close();
    await browser?.close();
    await storefront?.close();
    await admin?.close();
    await app?.close();
  });

  it("accepts the invitation from the emailed link", async () => {
    const page = await context.newPage();
    await page.goto(`${storefrontUrl}${PROXY}/invitations/${invitationToken}?locale=en`);
    expect(await seriousAxeViolations(page, { include: "main" })).toEqual([]);
    await page.getByRole("button", { name: "Accept the invitation" }).click();
    await page.getByText("Welcome! Your creator account is ready.").waitFor();
    expect(await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({
      status: "active",
      shopifyCustomerId: CUSTOMER_ID,
    });
    await page.close();
  });

  it("shows balances, requests a withdrawal, disputes and accepts payouts under review, and saves offline details", async () => {
    await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: 30000, text: "TikTok video" });
    const disputed = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
    await givePayable(shop.id, creator.id, { kind: "adjustment", amountMinor: 4000, text: "Launch bonus" });
    const toAccept = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 12000 });

    const page = await context.newPage();
    const errors: Error[] = [];
    page.on("pageerror", (error) => errors.push(error));
    await page.goto(storefrontUrl);
    const portal = page.getByRole("region", { name: "Creator portal" });
    await portal.getByRole("heading", { name: "Balances" }).waitFor();
    const balances = portal.getByRole("table", { name: "Balances" });
    expect(await balances.getByRole("row", { name: /USD/ }).innerText()).toContain("$120.00");
    expect(await portal.getByLabel("Your referral link").inputValue()).toBe(`https://${shop.domain}/?ref=AVA10`);
    expect(await seriousAxeViolations(page, { include: ".creator-portal" })).toEqual([]);

    // Withdrawal: too much first (inline error on the field), then within range.
    await portal.getByLabel("Amount", { exact: true }).fill("500.00");
    await portal.getByRole("button", { name: "Request withdrawal" }).click();
    await page.locator("#cp-withdraw-amount[aria-invalid=true]").waitFor();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-portal-notice"))).toBe(true);
    await portal.getByLabel("Amount", { exact: true }).fill("50.00");
    await portal.getByRole("button", { name: "Request withdrawal" }).click();
    await portal.getByText("Your withdrawal request was sent to the store.").waitFor();
    expect(await db().payoutRequest.count({ where: { shopId: shop.id, creatorId: creator.id, amountMinor: 5000n } })).toBe(1);

    // Review: dispute the fee of the first payout.
    const disputeBox = page.locator(`details:has(input[name=payoutId][value="${disputed.payoutId}"])`);
    await disputeBox.getByText("Dispute this item").click();
    await disputeBox.getByLabel("What is wrong with this item?").fill("The video was two posts");
    await disputeBox.getByRole("button", { name: "Send dispute" }).click();
    await portal.getByText("Your dispute was sent to the store.").waitFor();
    const fee = await db().payoutItem.findFirstOrThrow({ where: { payoutId: disputed.payoutId } });
    expect(fee.disputeNote).toBe("The video was two posts");

    // Accept the second payout (no invoice required by this shop).
    await page.locator(`form:has(input[name=payoutId][value="${toAccept.payoutId}"]) button:has-text("Accept payout")`).click();
    await portal.getByText("You accepted the payout. It is scheduled for payment.").waitFor();
    expect((await db().payout.findUniqueOrThrow({ where: { id: toAccept.payoutId } })).status).toBe("ready");

    // Offline payout details.
    await portal.getByLabel("Method", { exact: true }).selectOption("paypal");
    await portal.getByLabel("PayPal email").fill("ava.pay@creators.test");
    await portal.getByRole("button", { name: "Save payout method" }).click();
    await portal.getByText(/Check your email/).waitFor();
    expect(await db().payoutMethodChange.count({ where: { shopId: shop.id, creatorId: creator.id } })).toBe(1);

    expect(await seriousAxeViolations(page, { include: ".creator-portal" })).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("fits a 390 px phone: stacked tables, no sideways scroll, only the chosen method's fields, no serious axe violation", async () => {
    // Everything that moves the balance, with long words: a paid payout with a note, a declined request, an adjustment.
    const paid = await db().payout.findFirstOrThrow({ where: { shopId: shop.id, creatorId: creator.id, status: "ready" } });
    await markPayoutPaidOffline(shop.id, paid.id, MIA, {
      method: "Bank transfer",
      reference: "SEPA-2026-01-15-TRAILCO-AVA-AMES-000123456789",
      paidOn: "2026-01-15",
      note: "Thanks for the launch video — see https://trail.example/campaigns/spring-2026/launch-video-results for the numbers",
    });
    const request = await db().payoutRequest.findFirstOrThrow({ where: { shopId: shop.id, creatorId: creator.id, status: "requested" } });
    await rejectPayoutRequest(shop.id, request.id, MIA, "Please wait for the March invoice.");

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const page = await phone.newPage();
    const errors: Error[] = [];
    page.on("pageerror", (error) => errors.push(error));
    await page.goto(storefrontUrl);
    const portal = page.getByRole("region", { name: "Creator portal" });
    await portal.getByRole("heading", { name: "Balances" }).waitFor();

    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    // Tables are stacked: a row is a block, each value after its column's name.
    const row = page.locator(".creator-portal__table tbody tr").first();
    expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
    expect(
      await page
        .locator("#cp-payouts ~ * td[data-label='Status']")
        .first()
        .evaluate((td) => getComputedStyle(td, "::before").content),
    ).toContain("Status");

    // The store's note on the declined request is there too (a stacked row of the requests table).
    await portal.getByText("Please wait for the March invoice.").waitFor({ timeout: 5000 });

    // Payout method: the chosen method's fields only, and another method's after choosing it.
    const method = portal.getByLabel("Method", { exact: true });
    await method.selectOption("paypal");
    expect(await portal.getByLabel("PayPal email").isVisible()).toBe(true);
    expect(await portal.getByLabel("IBAN").isVisible()).toBe(false);
    await method.selectOption("bank_transfer");
    expect(await portal.getByLabel("IBAN").isVisible()).toBe(true);
    expect(await portal.getByLabel("PayPal email").isVisible()).toBe(false);
    // The stylesheet alone does it (without the script's hidden/disabled attributes).
    await page.evaluate(() =>
      document.querySelectorAll("[data-method-fields]").forEach((set) => {
        set.removeAttribute("hidden");
        set.removeAttribute("disabled");
      }),
    );
    expect(await portal.getByLabel("IBAN").isVisible()).toBe(true);
    expect(await portal.getByLabel("Payment instructions").isVisible()).toBe(false);

    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await seriousAxeViolations(page, { include: ".creator-portal" })).toEqual([]);
    expect(errors).toEqual([]);
    await phone.close();
  });

  it("shows a gift card's code only after Show code, in place, and forgets it after I saved it", async () => {
    // A paid gift card payout as the rail leaves it (the rail itself: tests/integration/gift-card-payouts.test.ts).
    await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: 2500, text: "Story" });
    const { payoutId } = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
    await db().payout.update({
      where: { id: payoutId },
      data: { status: "paid", channel: "gift_card", attemptCount: 1, paidAt: new Date() },
    });
    const code = "browsergiftcard1";
    await db().$transaction((tx) => storeGiftCardCode(tx, { shopId: shop.id, payoutId, attempt: 1, code, createdAt: new Date() }));

    const page = await context.newPage();
    const errors: Error[] = [];
    page.on("pageerror", (error) => errors.push(error));
    // A second tab, left open from before the code was saved.
    const stale = await context.newPage();
    await stale.goto(storefrontUrl);
    const stalePortal = stale.getByRole("region", { name: "Creator portal" });
    await stalePortal.getByRole("heading", { name: "Payouts", exact: true }).waitFor();
    await page.goto(storefrontUrl);
    const portal = page.getByRole("region", { name: "Creator portal" });
    await portal.getByRole("heading", { name: "Payouts", exact: true }).waitFor();
    expect(await portal.innerText()).not.toContain(code);
    await portal.getByRole("button", { name: "Show code" }).click();
    await portal.getByText(`Gift card code: ${code}`).waitFor();
    expect(await page.evaluate(() => document.activeElement?.hasAttribute("data-portal-notice"))).toBe(true);
    expect(await seriousAxeViolations(page, { include: ".creator-portal" })).toEqual([]);
    await portal.getByRole("button", { name: "I saved it" }).click();
    await portal.getByText("the code is no longer kept here").waitFor();
    expect(await portal.innerText()).not.toContain(code);
    expect((await db().payoutGiftCard.findFirstOrThrow({ where: { payoutId } })).codeCiphertext).toBeNull();
    // The stale tab's Show code answers 410 with its sentence, shown in place (not a load error).
    await stalePortal.getByRole("button", { name: "Show code" }).click();
    await stalePortal.getByText("Look in the email we sent you").waitFor();
    expect(await stalePortal.innerText()).not.toContain(code);
    expect(errors).toEqual([]);
    await stale.close();
    await page.close();
  });
});
