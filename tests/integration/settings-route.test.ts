// The Settings screen's loader and action over HTTP, authenticated like the embedded admin.
import { expect, it } from "vitest";
import { db } from "~/db.server";
import { adminFetch } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";
import { createCreator, createInstalledShop, postDraft } from "../support/factories";

const validForm = {
  defaultRatePercent: "12.5",
  newCustomersOnly: "false",
  holdPeriodDays: "14",
  payoutSchedule: "monthly",
  creatorReviewEnabled: "true",
  invoiceRequired: "false",
  invoicePrefix: "INV-",
  selfSignupEnabled: "true",
  attributionWindowDays: "45",
  countPaidOrdersOnly: "true",
  ignoreTestOrders: "true",
  emailSenderName: "Trail Co",
  emailReplyTo: "payouts@trail.example",
  minimumPayout: "50.00",
};

describeWithApp("Settings", (app) => {
  it("refuses a request without a valid session token", async () => {
    const shop = await createInstalledShop({ name: "Settings shop", currency: "EUR" });
    const response = await fetch(`${app.url}/app/settings?shop=${shop.domain}`, {
      headers: { Authorization: "Bearer not-a-jwt" },
      redirect: "manual",
    });
    expect(response.status).not.toBe(200);
  });

  it("shows the shop's current settings", async () => {
    const shop = await createInstalledShop({ name: "Settings shop", currency: "EUR" });
    const response = await adminFetch(app.url, shop.domain, "/app/settings");
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Default commission rate");
    expect(html).toContain('value="30"'); // the default hold period
  });

  it("saves valid settings with an audit event that keeps the old values", async () => {
    const shop = await createInstalledShop({ name: "Settings shop", currency: "EUR" });
    const response = await adminFetch(app.url, shop.domain, "/app/settings", { method: "POST", body: new URLSearchParams(validForm) });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("Settings saved");
    const saved = await db().shop.findUniqueOrThrow({ where: { id: shop.id }, include: { defaultPlan: true, payoutMinimums: true } });
    expect(saved).toMatchObject({
      holdPeriodDays: 14,
      payoutSchedule: "monthly",
      creatorReviewEnabled: true,
      invoicePrefix: "INV-",
      attributionWindowDays: 45,
      emailReplyTo: "payouts@trail.example",
    });
    expect(saved.defaultPlan).toMatchObject({ rateBasisPoints: 1250, kind: "percentage" });
    expect(saved.payoutMinimums).toEqual([expect.objectContaining({ currency: "EUR", amountMinor: 5000n })]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "settings.updated" } });
    expect(audit.before).toMatchObject({ holdPeriodDays: 30, minimumPayoutMinor: 2500 });
    expect(audit.after).toMatchObject({ holdPeriodDays: 14, defaultRateBasisPoints: 1250, minimumPayoutMinor: 5000 });
    expect(audit.actorType).toBe("staff");
  });

  it("sets a minimum for another currency creators earn in, and explains a bad one", async () => {
    const shop = await createInstalledShop({ name: "Settings shop", currency: "EUR" });
    const creator = await createCreator(shop.id, "Uma", { email: "u@x.test", referralCode: "UMA1", status: "active" });
    const { postAdjustment } = await import("~/domain/ledger");
    await postDraft(shop.id, postAdjustment({ creatorId: creator.id, currency: "GBP", amountMinor: 4000 }), {
      subject: { type: "adjustment", id: "adj_test" },
      action: "adjustment.posted",
      actor: { type: "staff", id: "s" },
      idempotencyKey: "adjustment:adj_test",
    });
    const page = await (await adminFetch(app.url, shop.domain, "/app/settings")).text();
    expect(page).toContain("Minimum payout in GBP");
    const bad = await (
      await adminFetch(app.url, shop.domain, "/app/settings", {
        method: "POST",
        body: new URLSearchParams({ ...validForm, minimum_GBP: "abc" }),
      })
    ).text();
    expect(bad).toContain("Some settings need fixing");
    const saved = await (
      await adminFetch(app.url, shop.domain, "/app/settings", {
        method: "POST",
        body: new URLSearchParams({ ...validForm, minimum_GBP: "20.00" }),
      })
    ).text();
    expect(saved).toContain("Settings saved");
    expect(
      (await db().payoutMinimum.findUniqueOrThrow({ where: { shopId_currency: { shopId: shop.id, currency: "GBP" } } })).amountMinor,
    ).toBe(2000n);
  });

  it("explains every invalid field and saves nothing", async () => {
    const shop = await createInstalledShop({ name: "Settings shop", currency: "EUR" });
    const form = {
      ...validForm,
      defaultRatePercent: "12.345",
      holdPeriodDays: "-3",
      invoicePrefix: "no spaces!",
      emailReplyTo: "nope",
      minimumPayout: "ten",
    };
    const response = await adminFetch(app.url, shop.domain, "/app/settings", { method: "POST", body: new URLSearchParams(form) });
    const html = await response.text();
    expect(html).toContain("Some settings need fixing");
    for (const message of [
      "Enter a percentage between 0 and 100 with at most two decimals",
      "The hold period cannot be negative.",
      "Use 1 to 12 letters, digits or dashes",
      "Enter an email address",
    ]) {
      expect(html).toContain(message);
    }
    const unchanged = await db().shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(unchanged).toMatchObject({ holdPeriodDays: 30, invoicePrefix: "CP-" });
    expect(await db().auditEvent.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("keeps the store's VAT number normalised, and explains one of the wrong format", async () => {
    const shop = await createInstalledShop({ name: "Settings shop", currency: "EUR" });
    await db().shop.update({ where: { id: shop.id }, data: { billingCountryCode: "BE" } });
    const bad = await (
      await adminFetch(app.url, shop.domain, "/app/settings", {
        method: "POST",
        body: new URLSearchParams({ ...validForm, vatNumber: "BE 123" }),
      })
    ).text();
    expect(bad).toContain("This VAT number does not have the BE format, e.g. BE0123456789.");
    expect((await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).vatNumber).toBeNull();
    const saved = await (
      await adminFetch(app.url, shop.domain, "/app/settings", {
        method: "POST",
        body: new URLSearchParams({ ...validForm, vatNumber: "be 0123.456.789" }),
      })
    ).text();
    expect(saved).toContain("Settings saved");
    expect((await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).vatNumber).toBe("BE0123456789");
  });
});
