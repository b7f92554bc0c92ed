// Journey: a creator, end to end in a real browser, as they and the merchant see it.
// The merchant sends the invitation → the creator accepts it → sets PayPal → confirms the change
// by email → earns (an order with their link) → requests a withdrawal → sees it pending → the
// merchant runs a payout run, which approves the request → the merchant pays it → the creator
// sees the request paid. Every screen is checked with axe and saved at 1280 and 390 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { describeInBrowser } from "../support/browser";
import { createCreator } from "../support/factories";
import { startJourney, type Journey } from "../support/journey";

const OMAR = { id: "7770002", email: "omar@creators.test" };
const DAY_ONE = "2026-11-02T15:00:00Z";
const AFTER_HOLD = "2026-12-03T15:00:00Z";
const PORTAL_LINK = /https:\/\/\S+\/apps\/creator-payouts\/\S+/;

describeInBrowser("journey: a creator joins, asks for a withdrawal and sees it paid", () => {
  let j: Journey;
  let admin: Page;
  let creatorId: string;

  beforeAll(async () => {
    j = await startJourney("creator", { customers: { [OMAR.id]: { email: OMAR.email, firstName: "Omar" } } });
    admin = j.admin;
    const plan = await db().commissionPlan.create({
      data: { shopId: j.shop.id, name: "Standard 10 %", kind: "percentage", rateBasisPoints: 1000 },
    });
    await db().shop.update({ where: { id: j.shop.id }, data: { defaultPlanId: plan.id, holdPeriodDays: 30 } });
    process.env.CREATOR_PAYOUTS_CLOCK = DAY_ONE;
    creatorId = (await createCreator(j.shop.id, "Omar Reyes", { email: OMAR.email, referralCode: "OMAR", status: "invited" })).id;
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  const regionOf = (page: Page) => page.getByRole("region", { name: "Creator portal" });
  const linkIn = async (subject: RegExp) => {
    const email = (await j.emailsTo(OMAR.email)).findLast((e) => subject.test(e.subject));
    expect(email, `an email whose subject matches ${subject}`).toBeDefined();
    return email!.text.match(PORTAL_LINK)![0];
  };

  it("walks from the invitation to the withdrawal shown as paid", async () => {
    // 1. The merchant sends the invitation from the deal page.
    await admin.goto(`${j.app.url}/app/creators/${creatorId}`);
    await admin.getByRole("button", { name: "Send invitation" }).click();
    await admin.getByText(/^Invitation: sent, waiting/i).waitFor();

    // 2. Omar accepts it in the store.
    const portal = await j.portal(OMAR);
    await portal.goto(j.onStorefront(portal, await linkIn(/invites you/)));
    await j.screen(portal, "invitation");
    await portal.getByRole("button", { name: "Accept the invitation" }).click();
    await portal.getByText("Welcome! Your creator account is ready.").waitFor();

    // 3. He sets PayPal and confirms the change from the email.
    await portal.goto(new URL(portal.url()).origin);
    const region = regionOf(portal);
    await region.getByRole("heading", { name: "Balances" }).waitFor();
    await region.getByLabel("Method", { exact: true }).selectOption("paypal");
    await region.getByLabel("PayPal email").fill("omar.pay@creators.test");
    await region.getByRole("button", { name: "Save payout method" }).click();
    await region.getByText(/Check your email/).waitFor();
    await j.screen(portal, "payout-method-saved");
    await portal.goto(j.onStorefront(portal, await linkIn(/payout method/i)));
    await portal.getByRole("button", { name: "Confirm payout method" }).click();
    await portal.getByText(/Your payout method is now/).waitFor();

    // 4. An order with his referral link; the hold (and the 24-hour hold on the new method) ends.
    await j.order({
      orderId: 5_200_001,
      name: "#2001",
      createdAt: DAY_ONE,
      updatedAt: DAY_ONE,
      lines: [{ lineId: 1, productId: 7001, quantity: 3, unitPriceMinor: 10000 }],
      creatorRef: "OMAR",
    });
    await j.advanceClockTo(AFTER_HOLD);

    // 5. He asks for a withdrawal of everything payable and sees it waiting.
    await portal.goto(new URL(portal.url()).origin);
    await region.getByRole("heading", { name: "Balances" }).waitFor();
    await region.getByLabel("Amount", { exact: true }).fill("30.00");
    await region.getByRole("button", { name: "Request withdrawal" }).click();
    await region.getByText("Your withdrawal request was sent to the store.").waitFor();
    await portal.goto(new URL(portal.url()).origin);
    const requests = region.getByRole("table", { name: "Your withdrawal requests" });
    await expect.poll(() => requests.innerText()).toMatch(/\$30\.00[\s\S]*Waiting for the store/);
    await j.screen(portal, "withdrawal-pending");

    // 6. The merchant generates a payout run: its preview says it approves the request.
    await admin.goto(`${j.app.url}/app/payouts/runs/new`);
    await admin.getByLabel("From", { exact: true }).fill("2026-11-01");
    await admin.getByLabel("To", { exact: true }).fill("2026-12-03");
    await admin.getByRole("button", { name: "Preview" }).click();
    await admin.getByText("Approves the request for $30.00").waitFor();
    await j.screen(admin, "run-preview");
    await admin.getByRole("button", { name: "Generate payouts" }).click();
    await admin.waitForURL(/\/app\/payouts\/runs\/run_/);
    await j.runJobs();
    await admin.reload();
    await admin.getByText("Completed").first().waitFor();
    await j.screen(admin, "run-completed");

    // 7. The merchant pays the payout by PayPal (the creator's method, filled in).
    await admin
      .getByRole("link", { name: /^CP-\d+$/ })
      .first()
      .click();
    await admin.waitForURL(/\/app\/payouts\/po_/);
    await admin.getByText("omar.pay@creators.test").first().waitFor();
    expect(await admin.getByLabel("Method", { exact: true }).inputValue()).toBe("PayPal");
    await admin.getByLabel("Reference or receipt number").fill("PP-5521");
    await admin.getByRole("button", { name: "Mark paid" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Mark paid" }).click();
    await admin.getByText("Payout marked paid.").first().waitFor();

    // 8. Omar sees his request paid.
    await portal.goto(new URL(portal.url()).origin);
    await expect.poll(() => requests.innerText()).toMatch(/\$30\.00[\s\S]*Approved · Paid/);
    await j.screen(portal, "withdrawal-paid");
    const subjects = (await j.emailsTo(OMAR.email)).map((e) => e.subject);
    expect(subjects.some((s) => /withdrawal request was approved/.test(s))).toBe(true);
  }, 240_000);
});
