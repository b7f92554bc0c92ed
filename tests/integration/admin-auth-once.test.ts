// A page's GET runs the admin layout's loader and the page's loader side by side, and both ask who
// the staff member is (requireStaff). Issue 16 goal 5: they share one authentication per request
// (app/lib/request-scope.server.ts) instead of each verifying the session token and reading the
// session and the shop. Shopify's library logs each authentication it does, which is what is counted.
import { afterEach, expect, it, vi } from "vitest";
import { createCreator, createInstalledShop } from "../support/factories";
import { adminFetch } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";

const authentications = (spy: { mock: { calls: unknown[][] } }) =>
  spy.mock.calls.filter((call) => String(call[0]).includes("Authenticating admin request")).length;

describeWithApp("admin authentication", (app) => {
  afterEach(() => vi.restoreAllMocks());

  it("authenticates a page's GET once for the layout and the page", async () => {
    const shop = await createInstalledShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    const log = vi.spyOn(console, "log");
    for (const path of ["/app/creators", `/app/creators/${ava.id}`, "/app/payouts", "/app"]) {
      log.mockClear();
      const page = await adminFetch(app.url, shop.domain, path);
      expect(page.status, path).toBe(200);
      expect(authentications(log), path).toBe(1);
    }
  });

  it("still refuses a page's GET without a session token (the shared refusal reaches both loaders)", async () => {
    const shop = await createInstalledShop();
    // The library's answer to an embedded request it cannot authenticate, as before the shared lookup.
    const anonymous = await fetch(`${app.url}/app/creators?shop=${shop.domain}&embedded=1`, { redirect: "manual" });
    expect(anonymous.status).toBe(410);
  });
});
