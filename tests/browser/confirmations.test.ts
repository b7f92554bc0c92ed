// Confirmations in a real browser (demo mode): canceling a payout opens a Polaris modal that
// names the payout, and dismissing it changes nothing; a completed payout run offers no
// "Cancel run"; a failed Stripe payout reads its reason as a sentence and offers its three ways out.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startDemo, type DemoProcess } from "../support/demo-process";
import { seriousAxeViolations } from "../support/axe";

describeInBrowser("confirmations and feedback in a browser", () => {
  let demo: DemoProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function expectNoSeriousAxeViolations() {
    expect(await seriousAxeViolations(page)).toEqual([]);
  }

  /** Opens the first payout of a status tab; returns its invoice label. */
  async function openPayout(status: string, creator: string): Promise<string> {
    await page.goto(`${demo.url}/app/payouts?status=${status}`);
    await page.getByText(creator).first().click();
    await page.waitForURL(/\/app\/payouts\/po_/);
    await expect.poll(() => page.locator("h1").innerText()).toMatch(/^CP-\d{5}$/);
    return (await page.locator("h1").innerText()).trim();
  }

  it("cancel payout asks in a modal naming the payout, and going back changes nothing", async () => {
    const label = await openPayout("ready", "Ben Okafor");
    const amount = (
      await page
        .getByText(/^Ben Okafor · /)
        .first()
        .innerText()
    )
      .replace("Ben Okafor · ", "")
      .trim();
    await page.getByRole("button", { name: "Cancel payout" }).click();

    const dialog = page.getByRole("dialog");
    await dialog.waitFor();
    const text = await dialog.innerText();
    expect(text).toContain(`Cancel payout ${label} of ${amount} to Ben Okafor?`);
    expect(text).toContain("Its items return to payable");
    await expectNoSeriousAxeViolations();

    await dialog.getByRole("button", { name: "Go back" }).click();
    await dialog.waitFor({ state: "detached" });
    await page.reload();
    await expect.poll(() => page.getByText("Ready", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText("Canceled", { exact: true }).count()).toBe(0);
  }, 60_000);

  it("a failed Stripe payout explains itself in a sentence and offers retry, pay offline instead and cancel", async () => {
    await openPayout("failed", "Ava");
    const main = await page.locator("main").innerText();
    expect(main).toContain("This payout failed");
    expect(main).toContain("Your Stripe balance does not have enough available funds in USD");
    expect(main).not.toContain("balance_insufficient");
    for (const name of ["Retry with Stripe", "Pay offline instead", "Cancel payout"]) {
      expect(await page.getByRole("button", { name }).count()).toBe(1);
    }
    await page.getByRole("button", { name: "Pay offline instead" }).click();
    await page.getByRole("heading", { name: "Pay offline instead" }).waitFor();
    await expectNoSeriousAxeViolations();
  }, 60_000);

  it("a completed payout run offers no Cancel run", async () => {
    // The demo's completed run of yesterday, whose payouts (Ben's, Hugo's) are still ready.
    await page.goto(`${demo.url}/app/payouts/runs/new`);
    await page.locator('a[href^="/app/payouts/runs/run_"]').first().click();
    await page.waitForURL(/\/app\/payouts\/runs\/run_/);
    await page.getByText("Completed", { exact: true }).first().waitFor({ timeout: 20_000 });
    // It has payouts that are still ready, and still no Cancel run.
    await expect.poll(() => page.getByText("Ready", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("button", { name: "Cancel run" }).count()).toBe(0);
  }, 60_000);

  it("Settings shows the contextual save bar while a change is unsaved; saving toasts", async () => {
    await page.goto(`${demo.url}/app/settings`);
    const hold = page.getByLabel("Hold period");
    const before = await hold.inputValue();
    expect(await page.getByText("Unsaved changes").count()).toBe(0);
    await hold.fill(String(Number(before) + 1));
    await page.getByText("Unsaved changes").waitFor();
    await page.getByRole("button", { name: "Discard" }).click();
    await expect.poll(() => page.getByText("Unsaved changes").count()).toBe(0);
    expect(await page.getByLabel("Hold period").inputValue()).toBe(before);

    await page.getByLabel("Hold period").fill(String(Number(before) + 1));
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await page.getByRole("status").getByText("Settings saved.").waitFor();
    await expect.poll(() => page.getByText("Unsaved changes").count()).toBe(0);
    await expectNoSeriousAxeViolations();
  }, 60_000);

  it("Save creator says in a toast that the invitation was sent", async () => {
    await page.goto(`${demo.url}/app/creators/new`);
    await page.getByLabel("Name", { exact: true }).fill("Zoe Park");
    await page.getByLabel("Email", { exact: true }).fill("zoe@example.com");
    await page.getByLabel("Referral code").fill("ZOE10");
    await page.getByRole("button", { name: "Save creator" }).click();
    await page.waitForURL(/\/app\/creators\/cr_[^?]+$/);
    await page.getByRole("status").getByText("Creator saved. The invitation email was sent.").waitFor();
  }, 60_000);
});
