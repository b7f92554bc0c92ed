// Journey: a Stripe payout fails, and the merchant finishes it — once by retrying with Stripe
// after adding funds, once by paying offline instead — and the creator sees both paid.
// Real browser, the app's Stripe client talking to the local fake Stripe (its wire format), every
// screen checked with axe and saved at 1280 and 390 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { describeInBrowser } from "../support/browser";
import { givePayable } from "../support/factories";
import { startJourney, type Journey } from "../support/journey";
import { connectShopToStripe, createStripeCreator } from "../support/stripe-fixtures";

const AVA = { id: "7770003", email: "ava.stripe@creators.test" };
const NO_FUNDS = { kind: "status", status: 400, code: "balance_insufficient", message: "Insufficient funds in Stripe account." } as const;

describeInBrowser("journey: a failed Stripe payout is retried, another is paid offline instead", () => {
  let j: Journey;
  let admin: Page;
  let creatorId: string;

  beforeAll(async () => {
    j = await startJourney("failed-stripe-payout", { stripe: true, customers: { [AVA.id]: { email: AVA.email } } });
    admin = j.admin;
    await connectShopToStripe(j.shop.id);
    const ava = await createStripeCreator(j.shop.id, j.stripe!, "Ava Stone");
    await db().creator.update({ where: { id: ava.id }, data: { email: AVA.email, shopifyCustomerId: AVA.id } });
    creatorId = ava.id;
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  /** Create payout (ready) on the deal page for everything payable; returns its invoice label. */
  async function createReadyPayout(amount: string): Promise<string> {
    await admin.goto(`${j.app.url}/app/creators/${creatorId}`);
    const create = admin.getByRole("form", { name: "Create payout" });
    await create.getByRole("button", { name: "Create and mark ready" }).click();
    const created = await admin
      .getByText(new RegExp(`^Payout CP-\\d+ of \\${amount} created: ready to pay\\.$`))
      .first()
      .innerText();
    return created.match(/CP-\d+/)![0];
  }

  async function payWithStripeAndFail(invoice: string) {
    await admin.goto(`${j.app.url}/app/payouts?status=ready`);
    await admin.getByRole("link", { name: invoice }).click();
    await admin.waitForURL(/\/app\/payouts\/po_/);
    j.stripe!.inject(/^\/v1\/transfers$/, NO_FUNDS, 1, "POST");
    await admin.getByRole("button", { name: "Pay with Stripe" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Pay with Stripe" }).click();
    await admin
      .getByText(/^Being paid|^Payout sent to Stripe/)
      .first()
      .waitFor();
    await j.runJobs();
    await admin.reload();
    // The reason is a sentence that says what to do, not Stripe's code.
    await admin
      .getByText(/^Your Stripe balance does not have enough available funds in USD for this transfer\./)
      .first()
      .waitFor();
    expect(await admin.locator("main").innerText()).not.toContain("balance_insufficient:");
  }

  it("retries the first with Stripe and pays the second offline instead; the creator sees both paid", async () => {
    await givePayable(j.shop.id, creatorId, { kind: "commission", amountMinor: 42_000 });
    const first = await createReadyPayout("$420.00");
    await payWithStripeAndFail(first);
    await j.screen(admin, "payout-failed");
    await admin.getByRole("button", { name: "Retry with Stripe" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Retry with Stripe" }).click();
    await admin
      .getByText(/^Being paid/)
      .first()
      .waitFor();
    await j.runJobs();
    await admin.reload();
    await admin.getByText("Paid", { exact: true }).first().waitFor();
    await j.screen(admin, "payout-retried-paid");
    expect(j.stripe!.transfers.map((t) => t.amount)).toEqual([42_000]);

    await givePayable(j.shop.id, creatorId, { kind: "commission", amountMinor: 15_000 });
    const second = await createReadyPayout("$150.00");
    await payWithStripeAndFail(second);
    await admin.getByRole("button", { name: "Pay offline instead" }).click();
    const offline = admin.getByRole("form", { name: "Pay offline instead" });
    await offline.getByLabel("Method", { exact: true }).fill("Bank transfer");
    await offline.getByLabel("Reference or receipt number").fill("WIRE-3141");
    await offline.getByLabel("Note to the creator").fill("Sent by bank while Stripe is topped up.");
    await j.screen(admin, "pay-offline-instead");
    await offline.getByRole("button", { name: "Mark paid" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Mark paid" }).click();
    await admin.getByText("Payout marked paid offline instead of Stripe.").first().waitFor();
    await j.screen(admin, "paid-offline-instead");
    expect(j.stripe!.transfers.map((t) => t.amount)).toEqual([42_000]);

    // Home has no failed-payout alert left.
    await admin.goto(`${j.app.url}/app`);
    await admin.getByRole("heading", { name: "Home" }).waitFor();
    expect(await admin.locator("main").innerText()).not.toMatch(/payouts? failed/);

    const portal = await j.portal(AVA);
    const region = portal.getByRole("region", { name: "Creator portal" });
    await region.getByRole("heading", { name: "Payouts" }).waitFor();
    const text = await region.innerText();
    expect(text).toContain(first);
    expect(text).toContain(second);
    expect(text).toContain("Sent by bank while Stripe is topped up.");
    expect(text).not.toMatch(/Delayed/);
    await j.screen(portal, "creator-sees-both-paid");
  }, 240_000);
});
