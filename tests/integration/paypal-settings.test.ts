// Connecting PayPal Payouts in Settings over HTTP: credentials PayPal refuses (or cannot check)
// store nothing and say what to fix; good ones are checked with a live token request, stored with
// the secret sealed (no clear secret anywhere in the shop's row), never sent back, and usable by
// the rail through payPalClientForShop; disconnect forgets them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { shopSecretField } from "~/lib/sealed-columns.server";
import { open } from "~/lib/secret-box.server";
import { payPalClientForShop } from "~/rails/paypal/paypal-credentials.server";
import { createInstalledShop } from "../support/factories";
import { startFakePayPal, type FakePayPal } from "../support/fake-paypal";
import { adminFetch } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let fake: FakePayPal;
const CLIENT_ID = "AZsettingsClientId0123456789abcdefABCDEF";
const SECRET = "EKsettingsSecret_9876543210-zyxwvuZYXWVU";

beforeAll(async () => {
  fake = await startFakePayPal();
  fake.credentials.set(CLIENT_ID, SECRET);
  process.env.PAYPAL_API_ORIGIN = fake.url;
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  await fake?.close();
  delete process.env.PAYPAL_API_ORIGIN;
});

const post = (domain: string, form: Record<string, string>) =>
  adminFetch(app.url, domain, "/app/settings", { method: "POST", body: new URLSearchParams(form) });
const payPalColumns = (shopId: string) =>
  db().shop.findUniqueOrThrow({
    where: { id: shopId },
    select: {
      paypalClientId: true,
      paypalClientSecretCiphertext: true,
      paypalEnvironment: true,
      paypalWebhookId: true,
      paypalConnectedAt: true,
    },
  });
const NOTHING = {
  paypalClientId: null,
  paypalClientSecretCiphertext: null,
  paypalEnvironment: null,
  paypalWebhookId: null,
  paypalConnectedAt: null,
};
/** The shop's whole row as PostgreSQL holds it. */
const shopRowText = async (shopId: string) =>
  (await db().$queryRaw<{ row: string }[]>`SELECT row_to_json(s)::text AS row FROM "Shop" s WHERE id = ${shopId}`)[0]!.row;

describe("PayPal in Settings", () => {
  it("refuses credentials PayPal does not accept with a sentence naming the fix, storing nothing", async () => {
    const shop = await createInstalledShop();
    const response = await post(shop.domain, {
      intent: "paypal_connect",
      environment: "sandbox",
      clientId: CLIENT_ID,
      clientSecret: "EKwrongSecret12345",
      webhookId: "",
    });
    expect(response.status).toBe(422);
    const body = await response.text();
    expect(body).toContain("PayPal did not accept this client id and secret in Sandbox mode.");
    expect(body).toContain("check the mode: sandbox and live apps have different credentials");
    expect(body).not.toContain("EKwrongSecret12345");
    expect(await payPalColumns(shop.id)).toEqual(NOTHING);
    expect(await db().auditEvent.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("refuses malformed fields, and says so when PayPal cannot be reached, storing nothing", async () => {
    const shop = await createInstalledShop();
    const malformed = await post(shop.domain, {
      intent: "paypal_connect",
      environment: "production",
      clientId: "",
      clientSecret: "has spaces in it",
      webhookId: "wh-1!",
    });
    expect(malformed.status).toBe(422);
    const text = await malformed.text();
    expect(text).toContain("Choose Sandbox (test payouts) or Live (real money).");
    expect(text).toContain("Enter the client id of your PayPal REST app");
    expect(text).toContain("That is not a PayPal secret");
    expect(text).toContain("Enter the webhook&#x27;s id as PayPal shows it");

    fake.inject(/^\/v1\/oauth2\/token$/, { kind: "status", status: 503 });
    const unreachable = await post(shop.domain, {
      intent: "paypal_connect",
      environment: "live",
      clientId: CLIENT_ID,
      clientSecret: SECRET,
    });
    expect(unreachable.status).toBe(503);
    expect(await unreachable.text()).toContain("PayPal could not be reached to check these credentials. Nothing was saved");
    expect(await payPalColumns(shop.id)).toEqual(NOTHING);
    expect(await db().auditEvent.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("connects with good credentials: checked live, secret sealed at rest and never sent back; disconnects", async () => {
    const shop = await createInstalledShop();
    const tokensBefore = fake.requests.filter((r) => r.path === "/v1/oauth2/token").length;
    const connected = await post(shop.domain, {
      intent: "paypal_connect",
      environment: "sandbox",
      clientId: CLIENT_ID,
      clientSecret: SECRET,
      webhookId: "WH1ABC",
    });
    expect(connected.status).toBe(200);
    const connectedText = await connected.text();
    expect(connectedText).toContain("PayPal connected (Sandbox mode, client id AZsett…CDEF).");
    expect(fake.requests.filter((r) => r.path === "/v1/oauth2/token").length).toBe(tokensBefore + 1);

    const stored = await payPalColumns(shop.id);
    expect(stored).toMatchObject({ paypalClientId: CLIENT_ID, paypalEnvironment: "sandbox", paypalWebhookId: "WH1ABC" });
    expect(stored.paypalClientSecretCiphertext).toMatch(/^v2\./);
    expect(open(stored.paypalClientSecretCiphertext!, shopSecretField(shop.id, "paypalClientSecretCiphertext"))).toBe(SECRET);
    expect(await shopRowText(shop.id)).not.toContain(SECRET);
    const audit = await db().auditEvent.findMany({ where: { shopId: shop.id } });
    expect(audit.map((e) => e.action)).toEqual(["shop.paypal_connected"]);
    expect(JSON.stringify(audit)).not.toContain(SECRET);

    const page = (await (await adminFetch(app.url, shop.domain, "/app/settings")).text()).replaceAll("<!-- -->", "");
    expect(page).toContain("Connected in <b>Sandbox</b> mode with client id AZsett…CDEF");
    expect(page).toContain("Webhook WH1ABC.");
    for (const body of [connectedText, page]) {
      expect(body).not.toContain(SECRET);
      expect(body).not.toContain(stored.paypalClientSecretCiphertext!);
    }

    // The rail's door to the shop's PayPal account works with what was stored.
    const { client, credentials } = await payPalClientForShop(shop.id);
    expect(credentials).toEqual({ environment: "sandbox", clientId: CLIENT_ID, clientSecret: SECRET, webhookId: "WH1ABC" });
    await expect(client.accessToken()).resolves.toMatch(/^A21AA/);

    const disconnected = await (await post(shop.domain, { intent: "paypal_disconnect" })).text();
    expect(disconnected).toContain("PayPal disconnected: its client id and secret were deleted.");
    expect(await payPalColumns(shop.id)).toEqual(NOTHING);
    await expect(payPalClientForShop(shop.id)).rejects.toThrow(/PayPal is not connected for this shop/);
  });
});
