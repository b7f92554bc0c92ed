// Rate limits over HTTP through the (simulated) app proxy: the client address is the one Shopify's
// proxy appends to X-Forwarded-For (the last entry), never what the client itself sent before it;
// logged-out writes are counted per client address, not in one bucket shared by every visitor.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { createCreator, createInstalledShop } from "../support/factories";
import { proxyFetch } from "../support/app-proxy";
import { useTestApp } from "../support/test-app";

const app = useTestApp();
afterEach(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

/** What the app receives when `real` visits and the client itself sent `spoofed` (if any). */
const forwardedFor = (real: string, spoofed?: string) => (spoofed ? `${spoofed}, ${real}` : real);

describe("referral clicks: 60 a minute per real client address", () => {
  const click = (shopDomain: string, code: string, forwarded: string) =>
    proxyFetch(
      app.url,
      "/clicks",
      { shop: shopDomain, customerId: null },
      {
        method: "POST",
        body: JSON.stringify({ code, visitorId: randomUUID() }),
        headers: { "Content-Type": "application/json" },
        forwardedFor: forwarded,
      },
    );

  it("a client rotating a spoofed first X-Forwarded-For entry is still limited; another real client is not", async () => {
    const shop = await createInstalledShop();
    const creator = await createCreator(shop.id, "Ava Ames");
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T10:00:30Z";
    const real = "198.51.100.20";
    const statuses: number[] = [];
    for (let batch = 0; batch < 6; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) => click(shop.domain, creator.referralCode, forwardedFor(real, `10.0.${batch}.${i}`))),
      );
      statuses.push(...answers.map((a) => a.status));
    }
    expect(statuses.every((s) => s === 204)).toBe(true);

    // A 61st click with yet another made-up leading address lands in the same bucket.
    const limited = await click(shop.domain, creator.referralCode, forwardedFor(real, "192.0.2.99"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect((await click(shop.domain, creator.referralCode, real)).status).toBe(429);

    // Someone else behind Shopify's proxy (another appended address) is unaffected.
    expect((await click(shop.domain, creator.referralCode, forwardedFor("198.51.100.21", real))).status).toBe(204);
  });
});

describe("logged-out portal writes: 20 a minute per real client address", () => {
  const confirmPath = "/payout-method/confirm/no-such-token";
  const visitor = { customerId: null };

  async function anonymousToken(shopDomain: string) {
    const page = await (await proxyFetch(app.url, `${confirmPath}?locale=en`, { shop: shopDomain, ...visitor })).text();
    return /name="_portal_token" value="([^"]+)"/.exec(page)![1];
  }

  const confirm = (shopDomain: string, token: string, forwarded: string) =>
    proxyFetch(
      app.url,
      `${confirmPath}?locale=en`,
      { shop: shopDomain, ...visitor },
      {
        method: "POST",
        body: new URLSearchParams({ _portal_token: token, intent: "confirm" }),
        forwardedFor: forwarded,
      },
    );

  it("one noisy visitor is limited without locking out another visitor, and cannot escape by spoofing", async () => {
    const shop = await createInstalledShop();
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T10:00:30Z";
    const token = await anonymousToken(shop.domain);
    const noisy = "198.51.100.30";
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await confirm(shop.domain, token, forwardedFor(noisy, `10.1.0.${i}`))).status);
    // An unknown link is refused with a sentence (422), but each attempt counts.
    expect(statuses.every((s) => s === 422)).toBe(true);

    const limited = await confirm(shop.domain, token, forwardedFor(noisy, "192.0.2.7"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect((await confirm(shop.domain, token, noisy)).status).toBe(429);

    // Another visitor of the same store still gets an answer.
    const other = await confirm(shop.domain, token, "198.51.100.31");
    expect(other.status).toBe(422);
    // The next minute starts afresh for the noisy one too.
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T10:01:00Z";
    expect((await confirm(shop.domain, token, noisy)).status).toBe(422);
  });
});
