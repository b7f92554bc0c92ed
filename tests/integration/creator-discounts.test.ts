// Discount codes made by the app in Shopify, over HTTP against the schema-validating Admin API
// stand-in: create with a creator, collisions, userErrors, pause/resume, state re-read, the
// missing write_discounts scope, and tenant isolation.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createCreator, createInstalledShop } from "../support/factories";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { fakeDiscounts, type FakeDiscounts } from "../support/fake-shopify-discounts";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";

const app = useTestApp();
let admin: FakeShopifyAdmin;
let discounts: FakeDiscounts;

beforeAll(async () => {
  discounts = fakeDiscounts();
  admin = await startFakeShopifyAdmin({ accessToken: "shpat_test_offline_token", discounts });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await admin?.close();
});
beforeEach(() => {
  // Every operation the app sent so far was valid against the 2026-04 Admin schema.
  expect(discounts.invalid).toEqual([]);
});

const post = (shopDomain: string, pathname: string, form: Record<string, string>) =>
  adminFetch(app.url, shopDomain, pathname, { method: "POST", body: new URLSearchParams(form) });

/** A shop whose offline session granted write_discounts (installed after the app asked for it). */
async function shopWithWriteDiscounts() {
  const shop = await createInstalledShop();
  await db().session.update({
    where: { id: `offline_${shop.domain}` },
    data: { scope: "read_orders,read_customers,read_discounts,write_discounts,read_products" },
  });
  return shop;
}

const newCreatorForm = (code: string, extra: Record<string, string> = {}) => ({
  name: "Ava Chen",
  email: `${code.toLowerCase()}@example.com`,
  referralCode: `R${code}`.slice(0, 24),
  discountCodes: "",
  tags: "",
  notes: "",
  sendInvitation: "false",
  createShopifyCode: "true",
  code,
  valueKind: "percentage",
  value: "15",
  minimumSubtotal: "50",
  oncePerCustomer: "true",
  combinesWithOrderDiscounts: "false",
  combinesWithProductDiscounts: "false",
  combinesWithShippingDiscounts: "true",
  ...extra,
});

const createsFor = (code: string) =>
  discounts.mutations.filter(
    (m) => m.name === "discountCodeBasicCreate" && (m.variables.basicCodeDiscount as { code: string }).code === code,
  );

describe("discount codes made by the app", () => {
  it("creates the creator's code in Shopify with the chosen terms and stores its id", async () => {
    const shop = await shopWithWriteDiscounts();
    const response = await post(shop.domain, "/app/creators/new", newCreatorForm("AVA15"));
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toContain("done=creator_created");
    const [create] = createsFor("AVA15");
    expect(create.variables.basicCodeDiscount).toMatchObject({
      code: "AVA15",
      title: "Ava Chen (creator code)",
      context: { all: "ALL" },
      customerGets: { value: { percentage: 0.15 }, items: { all: true } },
      minimumRequirement: { subtotal: { greaterThanOrEqualToSubtotal: "50" } },
      appliesOncePerCustomer: true,
      combinesWith: { orderDiscounts: false, productDiscounts: false, shippingDiscounts: true },
    });
    const stored = await db().discountCode.findFirstOrThrow({ where: { shopId: shop.id, code: "AVA15" } });
    const inShopify = [...discounts.byId.values()].find((d) => d.code === "AVA15")!;
    expect(stored.shopifyDiscountId).toBe(inShopify.id);
    expect(stored.shopifyState).toBe("active");
    expect(discounts.invalid).toEqual([]);
  });

  it("sends a fixed amount off as a decimal in the shop currency and generates a code from the name", async () => {
    const shop = await shopWithWriteDiscounts();
    const response = await post(
      shop.domain,
      "/app/creators/new",
      newCreatorForm("", { email: "gen@example.com", referralCode: "GENREF", valueKind: "fixed_amount", value: "12.50" }),
    );
    expect(response.status).toBe(302);
    const stored = await db().discountCode.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(stored.code).toMatch(/^AVACHEN\d{2}$/);
    expect(createsFor(stored.code)[0].variables.basicCodeDiscount).toMatchObject({
      customerGets: { value: { discountAmount: { amount: "12.50", appliesOnEachItem: false } } },
    });
  });

  it("takes a fixed amount in the shop currency's decimals: a JPY shop refuses 12.50 with a sentence, a KWD shop takes 1.250", async () => {
    const yen = await shopWithWriteDiscounts();
    await db().shop.update({ where: { id: yen.id }, data: { currency: "JPY" } });
    const before = discounts.mutations.length;
    const refused = await post(
      yen.domain,
      "/app/creators/new",
      newCreatorForm("YEN500", { email: "yen@example.com", valueKind: "fixed_amount", value: "12.50", minimumSubtotal: "49.99" }),
    );
    expect(refused.status).toBe(422);
    const page = await refused.text();
    expect(page).toContain("JPY has no decimals: enter a whole amount like 500.");
    expect(page).toContain("JPY has no decimals: enter a whole minimum subtotal like 5000, or leave it blank.");
    expect(discounts.mutations.length).toBe(before);
    expect(await db().creator.count({ where: { shopId: yen.id } })).toBe(0);
    const whole = await post(
      yen.domain,
      "/app/creators/new",
      newCreatorForm("YEN500", { email: "yen@example.com", valueKind: "fixed_amount", value: "500", minimumSubtotal: "5000" }),
    );
    expect(whole.status).toBe(302);
    expect(createsFor("YEN500")[0].variables.basicCodeDiscount).toMatchObject({
      customerGets: { value: { discountAmount: { amount: "500" } } },
    });

    const dinar = await shopWithWriteDiscounts();
    await db().shop.update({ where: { id: dinar.id }, data: { currency: "KWD" } });
    const kwd = await post(
      dinar.domain,
      "/app/creators/new",
      newCreatorForm("KWD1250", { email: "kwd@example.com", valueKind: "fixed_amount", value: "1.250" }),
    );
    expect(kwd.status).toBe(302);
  });

  it("refuses a code the store already has with a field error, and creates nothing anywhere", async () => {
    const shop = await shopWithWriteDiscounts();
    discounts.add("SUMMER10");
    const before = discounts.mutations.length;
    const response = await post(shop.domain, "/app/creators/new", newCreatorForm("summer10", { email: "s@example.com" }));
    expect(response.status).toBe(422);
    expect(await response.text()).toContain("SUMMER10 is already a discount code in your store");
    expect(discounts.mutations.length).toBe(before);
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await db().discountCode.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("answers Shopify's userErrors in the form, stores nothing, and then creates the code again", async () => {
    const shop = await shopWithWriteDiscounts();
    const creator = await createCreator(shop.id, "Bea Stone");
    discounts.nextCreateUserErrors = [
      { field: ["basicCodeDiscount", "minimumRequirement", "subtotal"], code: "GREATER_THAN", message: "Minimum subtotal is too large" },
    ];
    const form = { intent: "create_discount", code: "BEA20", valueKind: "percentage", value: "20", minimumSubtotal: "9999999" };
    const refused = await post(shop.domain, `/app/creators/${creator.id}`, form);
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain("Shopify: Minimum subtotal is too large");
    expect(await db().discountCode.count({ where: { creatorId: creator.id } })).toBe(0);

    const again = await post(shop.domain, `/app/creators/${creator.id}`, form);
    expect(again.status).toBe(200);
    expect(await db().discountCode.findFirstOrThrow({ where: { creatorId: creator.id } })).toMatchObject({ code: "BEA20" });
  });

  it("saves a new creator whose code Shopify refused and says so, offering Create code again", async () => {
    const shop = await shopWithWriteDiscounts();
    discounts.nextCreateUserErrors = [{ field: ["basicCodeDiscount", "code"], code: "INVALID", message: "Code is invalid" }];
    const response = await post(shop.domain, "/app/creators/new", newCreatorForm("CAL10", { email: "cal@example.com" }));
    expect(response.status).toBe(302);
    const location = response.headers.get("location")!;
    expect(location).toContain("done=creator_saved_without_code");
    expect(await db().discountCode.count({ where: { shopId: shop.id } })).toBe(0);
    const page = await (
      await adminFetch(app.url, shop.domain, new URL(location, app.url).pathname + "?done=creator_saved_without_code")
    ).text();
    expect(page).toContain("saved without a discount code");
    expect(page).toContain("Create code again");
  });

  it("deactivates the code when the creator is paused and archived, and reactivates it on resume", async () => {
    const shop = await shopWithWriteDiscounts();
    const creator = await createCreator(shop.id, "Dan Ruiz");
    expect((await post(shop.domain, `/app/creators/${creator.id}`, { intent: "link_discount", linkCode: "nope" })).status).toBe(422);
    const existing = discounts.add("DAN5");
    expect((await post(shop.domain, `/app/creators/${creator.id}`, { intent: "link_discount", linkCode: "dan5" })).status).toBe(200);

    await post(shop.domain, `/app/creators/${creator.id}`, { intent: "pause", reason: "Contract on hold" });
    expect(discounts.mutations.at(-1)).toEqual({ name: "discountCodeDeactivate", variables: { id: existing.id } });
    expect(existing.status).toBe("EXPIRED");
    await post(shop.domain, `/app/creators/${creator.id}`, { intent: "refresh_discounts" });
    const paused = await (await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`)).text();
    expect(paused).toContain("Deactivated");

    await post(shop.domain, `/app/creators/${creator.id}`, { intent: "resume" });
    expect(discounts.mutations.at(-1)).toEqual({ name: "discountCodeActivate", variables: { id: existing.id } });
    expect(existing.status).toBe("ACTIVE");

    await post(shop.domain, `/app/creators/${creator.id}`, { intent: "archive" });
    expect(discounts.mutations.at(-1)).toEqual({ name: "discountCodeDeactivate", variables: { id: existing.id } });
  });

  it("shows a code deleted in Shopify once re-read, and an expired one as expired", async () => {
    const shop = await shopWithWriteDiscounts();
    const creator = await createCreator(shop.id, "Eve Park");
    const gone = discounts.add("EVE10");
    const expired = discounts.add("EVE20", "EXPIRED");
    for (const code of ["EVE10", "EVE20"])
      await post(shop.domain, `/app/creators/${creator.id}`, { intent: "link_discount", linkCode: code });
    discounts.byId.delete(gone.id);
    expect(expired.status).toBe("EXPIRED");
    const refreshed = await post(shop.domain, `/app/creators/${creator.id}`, { intent: "refresh_discounts" });
    expect(refreshed.status).toBe(200);
    const html = await (await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`)).text();
    expect(html).toContain("Deleted in Shopify");
    expect(html).toContain("Refresh from Shopify");
    expect(await db().discountCode.findFirstOrThrow({ where: { shopId: shop.id, code: "EVE20" } })).toMatchObject({
      shopifyState: "expired",
    });
  });

  it("creates a code when a creator is edited, and bulk archive deactivates it", async () => {
    const shop = await shopWithWriteDiscounts();
    const creator = await createCreator(shop.id, "Ivy Moss", { email: "ivy@x.test", referralCode: "IVYREF" });
    const edited = await post(shop.domain, `/app/creators/${creator.id}/edit`, {
      ...newCreatorForm("IVY10"),
      name: "Ivy Moss",
      email: "ivy@x.test",
      referralCode: "IVYREF",
    });
    expect(edited.status).toBe(302);
    expect(edited.headers.get("location")).toContain("done=creator_updated");
    const stored = await db().discountCode.findFirstOrThrow({ where: { creatorId: creator.id, code: "IVY10" } });
    expect(createsFor("IVY10")).toHaveLength(1);
    expect(stored.shopifyDiscountId).toBe([...discounts.byId.values()].find((d) => d.code === "IVY10")!.id);

    const bulk = await post(shop.domain, "/app/creators?index", { bulk: "archive", creatorId: creator.id });
    expect(bulk.status).toBe(200);
    expect(discounts.mutations.at(-1)).toEqual({ name: "discountCodeDeactivate", variables: { id: stored.shopifyDiscountId } });
  });

  it("deactivates a Shopify code removed from the creator form, and says so when Shopify could not", async () => {
    const shop = await shopWithWriteDiscounts();
    const created = await post(
      shop.domain,
      "/app/creators/new",
      newCreatorForm("RMV15", { email: "rmv@example.com", referralCode: "RMVREF" }),
    );
    expect(created.status).toBe(302);
    const creator = await db().creator.findFirstOrThrow({ where: { shopId: shop.id } });
    const inShopify = [...discounts.byId.values()].find((d) => d.code === "RMV15")!;
    const editForm = {
      ...newCreatorForm("", { email: "rmv@example.com", referralCode: "RMVREF" }),
      createShopifyCode: "false",
      discountCodes: "",
    };
    const removed = await post(shop.domain, `/app/creators/${creator.id}/edit`, editForm);
    expect(removed.status).toBe(302);
    expect(removed.headers.get("location")).toContain("done=creator_updated_code_deactivated");
    expect(discounts.mutations.at(-1)).toEqual({ name: "discountCodeDeactivate", variables: { id: inShopify.id } });
    expect(inShopify.status).toBe("EXPIRED");
    expect(await db().discountCode.count({ where: { creatorId: creator.id } })).toBe(0);

    const linked = discounts.add("KEEP20");
    await db().discountCode.create({
      data: { shopId: shop.id, creatorId: creator.id, code: "KEEP20", shopifyDiscountId: linked.id, shopifyState: "active" },
    });
    // The shop took write_discounts back: Shopify cannot be asked, the code still works in the store.
    await db().session.update({ where: { id: `offline_${shop.domain}` }, data: { scope: "read_orders,read_customers,read_discounts" } });
    const failed = await post(shop.domain, `/app/creators/${creator.id}/edit`, editForm);
    expect(failed.status).toBe(302);
    expect(failed.headers.get("location")).toContain("done=creator_updated_code_still_active");
    expect(linked.status).toBe("ACTIVE");
  });

  it("keeps the shop's default terms in Settings, which the creator forms start from", async () => {
    const shop = await shopWithWriteDiscounts();
    const bad = await post(shop.domain, "/app/settings", { intent: "discount_defaults", valueKind: "percentage", value: "150" });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain("Enter a percentage between 1 and 100");
    const saved = await post(shop.domain, "/app/settings", {
      intent: "discount_defaults",
      valueKind: "fixed_amount",
      value: "7.50",
      minimumSubtotal: "40",
      oncePerCustomer: "false",
      combinesWithShippingDiscounts: "true",
    });
    expect(saved.status).toBe(200);
    expect(await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).toMatchObject({
      discountValueKind: "fixed_amount",
      discountAmountMinor: 750n,
      discountMinimumSubtotalMinor: 4000n,
      discountOncePerCustomer: false,
      discountCombinesWithShipping: true,
    });
    const creator = await createCreator(shop.id, "Jo Kent");
    const page = await (await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`)).text();
    expect(page).toContain('value="7.50"');
    expect(page).toContain('value="40.00"');
  });

  it("tells a shop without write_discounts to grant access or reinstall, and sends nothing to Shopify", async () => {
    const shop = await createInstalledShop();
    const before = admin.requests.length;
    const response = await post(shop.domain, "/app/creators/new", newCreatorForm("FAY10", { email: "fay@example.com" }));
    expect(response.status).toBe(403);
    const html = await response.text();
    expect(html).toContain("approve the new access (write_discounts), or reinstall the app");
    expect(admin.requests.length).toBe(before);
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("keeps each shop to its own creators' codes", async () => {
    const shop = await shopWithWriteDiscounts();
    const other = await shopWithWriteDiscounts();
    const creator = await createCreator(shop.id, "Gus Hale");
    discounts.add("GUS5");
    await post(shop.domain, `/app/creators/${creator.id}`, { intent: "link_discount", linkCode: "GUS5" });
    const mutationsBefore = discounts.mutations.length;
    for (const intent of ["create_discount", "link_discount", "refresh_discounts", "pause"]) {
      const response = await post(other.domain, `/app/creators/${creator.id}`, {
        intent,
        code: "GUS99",
        linkCode: "GUS5",
        valueKind: "percentage",
        value: "10",
        reason: "x",
      });
      expect(response.status).toBe(404);
    }
    expect(discounts.mutations.length).toBe(mutationsBefore);
    expect(await db().discountCode.count({ where: { shopId: other.id } })).toBe(0);
    // A code held by a creator of this shop cannot be linked to another creator of the same shop either.
    const second = await createCreator(shop.id, "Hal Ives");
    const taken = await post(shop.domain, `/app/creators/${second.id}`, { intent: "link_discount", linkCode: "GUS5" });
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain("GUS5 already belongs to another creator.");
  });
});
