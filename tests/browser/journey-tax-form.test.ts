// Journey: a US creator is held at the reporting threshold until a W-9 is on file (issue 17,
// item 1), end to end in a real browser. A US shop has paid Ava $1,500 this year; a $600 payout
// is ready → the merchant tries to pay it and is refused, with the reason (no W-9) → Ava opens
// the portal and signs a W-9: a bad TIN first (the field's error is shown), then a valid one →
// the merchant pays and the payout goes through, with exactly one payment posted to the ledger.
// Then, on the same app (one app and browser for both, to keep CI time down), two-person approval:
// Settings names the approvers; a $6,000 payout awaits a second approval, and its creator's own
// "Approve payout" is refused with a sentence.
// Every screen touched is checked with axe at 1280 and 390 px.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { db } from "~/db.server";
import { DEMO_STAFF } from "~/demo/demo-mode.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { describeInBrowser } from "../support/browser";
import { createCreator, givePayable, MIA } from "../support/factories";
import { startJourney, type Journey } from "../support/journey";

const AVA = { id: "7770017", email: "ava.tax@creators.test" };
// Business time pinned inside 2026, whose threshold is $2,000.00 (app/domain/tax-reporting-thresholds.ts).
const TODAY = "2026-11-16";
// Every ledger movement that pays a payout, on any rail.
const PAYMENT_KINDS = ["pay_stripe", "pay_offline", "pay_store_credit", "pay_paypal", "pay_gift_card"] as const;

describeInBrowser("journey: a US creator is held at the reporting threshold, signs a W-9 in the portal, and is paid", () => {
  let j: Journey;
  let admin: Page;
  let heldPayoutId: string;
  let invoice: string;

  beforeAll(async () => {
    j = await startJourney("tax-form", {
      shop: { billingCountryCode: "US", timezone: "America/New_York" },
      customers: { [AVA.id]: { email: AVA.email, firstName: "Ava" } },
    });
    admin = j.admin;
    process.env.CREATOR_PAYOUTS_CLOCK = `${TODAY}T15:00:00Z`;
    const ava = await createCreator(j.shop.id, "Ava Ames", { email: AVA.email, shopifyCustomerId: AVA.id });
    // $1,500.00 already paid this year (offline), then $600.00 more due: together past $2,000.00.
    await givePayable(j.shop.id, ava.id, { kind: "fixed_fee", amountMinor: 150_000 });
    const first = await createPayout({ shopId: j.shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    await markPayoutPaidOffline(j.shop.id, first.payoutId, MIA, {
      method: "Bank transfer",
      reference: "W-1",
      paidOn: "2026-03-02",
      note: "",
    });
    await givePayable(j.shop.id, ava.id, { kind: "fixed_fee", amountMinor: 60_000 });
    heldPayoutId = (await createPayout({ shopId: j.shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA })).payoutId;
    invoice = (await db().payout.findUniqueOrThrow({ where: { id: heldPayoutId } })).invoiceLabel!;
  }, 120_000);
  afterAll(async () => {
    await j?.close();
  });

  const payments = () =>
    db().ledgerTransaction.findMany({
      where: { shopId: j.shop.id, subjectType: "payout", subjectId: heldPayoutId, kind: { in: [...PAYMENT_KINDS] } },
    });

  it("walks from the refused payment to the W-9 and the payment that goes through", async () => {
    // 1. The merchant opens the ready payout: the page says it is held and why, before anyone tries.
    await admin.goto(`${j.app.url}/app/payouts/${heldPayoutId}`);
    await admin.getByText("On hold: not paid on any rail until this is resolved").waitFor();
    await admin.getByText(/Waiting for a W-9: with this payout the creator's 2026 payments reach the \$2,000\.00/).waitFor();

    // 2. Paying it anyway is refused with the same reason, and nothing moves.
    await admin.getByLabel("Reference or receipt number").fill("WIRE-600");
    await admin.getByRole("button", { name: "Mark paid" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Mark paid" }).click();
    await admin.getByRole("heading", { name: /^Waiting for a W-9/ }).waitFor();
    await j.screen(admin, "payment-refused-no-w9");
    expect((await db().payout.findUniqueOrThrow({ where: { id: heldPayoutId } })).status).toBe("ready");
    expect(await payments()).toHaveLength(0);

    // 3. Ava opens the portal and signs a W-9, with a mistyped SSN first.
    const portal = await j.portal(AVA);
    const region = portal.getByRole("region", { name: "Creator portal" });
    await region.getByRole("heading", { name: "Tax form" }).waitFor();
    await region.getByText("No tax form on file.", { exact: false }).waitFor();
    await region.getByText("W-9 — US persons").click();
    const w9 = region.getByRole("form", { name: "W-9" });
    await w9.getByLabel("Name (as shown on your income tax return)").fill("Ava Ames");
    await w9.getByLabel("Street address").fill("1 Market St");
    await w9.getByLabel("City").fill("San Francisco");
    await w9.getByLabel("State").fill("CA");
    await w9.getByLabel("ZIP code").fill("94105");
    await w9.getByLabel("SSN or EIN").fill("666-12-3456");
    await w9.getByRole("checkbox").check();
    await w9.getByLabel("Signature: type your name").fill("Ava Ames");
    await j.screen(portal, "w9-filled");
    await w9.getByRole("button", { name: "Sign and submit W-9" }).click();
    const tin = region.getByRole("form", { name: "W-9" }).getByLabel("SSN or EIN");
    await portal.locator('#cp-tax_form_w9-tin[aria-invalid="true"]').waitFor();
    // The error is the field's own description, and the mistyped number is not echoed back.
    const describedBy = (await tin.getAttribute("aria-describedby"))!.split(" ");
    const description = await Promise.all(describedBy.map((id) => portal.locator(`[id="${id}"]`).innerText()));
    expect(description.join(" ")).toContain("This is not a valid SSN: it cannot start with 000, 666 or 9.");
    expect(await tin.inputValue()).toBe("");
    expect(await portal.content()).not.toContain("666-12-3456");
    await j.screen(portal, "w9-bad-tin");
    expect(await db().taxForm.count({ where: { shopId: j.shop.id } })).toBe(0);

    // 4. She corrects it (the other fields kept what she typed) and certifies again.
    const again = region.getByRole("form", { name: "W-9" });
    expect(await again.getByLabel("City").inputValue()).toBe("San Francisco");
    await again.getByLabel("SSN or EIN").fill("123-45-6789");
    await again.getByRole("checkbox").check();
    await again.getByRole("button", { name: "Sign and submit W-9" }).click();
    await region.getByText("Thank you: your W-9 is on file.").waitFor();
    await region.getByText(/On file: W-9 signed 2026-11-16, TIN \*\*\*-\*\*-6789/).waitFor();
    await j.screen(portal, "w9-on-file");

    // 5. The merchant pays: the hold is gone and the payout is paid, once.
    await admin.reload();
    await admin.getByRole("heading", { name: invoice }).waitFor();
    expect(await admin.getByText("On hold: not paid on any rail until this is resolved").count()).toBe(0);
    await admin.getByLabel("Reference or receipt number").fill("WIRE-600");
    await admin.getByRole("button", { name: "Mark paid" }).click();
    await admin.getByRole("dialog").getByRole("button", { name: "Mark paid" }).click();
    await admin.getByText("Payout marked paid.").first().waitFor();
    await j.screen(admin, "payout-paid");
    expect((await db().payout.findUniqueOrThrow({ where: { id: heldPayoutId } })).status).toBe("paid");
    const paid = await payments();
    expect(paid.map((tx) => tx.kind)).toEqual(["pay_offline"]);
    const entries = await db().ledgerEntry.findMany({ where: { transactionId: paid[0].id } });
    expect(entries.map((entry) => [entry.account, Number(entry.amountMinor)]).sort()).toEqual([
      ["in_payout", -60_000],
      ["paid_offline", 60_000],
    ]);
  }, 120_000);

  // Settings posts the approver's box as a browser does: a Polaris checkbox without an explicit
  // value submitted "" (React sets a present-but-undefined value), which the action read as unticked.
  it("two-person approval: Settings chooses the approver; the payout awaits a second approval, which its creator cannot give", async () => {
    // Bob lives in Germany (no W-9 asked); Dana, the demo's staff member, creates his $6,000.00 payout.
    const bob = await createCreator(j.shop.id, "Bob Berg", { taxCountry: "DE" });
    await givePayable(j.shop.id, bob.id, { kind: "fixed_fee", amountMinor: 600_000 });
    const { payoutId } = await createPayout({ shopId: j.shop.id, creatorId: bob.id, currency: "USD", origin: "run", actor: DEMO_STAFF });

    await admin.goto(`${j.app.url}/app/settings`);
    const approval = admin.getByRole("form", { name: "Two-person approval" });
    await approval.getByText("Dana Demo", { exact: true }).waitFor();
    // Checked with axe before typing: resizing the viewport re-renders the page's frame, and the form with it.
    await j.screen(admin, "settings-two-person-approval");
    await approval.getByLabel("Second approval above (USD)").fill("5,000.00");
    const dana = approval.getByRole("checkbox", { name: "Dana Demo" });
    // Polaris draws its own box over the input: click the label, as a person does.
    await approval.getByText("Dana Demo", { exact: true }).click();
    expect(await dana.isChecked()).toBe(true);
    await approval.getByRole("button", { name: "Save two-person approval" }).click();
    await admin.getByRole("status").getByText("Two-person approval saved.").waitFor();
    expect(await db().payoutApprover.count({ where: { shopId: j.shop.id, staffId: DEMO_STAFF.id } })).toBe(1);

    await admin.goto(`${j.app.url}/app/payouts/${payoutId}`);
    await admin.getByText(/^Awaits a second approval: it is above \$5,000\.00/).waitFor();
    await admin.getByRole("button", { name: "Approve payout" }).click();
    await admin
      .getByRole("heading", {
        name: "You created or requested this payout, so you cannot be its second approver: another approver must approve it.",
      })
      .waitFor();
    await j.screen(admin, "self-approval-refused");
    expect(await db().payoutApproval.count({ where: { payoutId } })).toBe(0);
    expect((await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status).toBe("ready");
  }, 180_000);
});
