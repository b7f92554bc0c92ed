// The creator portal through the (simulated) app proxy: signatures, the CSRF token and Origin
// check, and isolation between creators and shops. Real HTTP against the built app.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { proxyFetch, signedProxyUrl, type ProxyTarget } from "../support/app-proxy";
import { useTestApp } from "../support/test-app";

const app = useTestApp();

let customerSeq = 7_000_000;
const nextCustomerId = () => String(customerSeq++);

async function linkedCreator(shopId: string, name: string) {
  const customerId = nextCustomerId();
  const creator = await createCreator(shopId, name, { shopifyCustomerId: customerId });
  return { creator, customerId };
}

const tokenIn = (html: string) => /name="_portal_token" value="([^"]+)"/.exec(html)?.[1] ?? null;

async function portal(target: ProxyTarget, query = "") {
  const response = await proxyFetch(app.url, `/portal?locale=en${query}`, target);
  return { status: response.status, html: await response.text(), response };
}

function postForm(target: ProxyTarget, fields: Record<string, string>, init: { origin?: string | null } = {}) {
  return proxyFetch(app.url, "/portal?locale=en", target, { method: "POST", body: new URLSearchParams(fields), ...init });
}

async function writeCounts(shopId: string) {
  const where = { where: { shopId } };
  const [requests, payouts, audit, changes, files, creators] = await Promise.all([
    db().payoutRequest.count(where),
    db().payout.count(where),
    db().auditEvent.count(where),
    db().payoutMethodChange.count(where),
    db().storedFile.count(where),
    db().creator.count(where),
  ]);
  return { requests, payouts, audit, changes, files, creators };
}

describe("app-proxy signatures", () => {
  it("serves the portal for a valid signature and refuses forged or stale ones with 401, reading nothing", async () => {
    const shop = await createInstalledShop();
    const { customerId } = await linkedCreator(shop.id, "Ava Ames");
    const target = { shop: shop.domain, customerId };

    const ok = await portal(target);
    expect(ok.status).toBe(200);
    expect(ok.response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(ok.html).toContain("Balances");

    const forged = await portal({ ...target, secret: "not-the-app-secret" });
    expect(forged.status).toBe(401);
    expect(forged.html).not.toContain("Balances");

    // A signed URL with one parameter changed afterwards (another customer) no longer verifies.
    const url = new URL(signedProxyUrl(app.url, "/portal?locale=en", target));
    url.searchParams.set("logged_in_customer_id", "1");
    expect((await fetch(url)).status).toBe(401);

    const unsigned = new URL(url);
    unsigned.searchParams.delete("signature");
    expect((await fetch(unsigned)).status).toBe(401);

    const stale = await portal({ ...target, timestamp: Math.floor(Date.now() / 1000) - 5 * 60 });
    expect(stale.status).toBe(401);
    const future = await portal({ ...target, timestamp: Math.floor(Date.now() / 1000) + 5 * 60 });
    expect(future.status).toBe(401);
  });

  it("refuses a shop that is not installed", async () => {
    const shop = await createInstalledShop();
    await db().shop.update({ where: { id: shop.id }, data: { installState: "uninstalled" } });
    expect((await portal({ shop: shop.domain, customerId: "1" })).status).toBe(404);
    expect((await portal({ shop: `${randomUUID()}.myshopify.com`, customerId: "1" })).status).toBe(404);
  });
});

describe("who the portal shows", () => {
  it("asks a logged-out visitor to log in, and tells a customer who is not a creator how to join", async () => {
    const shop = await createInstalledShop();
    const loggedOut = await portal({ shop: shop.domain, customerId: null });
    expect(loggedOut.status).toBe(200);
    expect(loggedOut.html).toContain('href="/account/login"');
    expect(loggedOut.html).not.toContain("_portal_token");

    const stranger = await portal({ shop: shop.domain, customerId: nextCustomerId() });
    expect(stranger.html).toContain("Ask the store for an invitation");
    expect(stranger.html).not.toContain('name="intent" value="apply"');

    const french = await proxyFetch(app.url, "/portal?locale=fr", { shop: shop.domain, customerId: null });
    expect(await french.text()).toContain("Connectez-vous");
  });
});

describe("CSRF: portal token and Origin", () => {
  async function setupWithdrawal() {
    const shop = await createInstalledShop();
    const { creator, customerId } = await linkedCreator(shop.id, "Ava Ames");
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 12000 });
    const target = { shop: shop.domain, customerId };
    const token = tokenIn((await portal(target)).html);
    expect(token).toBeTruthy();
    return { shop, creator, target, token: token! };
  }

  it("accepts a POST with the issued token from the store's origin", async () => {
    const { shop, target, token } = await setupWithdrawal();
    const before = await writeCounts(shop.id);
    const response = await postForm(target, { _portal_token: token, intent: "withdraw", amount: "50.00", currency: "USD" });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Your withdrawal request was sent");
    expect((await writeCounts(shop.id)).requests).toBe(before.requests + 1);
  });

  it("refuses a POST without a token, with a forged token, another customer's token, or a foreign or missing Origin — writing nothing", async () => {
    const { shop, target, token } = await setupWithdrawal();
    const other = await linkedCreator(shop.id, "Ben Brooks");
    const othersToken = tokenIn((await portal({ shop: shop.domain, customerId: other.customerId })).html)!;
    const fields = { intent: "withdraw", amount: "50.00", currency: "USD" };
    const before = await writeCounts(shop.id);

    const attempts = [
      postForm(target, fields),
      postForm(target, { ...fields, _portal_token: `${token.split(".")[0]}.${"A".repeat(43)}` }),
      postForm(target, { ...fields, _portal_token: othersToken }),
      postForm(target, { ...fields, _portal_token: token }, { origin: "https://evil.example" }),
      postForm(target, { ...fields, _portal_token: token }, { origin: null }),
      postForm(target, { ...fields, _portal_token: token }, { origin: "null" }),
    ];
    for (const response of await Promise.all(attempts)) {
      expect(response.status).toBe(403);
      expect(await response.text()).toContain("Reload the page");
    }
    // A forged signature is refused before the token is even looked at.
    const forged = await postForm({ ...target, secret: "wrong" }, { ...fields, _portal_token: token });
    expect(forged.status).toBe(401);
    expect(await writeCounts(shop.id)).toEqual(before);
  });

  it("accepts the storefront's own host (custom domain) as Origin when the proxy forwards it", async () => {
    const { shop, target, token } = await setupWithdrawal();
    const response = await proxyFetch(app.url, "/portal?locale=en", target, {
      method: "POST",
      body: new URLSearchParams({ _portal_token: token, intent: "withdraw", amount: "30.00", currency: "USD" }),
      origin: "https://shop.trail.example",
      forwardedHost: "shop.trail.example",
    });
    expect(response.status).toBe(200);
    expect(await db().payoutRequest.count({ where: { shopId: shop.id } })).toBe(1);
  });
});

describe("isolation between creators and shops", () => {
  it("shows a creator only their own commissions and payouts, and refuses acting on another creator's payout", async () => {
    const shop = await createInstalledShop({ creatorReviewEnabled: true });
    const ava = await linkedCreator(shop.id, "Ava Ames");
    const ben = await linkedCreator(shop.id, "Ben Brooks");
    await givePayable(shop.id, ava.creator.id, { kind: "fixed_fee", amountMinor: 11111, text: "Ava reel" });
    await givePayable(shop.id, ben.creator.id, { kind: "fixed_fee", amountMinor: 22222, text: "Ben unboxing" });
    const bensPayout = await createPayout({ shopId: shop.id, creatorId: ben.creator.id, currency: "USD", origin: "run", actor: MIA });
    const bensItem = await db().payoutItem.findFirstOrThrow({ where: { payoutId: bensPayout.payoutId } });

    const avaTarget = { shop: shop.domain, customerId: ava.customerId };
    const avaView = (await portal(avaTarget)).html;
    expect(avaView).toContain("Ava reel");
    expect(avaView).not.toContain("Ben unboxing");
    expect(avaView).not.toContain("222.22");
    expect(avaView).not.toContain(bensPayout.payoutId);

    const token = tokenIn(avaView)!;
    const before = await writeCounts(shop.id);
    const dispute = await postForm(avaTarget, {
      _portal_token: token,
      intent: "dispute_item",
      payoutId: bensPayout.payoutId,
      payoutItemId: bensItem.id,
      note: "Not mine",
    });
    // Another creator's payout does not exist for this creator: 404 (app/http/domain-error-status.ts).
    expect(dispute.status).toBe(404);
    const accept = await postForm(avaTarget, { _portal_token: token, intent: "accept_review", payoutId: bensPayout.payoutId });
    expect(accept.status).toBe(404);
    expect(await writeCounts(shop.id)).toEqual(before);
    expect((await db().payoutItem.findUniqueOrThrow({ where: { id: bensItem.id } })).disputeNote).toBeNull();
    expect((await db().payout.findUniqueOrThrow({ where: { id: bensPayout.payoutId } })).status).toBe("pending_review");

    // Ben's invoice PDF is not Ava's to download; Ben gets his own.
    const pdfPath = `/payouts/${bensPayout.payoutId}/invoice.pdf`;
    expect((await proxyFetch(app.url, pdfPath, avaTarget)).status).toBe(404);
    const bens = await proxyFetch(app.url, pdfPath, { shop: shop.domain, customerId: ben.customerId });
    expect(bens.status).toBe(200);
    expect(bens.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await bens.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
  });

  it("does not carry a customer's creator across shops, nor a token from one shop to another", async () => {
    const first = await createInstalledShop();
    const second = await createInstalledShop();
    const ava = await linkedCreator(first.id, "Ava Ames");
    await givePayable(first.id, ava.creator.id, { kind: "fixed_fee", amountMinor: 33333, text: "First shop fee" });
    const firstToken = tokenIn((await portal({ shop: first.domain, customerId: ava.customerId })).html)!;

    const elsewhere = await portal({ shop: second.domain, customerId: ava.customerId });
    expect(elsewhere.html).not.toContain("First shop fee");
    expect(elsewhere.html).toContain("Ask the store for an invitation");

    const before = await writeCounts(second.id);
    const response = await postForm(
      { shop: second.domain, customerId: ava.customerId },
      {
        _portal_token: firstToken,
        intent: "withdraw",
        amount: "50.00",
        currency: "USD",
      },
      { origin: `https://${second.domain}` },
    );
    expect(response.status).toBe(403);
    expect(await writeCounts(second.id)).toEqual(before);
  });
});
