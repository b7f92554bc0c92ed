// One end-to-end journey in a real browser: the built app in-process on the test file's own
// database, in demo mode (the admin opens in a plain browser as the demo shop's staff), a
// storefront that plays the app proxy for the creator's portal, signed Shopify webhooks, the
// background jobs run on demand, and the app's clock moved forward for holds.
// Every screen is checked with axe and saved at 1280 px and 390 px under test-results/journeys/.
import { mkdirSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { expect } from "vitest";
import { releaseDueCommissions } from "~/commissions/release-due-commissions.server";
import { db } from "~/db.server";
import { DEMO_SHOP_DOMAIN, registerDemoRuntime } from "~/demo/demo-mode.server";
import { launchBrowser } from "./browser";
import { createInstalledShop } from "./factories";
import { startFakeStripe, type FakeStripe } from "./fake-stripe";
import { startFakeShopifyAdmin, type FakeCustomer, type FakeShopifyAdmin } from "./fake-shopify-admin";
import type { FakeStoreCredit } from "./fake-shopify-store-credit";
import { drainJobs } from "./jobs";
import { orderPayload, type OrderSpec } from "./shopify-payloads";
import { sendShopifyWebhook } from "./shopify-webhook";
import { startStorefront, type Storefront, type StorefrontCustomer } from "./storefront";
import { startTestApp, type TestApp } from "./test-app";
import { seriousAxeViolations } from "./axe";

const SCREENSHOTS = "test-results/journeys";
export const DESKTOP = { width: 1280, height: 900 };
export const MOBILE = { width: 390, height: 844 };

export interface Journey {
  app: TestApp;
  /** The fake Stripe, when the journey asked for it. */
  stripe: FakeStripe | null;
  shop: Awaited<ReturnType<typeof createInstalledShop>>;
  browser: Browser;
  /** The merchant's browser (admin, demo mode). */
  admin: Page;
  /** Opens the portal of `customer` (logged in) on the shop's storefront in its own browser context. */
  portal(customer: StorefrontCustomer): Promise<Page>;
  /** A link from an email (https://<shop>/apps/…) as the storefront of `page` serves it. */
  onStorefront(page: Page, emailLink: string): string;
  /** Screenshots `page` at 1280 and 390 px and fails on any serious or critical axe violation. */
  screen(page: Page, name: string): Promise<void>;
  /** An order webhook (orders/create, then orders/paid when paid) signed as Shopify signs it; jobs drained. */
  order(spec: OrderSpec): Promise<void>;
  /** Moves the app's clock (CREATOR_PAYOUTS_CLOCK), then does what the every-minute cron would: releases due holds and runs due jobs. */
  advanceClockTo(instant: string): Promise<void>;
  runJobs(): Promise<void>;
  /** The plain-text bodies of the emails the app queued to `address`, oldest first. */
  emailsTo(address: string): Promise<{ subject: string; text: string }[]>;
  close(): Promise<void>;
}

export interface JourneyOptions {
  shop?: Parameters<typeof createInstalledShop>[0];
  /** Storefront customers the fake Shopify Admin knows (the portal reads the logged-in customer's email there). */
  customers?: Record<string, FakeCustomer>;
  /** Start the fake Stripe and point the app at it (STRIPE_API_ORIGIN). */
  stripe?: boolean;
  /** The store's customers and store credit the Admin stand-in serves (tests/support/fake-shopify-store-credit.ts). */
  storeCredit?: FakeStoreCredit;
}

export async function startJourney(name: string, options: JourneyOptions = {}): Promise<Journey> {
  mkdirSync(`${SCREENSHOTS}/${name}`, { recursive: true });
  const shopifyAdmin: FakeShopifyAdmin = await startFakeShopifyAdmin({
    accessToken: "shpat_test_offline_token",
    customers: options.customers,
    storeCredit: options.storeCredit,
  });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = shopifyAdmin.origin;
  const stripe = options.stripe ? await startFakeStripe() : null;
  if (stripe) process.env.STRIPE_API_ORIGIN = stripe.url;
  const app = await startTestApp();
  // Demo mode's three guards, as the launcher sets them: the flag, this database, a loopback listener.
  process.env.CREATOR_PAYOUTS_DEMO = "1";
  registerDemoRuntime({ embeddedDatabaseUrl: app.databaseUrl, listenHost: "127.0.0.1" });
  const shop = await createInstalledShop({ domain: DEMO_SHOP_DOMAIN, name: "Trail Co", ...options.shop });
  const browser = await launchBrowser();
  const contexts: BrowserContext[] = [];
  const storefronts: Storefront[] = [];
  const newContext = async () => {
    const context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    contexts.push(context);
    return context;
  };
  const admin = await (await newContext()).newPage();
  const pageErrors: Error[] = [];
  admin.on("pageerror", (error) => pageErrors.push(error));
  let step = 0;

  return {
    app,
    stripe,
    shop,
    browser,
    admin,
    async portal(customer) {
      const storefront = await startStorefront(app.url, shop.domain, customer);
      storefronts.push(storefront);
      const page = await (await newContext()).newPage();
      page.on("pageerror", (error) => pageErrors.push(error));
      await page.goto(storefront.url);
      return page;
    },
    onStorefront(page, emailLink) {
      const link = new URL(emailLink);
      return `${new URL(page.url()).origin}${link.pathname}${link.search}`;
    },
    async screen(page, screenName) {
      step += 1;
      const file = `${SCREENSHOTS}/${name}/${String(step).padStart(2, "0")}-${screenName}`;
      const violations: string[] = [];
      for (const [label, viewport] of [
        ["1280", DESKTOP],
        ["390", MOBILE],
      ] as const) {
        await page.setViewportSize(viewport);
        await page.screenshot({ path: `${file}-${label}.png`, fullPage: true });
        violations.push(...(await seriousAxeViolations(page, { label: `${screenName} @${label}px` })));
      }
      await page.setViewportSize(DESKTOP);
      expect(violations).toEqual([]);
      expect(pageErrors.map(String)).toEqual([]);
    },
    async order(spec) {
      const body = JSON.stringify(orderPayload(spec));
      const answer = await sendShopifyWebhook(app.url, { topic: "orders/create", shop: shop.domain, body });
      expect(answer.status).toBe(200);
      await drainJobs();
    },
    async advanceClockTo(instant) {
      process.env.CREATOR_PAYOUTS_CLOCK = instant;
      while ((await releaseDueCommissions()) > 0) {
        // as the cron task does: until none is due
      }
      await drainJobs();
    },
    runJobs: drainJobs,
    async emailsTo(address) {
      const emails = await db().outboundEmail.findMany({ where: { shopId: shop.id, toAddress: address }, orderBy: { createdAt: "asc" } });
      return emails.map((email) => ({ subject: email.subject, text: email.textBody }));
    },
    async close() {
      delete process.env.CREATOR_PAYOUTS_CLOCK;
      delete process.env.CREATOR_PAYOUTS_DEMO;
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      for (const storefront of storefronts) await storefront.close();
      await app.close();
      await shopifyAdmin.close();
      await stripe?.close();
      delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
      delete process.env.STRIPE_API_ORIGIN;
    },
  };
}
