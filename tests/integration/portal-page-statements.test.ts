// Issue 16 §4: a creator's portal GET costs a fixed, small number of statements however much the
// creator has (tax form, store credit payouts, rails to choose from): the read preamble (the
// read-limit hit, the cached shop's version and the creator) and the ONE page statement. Counted on node-postgres's client,
// which every statement of the process goes through (Prisma's adapter included). And the rails the
// portal offers come from the scopes it passes (its cached offline session), never a session read.
import pg from "pg";
import { afterEach, expect, it, vi } from "vitest";
import { db } from "~/db.server";
import { offeredRails } from "~/rails/rail-choices.server";
import { proxyFetch } from "../support/app-proxy";
import { createCreator, createInstalledShop, createShop } from "../support/factories";
import { describeWithApp } from "../support/test-app";

let customerSeq = 8_800_000;

afterEach(() => {
  vi.restoreAllMocks();
});

describeWithApp("portal: statements per page", (app) => {
  it("a creator's portal GET runs 2 statements, with a tax form, store credit and gift card rails to show", async () => {
    const shop = await createInstalledShop({ enabledRails: ["offline", "store_credit", "gift_card"] });
    const customerId = String(customerSeq++);
    const creator = await createCreator(shop.id, "Ava Ames", { shopifyCustomerId: customerId });
    await db().taxForm.create({
      data: {
        shopId: shop.id,
        creatorId: creator.id,
        kind: "w9",
        source: "paper",
        legalName: "Ava Ames",
        addressLine: "1 Main St",
        city: "Springfield",
        country: "US",
        signedOn: new Date("2026-01-02T00:00:00Z"),
        certifiedAt: new Date("2026-01-02T10:00:00Z"),
        recordedBy: "staff_mia",
        createdAt: new Date("2026-01-02T10:00:00Z"),
      },
    });
    const page = async () => {
      const response = await proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId });
      expect(response.status).toBe(200);
      return response.text();
    };
    await page(); // loads the shop into the instance's cache

    const statements: string[] = [];
    const query = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, "query").mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const [config] = args as [string | { text?: string }];
      statements.push(typeof config === "string" ? config : (config?.text ?? ""));
      return (query as (...a: unknown[]) => unknown).apply(this, args);
    } as typeof query);
    const html = await page();
    vi.restoreAllMocks();

    expect(html).toContain("On file: <strong>W-9</strong> signed 2026-01-02."); // read in the page statement
    // The read limit's old windows are dropped by 1 request in 100: not part of the page.
    const pageStatements = statements.filter((text) => !/DELETE FROM "RateLimitBucket"/.test(text));
    expect(pageStatements.length).toBeGreaterThan(0);
    expect(pageStatements.length, pageStatements.map((text) => text.slice(0, 80)).join("\n")).toBeLessThanOrEqual(2);
  });

  it("a creator's portal GET is written straight from the page's text, with the same headers and a Content-Length: no web Response is built", async () => {
    const shop = await createInstalledShop();
    const customerId = String(customerSeq++);
    await createCreator(shop.id, "Bea Bell", { shopifyCustomerId: customerId });
    const page = () => proxyFetch(app.url, "/portal?locale=en", { shop: shop.domain, customerId });
    await (await page()).text(); // loads the shop into the instance's cache

    // Counts the app's own `new Response(...)` (fetch's answers in this test are built inside undici, not through the global).
    const Original = globalThis.Response;
    let built = 0;
    globalThis.Response = class extends Original {
      constructor(...args: ConstructorParameters<typeof Response>) {
        super(...args);
        built++;
      }
    };
    let response: Response;
    let body: string;
    try {
      response = await page();
      body = await response.text();
    } finally {
      globalThis.Response = Original;
    }

    expect(response.status).toBe(200);
    expect(body).toMatch(/name="_portal_token"/); // the creator's portal, its forms
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("private, no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-length")).toBe(String(Buffer.byteLength(body)));
    expect(built).toBe(0);
  });

  it("the rails offered use the scopes the caller passes, for every rail that needs one (no session read)", async () => {
    // No offline session in the database: only the passed scopes can make these rails usable.
    const shop = await createShop({ enabledRails: ["offline", "store_credit", "gift_card"] });
    const both = "read_orders,write_store_credit_account_transactions,write_gift_cards";
    expect(await offeredRails(shop, { offlineScope: both })).toEqual(expect.arrayContaining(["offline", "store_credit", "gift_card"]));
    expect(await offeredRails(shop, { offlineScope: "read_orders" })).toEqual(["offline"]);
  });
});
