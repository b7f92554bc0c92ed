// Connecting Stripe in Settings over HTTP: a key Stripe refuses stores nothing; a good key is
// stored sealed (ciphertext, not the key), shown as account name, mode and balance, and never
// appears in any response body; disconnect forgets it.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { shopSecretField } from "~/lib/sealed-columns.server";
import { open } from "~/lib/secret-box.server";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe";
import { adminFetch } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";
import { createInstalledShop } from "../support/factories";

let app: TestApp;
let fake: FakeStripe;
const GOOD_KEY = "sk_test_51SettingsKeyAbcDEF";
const PLATFORM_SECRET = "whsec_platformSecret123";
const CONNECT_SECRET = "whsec_connectSecret456";
const ENV_KEY = "sk_live_51EnvironmentKeyXYZ";
const ENV_SHOP = `env-${randomUUID().slice(0, 8)}.myshopify.com`;

beforeAll(async () => {
  fake = await startFakeStripe();
  fake.validKeys.add(GOOD_KEY);
  fake.validKeys.add(ENV_KEY);
  // A single-store deployment: one connection by environment, bound to ENV_SHOP.
  Object.assign(process.env, {
    STRIPE_SECRET_KEY: ENV_KEY,
    STRIPE_SHOP_DOMAIN: ENV_SHOP,
    STRIPE_PLATFORM_WEBHOOK_SECRET: "whsec_envPlatform1",
    STRIPE_CONNECT_WEBHOOK_SECRET: "whsec_envConnect2",
  });
  fake.balance = { usd: 1_234_500, eur: 99_00 };
  process.env.STRIPE_API_ORIGIN = fake.url;
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
});

const post = (domain: string, form: Record<string, string>) =>
  adminFetch(app.url, domain, "/app/settings", { method: "POST", body: new URLSearchParams(form) });
const stripeColumns = (shopId: string) =>
  db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: {
      stripeSecretKeyCiphertext: true,
      stripePlatformWebhookSecretCiphertext: true,
      stripeConnectWebhookSecretCiphertext: true,
      stripeAccountName: true,
      stripeKeyHint: true,
    },
  });

describe("Stripe in Settings", () => {
  it("refuses a key Stripe does not accept, and malformed fields, storing nothing", async () => {
    const shop = await createInstalledShop();
    const refused = await (
      await post(shop.domain, {
        intent: "stripe_connect",
        secretKey: "sk_test_51NotAcceptedKey",
        platformWebhookSecret: PLATFORM_SECRET,
        connectWebhookSecret: CONNECT_SECRET,
      })
    ).text();
    expect(refused).toContain("Stripe did not accept this key");
    const malformed = await (
      await post(shop.domain, {
        intent: "stripe_connect",
        secretKey: "pk_test_publishable",
        platformWebhookSecret: "nope",
        connectWebhookSecret: CONNECT_SECRET,
      })
    ).text();
    expect(malformed).toContain("Enter a Stripe secret key");
    expect(malformed).toContain("signing secret (whsec_…) of the platform events endpoint");
    expect(await stripeColumns(shop.id)).toEqual({
      stripeSecretKeyCiphertext: null,
      stripePlatformWebhookSecretCiphertext: null,
      stripeConnectWebhookSecretCiphertext: null,
      stripeAccountName: null,
      stripeKeyHint: null,
    });
    expect(await db().auditEvent.count({ where: { shopId: shop.id } })).toBe(0);
    expect(refused).not.toContain("sk_test_51NotAcceptedKey");
  });

  it("connects with a good key: name, mode and balances shown, secrets sealed, never sent back; disconnects", async () => {
    const shop = await createInstalledShop();
    const connected = await (
      await post(shop.domain, {
        intent: "stripe_connect",
        secretKey: GOOD_KEY,
        platformWebhookSecret: PLATFORM_SECRET,
        connectWebhookSecret: CONNECT_SECRET,
      })
    ).text();
    expect(connected).toContain("Stripe connected: Trail Co Payments (test mode).");
    const stored = await stripeColumns(shop.id);
    expect(stored.stripeSecretKeyCiphertext).not.toContain(GOOD_KEY);
    expect(open(stored.stripeSecretKeyCiphertext!, shopSecretField(shop.id, "stripeSecretKeyCiphertext"))).toBe(GOOD_KEY);
    expect(open(stored.stripePlatformWebhookSecretCiphertext!, shopSecretField(shop.id, "stripePlatformWebhookSecretCiphertext"))).toBe(
      PLATFORM_SECRET,
    );
    expect(stored.stripeKeyHint).toBe("sk_test_…cDEF");

    const page = await (await adminFetch(app.url, shop.domain, "/app/settings")).text();
    expect(page).toContain("Trail Co Payments");
    expect(page).toContain("(test mode), key sk_test_…cDEF.");
    expect(page).toContain("$12,345.00");
    expect(page).toContain("€99.00");
    expect(page).toContain(`/webhooks/stripe/${shop.id}/platform`);
    expect(page).toContain(`/webhooks/stripe/${shop.id}/connect`);
    expect(page).toContain("No Stripe event received yet");
    for (const body of [connected, page]) {
      for (const secret of [GOOD_KEY, PLATFORM_SECRET, CONNECT_SECRET, stored.stripeSecretKeyCiphertext!])
        expect(body).not.toContain(secret);
    }

    const disconnected = await (await post(shop.domain, { intent: "stripe_disconnect" })).text();
    expect(disconnected).toContain("Stripe disconnected");
    expect((await stripeColumns(shop.id)).stripeSecretKeyCiphertext).toBeNull();
    expect(
      await db().auditEvent.findMany({ where: { shopId: shop.id }, select: { action: true }, orderBy: { occurredAt: "asc" } }),
    ).toEqual([{ action: "shop.stripe_connected" }, { action: "shop.stripe_disconnected" }]);
  });

  it("uses the environment's key for the one shop it is bound to, shows it read-only, and verifies its webhooks", async () => {
    const bound = await createInstalledShop({ domain: ENV_SHOP });
    const page = await (await adminFetch(app.url, bound.domain, "/app/settings")).text();
    expect(page).toContain("Trail Co Payments");
    expect(page).toContain("live mode");
    expect(page).toContain("from the environment");
    expect(page).not.toContain(ENV_KEY);
    expect(page).not.toContain('aria-label="Connect Stripe"');
    const other = await createInstalledShop();
    expect(await (await adminFetch(app.url, other.domain, "/app/settings")).text()).toContain("Not connected.");
    const { deliverStripeEvent, stripeEvent } = await import("../support/stripe-webhook");
    const event = stripeEvent("charge.succeeded", { id: "ch_1" });
    expect((await deliverStripeEvent(app.url, bound.id, "platform", event, { secret: "whsec_envPlatform1" })).status).toBe(200);
    expect(
      (
        await deliverStripeEvent(app.url, other.id, "platform", stripeEvent("charge.succeeded", { id: "ch_2" }), {
          secret: "whsec_envPlatform1",
        })
      ).status,
    ).toBe(400);
  });
});
