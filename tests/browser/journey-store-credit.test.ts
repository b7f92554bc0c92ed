// Journey: a creator takes store credit (issue 15, item 2), end to end in a real browser.
// The creator chooses "Store credit: get 110%" in the portal → the merchant runs "Pay all due" →
// the run pays the creator on their rail (the Admin stand-in credits the customer's store credit
// account, validated against the 2026-04 schema) → the portal shows the credit, its bonus and how
// to spend it, and the creator got one email. Every screen is checked with axe at 1280 and 390 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { describeInBrowser } from "../support/browser";
import { createCreator, givePayable } from "../support/factories";
import { fakeStoreCredit, type FakeStoreCredit } from "../support/fake-shopify-store-credit";
import { startJourney, type Journey } from "../support/journey";

const SCOPES =
  "read_orders,read_customers,write_customers,read_discounts,read_products,read_store_credit_accounts,write_store_credit_account_transactions";
const EMAIL = "ava.credit@creators.test";

describeInBrowser("journey: a creator chooses store credit, the run pays it, the portal shows it", () => {
  let j: Journey;
  let admin: Page;
  let store: FakeStoreCredit;
  let ava: { id: string; email: string };

  beforeAll(async () => {
    store = fakeStoreCredit();
    const customer = store.addCustomer(EMAIL, { firstName: "Ava" });
    ava = { id: customer.id, email: EMAIL };
    j = await startJourney("store-credit", {
      storeCredit: store,
      shop: { enabledRails: ["stripe", "store_credit", "offline"], storeCreditBonusPercent: 110 },
    });
    admin = j.admin;
    await db().session.updateMany({ where: { shop: j.shop.domain, isOnline: false }, data: { scope: SCOPES } });
    const creator = await createCreator(j.shop.id, "Ava Stone", { email: EMAIL, shopifyCustomerId: customer.id });
    await givePayable(j.shop.id, creator.id, { kind: "fixed_fee", amountMinor: 12_550, currency: "USD" });
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  it("walks from the creator's choice to the credit shown in the portal", async () => {
    // 1. Ava chooses store credit, with the shop's bonus named on the choice.
    const portal = await j.portal(ava);
    const region = portal.getByRole("region", { name: "Creator portal" });
    await region.getByRole("heading", { name: "How you get paid" }).waitFor();
    await region.getByRole("radio", { name: "Store credit: get 110%" }).check();
    await j.screen(portal, "choose-store-credit");
    await region.getByRole("button", { name: "Save choice" }).click();
    await region.getByText("Saved: the store pays you this way from now on.").waitFor();
    expect(await region.getByRole("radio", { name: "Store credit: get 110%" }).isChecked()).toBe(true);

    // 2. The merchant pays everything due; the run pays Ava on her rail.
    await admin.goto(`${j.app.url}/app/payouts`);
    await admin.getByRole("button", { name: "Pay all due" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Create 1 payout" }).click();
    await admin.waitForURL(/\/app\/payouts\/runs\/run_/);
    await j.runJobs();
    await j.runJobs();
    expect(store.credits).toEqual([expect.objectContaining({ customerId: ava.id, amount: "138.05", currencyCode: "USD" })]);
    await admin.reload();
    await admin
      .getByText(/Store credit/)
      .first()
      .waitFor();
    await j.screen(admin, "run-paid-on-store-credit");

    // 3. Ava sees the credit, the bonus, its status and how to spend it.
    await portal.reload();
    await region.getByRole("heading", { name: "Your store credit" }).waitFor();
    const credits = region.getByRole("region", { name: "Your store credit" }).first();
    const text = await credits.innerText();
    expect(text).toContain("$138.05");
    expect(text).toContain("$12.55");
    expect(text).toContain("Paid");
    expect(await region.innerText()).toContain("choose store credit at checkout");
    await j.screen(portal, "portal-shows-credit");

    // 4. One email says so.
    const paid = (await j.emailsTo(EMAIL)).filter((e) => e.text.includes("of store credit was added"));
    expect(paid).toHaveLength(1);
  }, 240_000);
});
