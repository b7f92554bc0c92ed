// Journey: a new merchant, end to end in a real browser, as they and their creator see it.
// Add a creator with a discount code → an order arrives with the code (the creator has not
// accepted the invitation yet, and earns anyway) → held → the creator accepts → the hold ends →
// "Create payout" → mark paid offline with a note → the creator sees the payment and the note.
// Every screen is checked with axe and saved at 1280 and 390 px (test-results/journeys/).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { describeInBrowser } from "../support/browser";
import { startJourney, type Journey } from "../support/journey";

const NORA = { id: "7770001", email: "nora@creators.test" };
const ORDER_DAY = "2026-11-02T15:00:00Z";
const AFTER_HOLD = "2026-12-03T15:00:00Z";

describeInBrowser("journey: a new merchant pays their first creator", () => {
  let j: Journey;
  let admin: Page;

  beforeAll(async () => {
    j = await startJourney("new-merchant", { customers: { [NORA.id]: { email: NORA.email, firstName: "Nora" } } });
    admin = j.admin;
    // The shop's default plan: 10 % of the eligible amount, 30-day hold.
    const plan = await db().commissionPlan.create({
      data: { shopId: j.shop.id, name: "Standard 10 %", kind: "percentage", rateBasisPoints: 1000 },
    });
    await db().shop.update({ where: { id: j.shop.id }, data: { defaultPlanId: plan.id, holdPeriodDays: 30 } });
    process.env.CREATOR_PAYOUTS_CLOCK = ORDER_DAY;
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  const figure = (page: Page, label: string) =>
    page
      .getByText(new RegExp(`^${label} \\(USD\\)$`))
      .locator("xpath=following-sibling::*[1]")
      .innerText();

  it("walks from adding a creator to the creator seeing the paid payout with the merchant's note", async () => {
    // 1. Add the creator with a discount code; the invitation goes out.
    await admin.goto(`${j.app.url}/app/creators/new`);
    await admin.getByLabel("Name", { exact: true }).fill("Nora Quinn");
    await admin.getByLabel("Email", { exact: true }).fill(NORA.email);
    await admin.getByLabel("Referral code").fill("NORA");
    await admin.getByLabel("Discount codes").fill("NORA15");
    await j.screen(admin, "add-creator");
    await admin.getByRole("button", { name: /^Save/ }).click();
    await admin.waitForURL(/\/app\/creators\/cr_/);
    await admin.getByText("The invitation email was sent.").first().waitFor();
    await admin.getByText(/^Invitation: sent, waiting/i).waitFor();
    await j.screen(admin, "creator-added");

    // 2. An order with the code arrives before Nora accepted: she earns anyway, held.
    await j.order({
      orderId: 5_100_001,
      name: "#1001",
      createdAt: ORDER_DAY,
      updatedAt: ORDER_DAY,
      lines: [{ lineId: 1, productId: 7001, quantity: 2, unitPriceMinor: 6000 }],
      discountCodes: ["NORA15"],
    });
    await admin.reload();
    await expect.poll(() => figure(admin, "Held")).toBe("$12.00");
    expect(await figure(admin, "Payable")).toBe("$0.00");
    await j.screen(admin, "order-held");

    // 3. Nora accepts the emailed invitation in the store's portal.
    const [invitation] = await j.emailsTo(NORA.email);
    expect(invitation.subject).toBe("Trail Co invites you to its creator program");
    expect(invitation.text).toContain("10%");
    const portal = await j.portal(NORA);
    await portal.goto(j.onStorefront(portal, invitation.text.match(/https:\/\/\S+\/invitations\/\S+/)![0]));
    await portal.getByRole("button", { name: "Accept the invitation" }).click();
    await portal.getByText("Welcome! Your creator account is ready.").waitFor();
    await j.screen(portal, "invitation-accepted");

    // 4. The hold ends: the commission becomes payable.
    await j.advanceClockTo(AFTER_HOLD);
    await admin.reload();
    await expect.poll(() => figure(admin, "Payable")).toBe("$12.00");
    await j.screen(admin, "hold-ended");

    // 5. Create payout, straight to ready.
    const create = admin.getByRole("form", { name: "Create payout" });
    await create.getByLabel("Comment").fill("November commissions");
    await create.getByRole("button", { name: "Create and mark ready" }).click();
    const created = await admin
      .getByText(/^Payout CP-\d+ of \$12\.00 created: ready to pay\.$/)
      .first()
      .innerText();
    const invoice = created.match(/CP-\d+/)![0];
    await expect.poll(() => figure(admin, "Payable")).toBe("$0.00");

    // 6. Mark it paid offline with a note to the creator.
    await admin.goto(`${j.app.url}/app/payouts?status=ready`);
    await j.screen(admin, "payouts-ready");
    await admin.getByRole("link", { name: invoice }).click();
    await admin.waitForURL(/\/app\/payouts\/po_/);
    await admin.getByText(/^Nora Quinn has no payout details/).waitFor();
    await admin.getByLabel("Method", { exact: true }).fill("Bank transfer");
    await admin.getByLabel("Reference or receipt number").fill("WIRE-2211");
    await admin.getByLabel("Note to the creator").fill("Thanks for the November posts!");
    await j.screen(admin, "mark-paid");
    await admin.getByRole("button", { name: "Mark paid" }).click();
    const confirm = admin.getByRole("dialog");
    await confirm.getByText(`Mark payout ${invoice} of $12.00 to Nora Quinn as paid?`).waitFor();
    await confirm.getByRole("button", { name: "Mark paid" }).click();
    await admin.getByText("Payout marked paid.").first().waitFor();
    await j.screen(admin, "payout-paid");

    // 7. Nora sees the payment, its reference and the note.
    await portal.goto(new URL(portal.url()).origin);
    const portalRegion = portal.getByRole("region", { name: "Creator portal" });
    await portalRegion.getByRole("heading", { name: "Balances" }).waitFor();
    const portalText = await portalRegion.innerText();
    expect(portalText).toContain(invoice);
    expect(portalText).toContain("Thanks for the November posts!");
    expect(portalText).toMatch(/Paid/);
    await j.screen(portal, "creator-sees-payment");

    // The creator was told by email too, with the note.
    const emails = await j.emailsTo(NORA.email);
    expect(emails.map((e) => e.text).join("\n")).toContain("Thanks for the November posts!");
  }, 240_000);
});
