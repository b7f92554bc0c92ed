// Creator portal flows through the (simulated) app proxy, over real HTTP against the built app:
// invitations, applications, withdrawals, payout review (invoice upload), disputes, payout
// method, click counting and rate limits.
import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { hashInvitationToken } from "~/creators/invite-creator.server";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { proxyFetch, type ProxyTarget } from "../support/app-proxy";
import { startFakeShopifyAdmin, type FakeCustomer, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { adminFetch } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let admin: FakeShopifyAdmin;
const customers: Record<string, FakeCustomer> = {};
beforeAll(async () => {
  app = await startTestApp();
  admin = await startFakeShopifyAdmin({ accessToken: "shpat_test_offline_token", customers });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await admin?.close();
  await app?.close();
});
afterEach(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

let customerSeq = 8_000_000;
function newCustomer(profile: FakeCustomer): string {
  const id = String(customerSeq++);
  customers[id] = profile;
  return id;
}

async function linkedCreator(shopId: string, name = "Ava Ames") {
  const creator = await createCreator(shopId, name);
  const customerId = newCustomer({ email: creator.email, firstName: name.split(" ")[0] });
  await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: customerId } });
  return { creator, customerId };
}

const tokenIn = (html: string) => /name="_portal_token" value="([^"]+)"/.exec(html)?.[1] ?? null;

async function get(target: ProxyTarget, path = "/portal?locale=en") {
  const response = await proxyFetch(app.url, path, target);
  return { status: response.status, html: await response.text(), headers: response.headers };
}

async function post(target: ProxyTarget, fields: Record<string, string | Blob>, path = "/portal?locale=en", tokenFrom = path) {
  const token = tokenIn((await get(target, tokenFrom)).html);
  if (!token) throw new Error(`no portal token on ${tokenFrom}`);
  const hasFile = Object.values(fields).some((v) => typeof v !== "string");
  let body: FormData | URLSearchParams;
  if (hasFile) {
    const form = new FormData();
    form.set("_portal_token", token);
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value === "string") form.set(name, value);
      else form.set(name, value, "invoice.pdf");
    }
    body = form;
  } else {
    body = new URLSearchParams({ _portal_token: token, ...(fields as Record<string, string>) });
  }
  const response = await proxyFetch(app.url, path, target, { method: "POST", body });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

describe("invitations", () => {
  async function invited(options: { expiresInDays?: number; usedAt?: Date } = {}) {
    const shop = await createInstalledShop();
    const creator = await createCreator(shop.id, "Cleo Cruz", {
      email: `Cleo.${randomUUID().slice(0, 8)}@creators.test`,
      referralCode: `CLEO${randomUUID().slice(0, 6)}`,
      status: "invited",
    });
    const token = randomBytes(32).toString("base64url");
    await db().creatorInvitation.create({
      data: {
        shopId: shop.id,
        creatorId: creator.id,
        email: creator.email,
        tokenHash: hashInvitationToken(token),
        expiresAt: new Date(Date.now() + (options.expiresInDays ?? 14) * 86_400_000),
        usedAt: options.usedAt ?? null,
      },
    });
    return { shop, creator, path: `/invitations/${token}?locale=en` };
  }

  it("is a theme-wrapped page: login link when logged out, accept button for the invited customer, then the creator is linked", async () => {
    const { shop, creator, path } = await invited();
    const loggedOut = await get({ shop: shop.domain, customerId: null }, path);
    expect(loggedOut.status).toBe(200);
    expect(loggedOut.headers.get("content-type")).toMatch(/^application\/liquid/);
    expect(loggedOut.html).toContain("/account/login?return_url=");
    expect(loggedOut.html).not.toContain('value="accept"');

    // Same address, other letter case: still the invited customer.
    const customerId = newCustomer({ email: creator.email.toUpperCase(), firstName: "Cleo" });
    const target = { shop: shop.domain, customerId };
    expect((await get(target, path)).html).toContain('value="accept"');
    const accepted = await post(target, { intent: "accept" }, path);
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain("Your creator account is ready");
    const linked = await db().creator.findUniqueOrThrow({ where: { id: creator.id } });
    expect(linked).toMatchObject({ status: "active", shopifyCustomerId: customerId });
    expect((await get(target)).html).toContain("Balances");
  });

  it("tells a customer logged in with another email, and refuses their accept", async () => {
    const { shop, creator, path } = await invited();
    const target = { shop: shop.domain, customerId: newCustomer({ email: "someone.else@example.com" }) };
    const page = await get(target, path);
    expect(page.html).toContain("different email address");
    expect(page.html).not.toContain('value="accept"');
    // The page offers no accept form; a token from the portal's application form is still valid for this customer.
    await db().shop.update({ where: { id: shop.id }, data: { selfSignupEnabled: true } });
    const refused = await post(target, { intent: "accept" }, path, "/portal?locale=en");
    expect(refused.status).toBe(422);
    expect(refused.html).toContain("different email address");
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).status).toBe("invited");
  });

  it("explains expired and used links and sends a new link to the invited email only", async () => {
    const expired = await invited({ expiresInDays: -1 });
    const target = { shop: expired.shop.domain, customerId: newCustomer({ email: expired.creator.email }) };
    const page = await get(target, expired.path);
    expect(page.html).toContain("This invitation link has expired");
    expect(page.html).toContain('value="new_link"');
    expect(page.html).not.toContain('value="accept"');
    const emailsBefore = await db().outboundEmail.count({ where: { shopId: expired.shop.id } });
    const sent = await post(target, { intent: "new_link" }, expired.path);
    expect(sent.status).toBe(200);
    expect(sent.html).toContain("A new invitation was sent");
    const emails = await db().outboundEmail.findMany({ where: { shopId: expired.shop.id }, orderBy: { createdAt: "asc" } });
    expect(emails).toHaveLength(emailsBefore + 1);
    expect(emails.at(-1)!.toAddress).toBe(expired.creator.email);

    const used = await invited({ usedAt: new Date() });
    const usedPage = await get({ shop: used.shop.domain, customerId: null }, used.path);
    expect(usedPage.html).toContain("already used");

    const unknown = await get({ shop: used.shop.domain, customerId: null }, "/invitations/not-a-real-token?locale=en");
    expect(unknown.html).toContain("not valid");
    expect(unknown.html).not.toContain('value="new_link"');
  });

  it("escapes text so that nothing in a shop or creator name becomes Liquid or HTML", async () => {
    const { shop, path } = await invited();
    await db().shop.update({ where: { id: shop.id }, data: { name: "{{ shop.secret }} <b>Trail</b>" } });
    const page = await get({ shop: shop.domain, customerId: null }, path);
    expect(page.html).not.toContain("{{");
    expect(page.html).not.toContain("<b>");
    expect(page.html).toContain("&#123;&#123; shop.secret &#125;&#125; &lt;b&gt;Trail&lt;/b&gt;");
  });
});

describe("applications (self-signup)", () => {
  it("shows how to join when self-signup is off and the application form when it is on", async () => {
    const closed = await createInstalledShop();
    const customerId = newCustomer({ email: "dee@example.com", firstName: "Dee", lastName: "Diaz" });
    const off = await get({ shop: closed.domain, customerId });
    expect(off.html).toContain("Ask the store for an invitation");
    expect(off.html).not.toContain('value="apply"');

    const open = await createInstalledShop({ selfSignupEnabled: true });
    const on = await get({ shop: open.domain, customerId });
    expect(on.html).toContain('value="apply"');
    expect(on.html).toContain('value="Dee Diaz"');
  });

  it("takes an application from a logged-in customer, then the merchant approves it on the creator page", async () => {
    const shop = await createInstalledShop({ selfSignupEnabled: true });
    const customerId = newCustomer({ email: `fay.${randomUUID().slice(0, 6)}@example.com`, firstName: "Fay" });
    const target = { shop: shop.domain, customerId };
    const missingName = await post(target, { intent: "apply", name: " " });
    expect(missingName.status).toBe(422);
    expect(missingName.html).toMatch(/id="cp-apply-name"[^>]*aria-invalid="true"/);
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(0);

    const applied = await post(target, { intent: "apply", name: "Fay Fox", socialHandle: "@fayfox", message: "I make trail videos." });
    expect(applied.status).toBe(200);
    expect(applied.html).toContain("Your application was sent");
    const creator = await db().creator.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(creator).toMatchObject({ status: "applied", shopifyCustomerId: customerId, applicationMessage: "I make trail videos." });
    expect((await get(target)).html).toContain("under review");

    const page = await (await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`)).text();
    expect(page).toContain("I make trail videos.");
    expect(page).toContain("approve_application");
    const approve = await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "approve_application" }),
    });
    expect(approve.status).toBeLessThan(400);
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).status).toBe("active");
    expect((await get(target)).html).toContain("Balances");
  });

  it("refuses an application when self-signup is off, writing nothing", async () => {
    const shop = await createInstalledShop({ selfSignupEnabled: true });
    const customerId = newCustomer({ email: "gus@example.com" });
    const token = tokenIn((await get({ shop: shop.domain, customerId })).html)!;
    await db().shop.update({ where: { id: shop.id }, data: { selfSignupEnabled: false } });
    const response = await proxyFetch(
      app.url,
      "/portal?locale=en",
      { shop: shop.domain, customerId },
      {
        method: "POST",
        body: new URLSearchParams({ _portal_token: token, intent: "apply", name: "Gus" }),
      },
    );
    // self_signup_disabled is a refusal (403 in app/http/domain-error-status.ts), not a field to fix.
    expect(response.status).toBe(403);
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("shows an applicant that the application is under review, and a declined one that it was declined", async () => {
    const shop = await createInstalledShop({ selfSignupEnabled: true });
    const { creator, customerId } = await linkedCreator(shop.id, "Eve Evans");
    await db().creator.update({ where: { id: creator.id }, data: { status: "applied", appliedAt: new Date() } });
    const applied = await get({ shop: shop.domain, customerId });
    expect(applied.html).toContain("under review");
    expect(applied.html).not.toContain("Balances");
    await db().creator.update({ where: { id: creator.id }, data: { status: "declined" } });
    expect((await get({ shop: shop.domain, customerId })).html).toContain("declined your application");
  });
});

describe("withdrawals", () => {
  it("requests a withdrawal within range and explains amounts outside it next to the field", async () => {
    const shop = await createInstalledShop();
    const { creator, customerId } = await linkedCreator(shop.id);
    await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 12000 });
    const target = { shop: shop.domain, customerId };
    const form = (await get(target)).html;
    expect(form).toContain("Between $25.00 and $120.00.");
    // The commission's row: order name, amount from the ledger, status in words, no buyer data.
    const order = await db().attributedOrder.findFirstOrThrow({ where: { shopId: shop.id, creatorId: creator.id } });
    expect(form).toMatch(
      new RegExp(
        `<th scope="row" data-label="Order">${order.orderName}</th><td data-label="Date">[^<]+</td><td data-label="Amount">\\$120\\.00</td><td data-label="Status"><span class="creator-portal__status-tag">Approved</span>`,
      ),
    );

    const tooLow = await post(target, { intent: "withdraw", amount: "5.00", currency: "USD" });
    expect(tooLow.status).toBe(422);
    expect(tooLow.html).toMatch(/id="cp-withdraw-amount"[^>]*aria-invalid="true"/);
    expect(tooLow.html).toContain('id="cp-withdraw-amount-error"');
    const tooHigh = await post(target, { intent: "withdraw", amount: "500.00", currency: "USD" });
    expect(tooHigh.status).toBe(422);
    expect(await db().payoutRequest.count({ where: { shopId: shop.id } })).toBe(0);

    const ok = await post(target, { intent: "withdraw", amount: "60.00", currency: "USD", method: "paypal" });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain("Your withdrawal request was sent");
    const request = await db().payoutRequest.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(request).toMatchObject({ creatorId: creator.id, origin: "creator", amountMinor: 6000n, requestedMethod: "paypal" });
  });
});

describe("payout review", () => {
  const PDF = Buffer.from(
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
  );

  async function toReview() {
    const shop = await createInstalledShop({ creatorReviewEnabled: true, invoiceRequired: true });
    const { creator, customerId } = await linkedCreator(shop.id);
    await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: 30000, text: "TikTok video" });
    await givePayable(shop.id, creator.id, { kind: "adjustment", amountMinor: 5000, text: "Launch bonus" });
    const payout = await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA });
    expect(payout.status).toBe("pending_review");
    return { shop, creator, target: { shop: shop.domain, customerId }, payoutId: payout.payoutId };
  }

  it("accepts with a real PDF invoice, which the creator can download again", async () => {
    const { shop, target, payoutId } = await toReview();
    const page = (await get(target)).html;
    expect(page).toContain("Payouts to review");
    expect(page).toContain("To review");
    const accepted = await post(target, { intent: "accept_review", payoutId, invoice: new Blob([PDF], { type: "application/pdf" }) });
    expect(accepted.status).toBe(200);
    expect(accepted.html).toContain("You accepted the payout");
    expect(accepted.html).toContain("Scheduled");
    expect((await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status).toBe("ready");
    const download = await proxyFetch(app.url, `/payouts/${payoutId}/uploaded-invoice`, target);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(PDF)).toBe(true);
    expect(await db().storedFile.count({ where: { shopId: shop.id } })).toBe(1);

    // The merchant finds it on the payout page and downloads the same bytes; another shop cannot.
    const payoutPage = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(payoutPage).toContain("Download the creator&#x27;s invoice");
    const staffDownload = await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}/creator-invoice`);
    expect(staffDownload.status).toBe(200);
    expect(staffDownload.headers.get("content-type")).toBe("application/pdf");
    expect(Buffer.from(await staffDownload.arrayBuffer()).equals(PDF)).toBe(true);
    const otherShop = await createInstalledShop();
    const foreign = await adminFetch(app.url, otherShop.domain, `/app/payouts/${payoutId}/creator-invoice`);
    expect(foreign.status).toBe(404);
  });

  it("refuses a text file named .pdf, a file over 5 MB and a missing invoice, keeping the payout under review", async () => {
    const { shop, target, payoutId } = await toReview();
    const fake = await post(target, {
      intent: "accept_review",
      payoutId,
      invoice: new Blob(["just text, renamed"], { type: "application/pdf" }),
    });
    expect(fake.status).toBe(422);
    expect(fake.html).toMatch(/aria-invalid="true"/);
    const big = Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]);
    const tooBig = await post(target, { intent: "accept_review", payoutId, invoice: new Blob([big], { type: "application/pdf" }) });
    expect(tooBig.status).toBe(422);
    const missing = await post(target, { intent: "accept_review", payoutId });
    expect(missing.status).toBe(422);
    expect((await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status).toBe("pending_review");
    expect(await db().storedFile.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("disputes one item with a note", async () => {
    const { target, payoutId } = await toReview();
    const item = await db().payoutItem.findFirstOrThrow({ where: { payoutId }, orderBy: { amountMinor: "desc" } });
    const empty = await post(target, { intent: "dispute_item", payoutId, payoutItemId: item.id, note: " " });
    expect(empty.status).toBe(422);
    const disputed = await post(target, { intent: "dispute_item", payoutId, payoutItemId: item.id, note: "The video was two posts" });
    expect(disputed.status).toBe(200);
    expect(disputed.html).toContain("Disputed: The video was two posts");
    expect((await db().payoutItem.findUniqueOrThrow({ where: { id: item.id } })).disputeNote).toBe("The video was two posts");
  });
});

describe("payout method", () => {
  it("explains an invalid IBAN next to the field, then proposes a valid change confirmed only by POST from the emailed link", async () => {
    const shop = await createInstalledShop();
    const { creator, customerId } = await linkedCreator(shop.id);
    const target = { shop: shop.domain, customerId };
    const invalid = await post(target, {
      intent: "payout_method",
      method: "bank_transfer",
      accountHolder: "Ava Ames",
      iban: "DE00 1234 5678",
    });
    expect(invalid.status).toBe(422);
    expect(invalid.html).toMatch(/id="cp-payout_method-iban"[^>]*aria-invalid="true"/);
    expect(await db().payoutMethodChange.count({ where: { shopId: shop.id } })).toBe(0);

    const ok = await post(target, {
      intent: "payout_method",
      method: "bank_transfer",
      accountHolder: "Ava Ames",
      iban: "DE89 3704 0044 0532 0130 00",
    });
    expect(ok.status).toBe(200);
    expect(ok.html).toContain("Check your email");
    expect(ok.html).toContain("Waiting for confirmation");
    const email = await db().outboundEmail.findFirstOrThrow({ where: { shopId: shop.id }, orderBy: { createdAt: "desc" } });
    const token = /payout-method\/confirm\/([A-Za-z0-9_-]+)/.exec(email.textBody)?.[1];
    expect(token).toBeTruthy();
    const confirmPath = `/payout-method/confirm/${token}?locale=en`;

    // GET (what a link scanner does) changes nothing.
    const page = await get({ shop: shop.domain, customerId: null }, confirmPath);
    expect(page.headers.get("content-type")).toMatch(/^application\/liquid/);
    expect(page.html).toContain('value="confirm"');
    expect((await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).payoutMethod).toBeNull();

    const confirmed = await post({ shop: shop.domain, customerId: null }, { intent: "confirm" }, confirmPath);
    expect(confirmed.status).toBe(200);
    const after = await db().creator.findUniqueOrThrow({ where: { id: creator.id } });
    expect(after.payoutMethod).toBe("bank_transfer");
    expect(after.payoutsHeldUntil).not.toBeNull();
    expect((await get(target)).html).toContain("new payouts are held until");
  });
});

describe("referral clicks", () => {
  const click = (shopDomain: string, body: unknown, init: { origin?: string | null; forwardedFor?: string } = {}) =>
    proxyFetch(
      app.url,
      "/clicks",
      { shop: shopDomain, customerId: null },
      {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json" },
        ...init,
      },
    );

  it("counts one click per visitor, code and day; an unknown code is a silent no-op", async () => {
    const shop = await createInstalledShop();
    const { creator: created, customerId } = await linkedCreator(shop.id);
    // Referral codes are upper-case (the creator form upper-cases them; the embed sends them so).
    const creator = await db().creator.update({
      where: { id: created.id },
      data: { referralCode: `AVA${randomUUID().slice(0, 6).toUpperCase()}` },
    });
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T10:00:00Z";
    const visitor = "0123456789abcdef0123";
    for (let i = 0; i < 3; i++)
      expect((await click(shop.domain, { code: creator.referralCode.toLowerCase(), visitorId: visitor })).status).toBe(204);
    await click(shop.domain, { code: creator.referralCode, visitorId: "fedcba9876543210fedc" });
    expect((await click(shop.domain, { code: "NOSUCHCODE", visitorId: visitor })).status).toBe(204);
    expect((await click(shop.domain, "not json")).status).toBe(204);
    expect(await db().referralClick.count({ where: { shopId: shop.id } })).toBe(2);
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-11T10:00:00Z";
    await click(shop.domain, { code: creator.referralCode, visitorId: visitor });
    const clicks = await db().referralClick.findMany({ where: { shopId: shop.id } });
    expect(clicks).toHaveLength(3);
    expect(clicks.every((c) => c.creatorId === creator.id && c.visitorHash !== visitor)).toBe(true);
    const performance = (await get({ shop: shop.domain, customerId })).html;
    expect(performance).toContain(
      '<tr><th scope="row" data-label="Period">Last 30 days</th><td data-label="Clicks">3</td><td data-label="Attributed orders">0</td><td data-label="Conversion">0%</td></tr>',
    );
    expect(performance).toContain('<tr><th scope="row" data-label="Period">All time</th><td data-label="Clicks">3</td>');

    expect(
      (await click(shop.domain, { code: creator.referralCode, visitorId: "aaaaaaaaaaaaaaaaaaaa" }, { origin: "https://evil.example" }))
        .status,
    ).toBe(403);
    expect(await db().referralClick.count({ where: { shopId: shop.id } })).toBe(3);
  });
});

describe("rate limits", () => {
  it("answers 429 with Retry-After and a readable fragment past 120 reads a minute per customer", async () => {
    const shop = await createInstalledShop();
    const { customerId } = await linkedCreator(shop.id);
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T10:00:30Z";
    const target = { shop: shop.domain, customerId };
    const statuses: number[] = [];
    for (let batch = 0; batch < 12; batch++) {
      const responses = await Promise.all(Array.from({ length: 10 }, () => proxyFetch(app.url, "/portal?locale=en", target)));
      statuses.push(...responses.map((r) => r.status));
      await Promise.all(responses.map((r) => r.arrayBuffer()));
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const limited = await get(target);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("30");
    expect(limited.html).toContain("Too many requests");
    // Another customer is not affected; the next minute starts afresh.
    const { customerId: other } = await linkedCreator(shop.id, "Ben Brooks");
    expect((await get({ shop: shop.domain, customerId: other })).status).toBe(200);
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T10:01:00Z";
    expect((await get(target)).status).toBe(200);
  });
});
