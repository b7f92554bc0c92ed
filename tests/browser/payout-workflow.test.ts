// The merchant's payout workflow in a real browser against the built app (demo mode): add a fixed
// fee gated by a deliverable, approve the deliverable, create a payout from the deal page, mark it paid
// offline, download its invoice, and generate a payout run with a preview. Every screen is
// checked with axe and saved as a screenshot under test-results/screenshots/.
import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startDemo, type DemoProcess } from "../support/demo-process";
import { seriousAxeViolations } from "../support/axe";

const SCREENSHOTS = "test-results/screenshots";

describeInBrowser("the payout workflow in a browser", () => {
  let demo: DemoProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  async function checkScreen(name: string) {
    await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: true });
    expect(await seriousAxeViolations(page, { label: name })).toEqual([]);
  }

  const banner = (text: string | RegExp) => page.getByText(text).first().waitFor();
  const payableOf = async () =>
    (
      await page
        .getByText(/^Payable \(USD\)$/)
        .locator("xpath=following-sibling::*[1]")
        .innerText()
    ).trim();

  it("adds a gated fixed fee, approves its deliverable, and pays the creator offline", async () => {
    await page.goto(`${demo.url}/app/creators?query=ava`);
    await page.getByText("Ava Chen").click();
    await page.waitForURL(/\/app\/creators\/cr_/);
    await checkScreen("deal-page");
    expect(await payableOf()).toBe("$521.95");

    const deal = page.locator(".Polaris-ShadowBevel", { hasText: "Spring launch collaboration" });
    await deal.getByLabel("Title", { exact: true }).fill("YouTube short");
    await deal.getByRole("button", { name: "Add deliverable" }).click();
    await banner("Deliverable added.");

    await deal.getByLabel("Amount", { exact: true }).fill("200.00");
    await deal.getByLabel("Comment", { exact: true }).fill("YouTube short, 60 s");
    await deal.getByLabel("Payable when").selectOption({ label: '"YouTube short" is approved' });
    await deal.getByRole("button", { name: "Add fixed fee" }).click();
    await banner("Fixed fee added: payable once the deliverable is approved.");
    expect(await payableOf()).toBe("$521.95");

    await deal.getByLabel("Content link").fill("https://youtube.com/shorts/abc123");
    await deal.getByRole("button", { name: "Record submission" }).click();
    await banner("Submission recorded.");
    await deal.getByRole("button", { name: "Approve" }).click();
    await banner("Deliverable approved: its fees are payable.");
    await expect.poll(payableOf).toBe("$721.95");
    await checkScreen("deal-page-after-approval");

    const payout = page.locator(".Polaris-ShadowBevel", { hasText: "Leave the amount blank to pay all of it." });
    // A refused action is answered 422 and still shows its sentence on the page.
    await payout.getByLabel("Amount").fill("99999.00");
    await payout.getByRole("button", { name: "Create and mark ready" }).click();
    await banner(/is more than the/);
    await payout.getByLabel("Amount").fill("150.00");
    await payout.getByLabel("Comment").fill("Part payment");
    await payout.getByRole("button", { name: "Create and mark ready" }).click();
    const created = page.getByText(/^Payout CP-\d{5} of \$150\.00 created: ready to pay\.$/).first();
    await created.waitFor();
    const invoiceLabel = /CP-\d{5}/.exec(await created.innerText())![0];
    // Ava's own withdrawal request ($500) stays open: this payout does not cover it, and $571.95 stays payable.
    await page.goto(`${demo.url}/app/payouts/requests`);
    await checkScreen("payout-requests");
    await page.goto(`${demo.url}/app/payouts?status=ready`);
    await page.getByText(invoiceLabel, { exact: true }).first().click();
    await page.waitForURL(/\/app\/payouts\/po_/);
    await expect.poll(() => page.locator("h1").innerText()).toMatch(/^CP-\d{5}$/);
    await checkScreen("payout-ready");

    await page.getByLabel("Reference or receipt number").fill("WIRE-9931");
    await page.getByRole("button", { name: "Mark paid" }).click();
    // A money action asks first, naming the payout.
    const confirm = page.getByRole("dialog");
    expect(await confirm.innerText()).toMatch(/Mark payout CP-\d{5} of \$150\.00 to Ava Chen as paid\?/);
    await confirm.getByRole("button", { name: "Mark paid" }).click();
    await banner("Payout marked paid.");
    await expect.poll(() => page.getByText("WIRE-9931").count()).toBeGreaterThan(0);
    await checkScreen("payout-paid");

    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download invoice" }).click();
    const invoice = await download;
    expect(invoice.suggestedFilename()).toMatch(/^CP-\d{5}\.pdf$/);
  }, 120_000);

  it("previews and generates a payout run, with progress", async () => {
    await page.goto(`${demo.url}/app/payouts`);
    await checkScreen("payouts");
    await page.getByRole("link", { name: "Generate payouts" }).first().click();
    await page.waitForURL(/\/app\/payouts\/runs\/new/);
    await page.getByLabel("From", { exact: true }).fill("2020-01-01");
    // Today in the demo shop's time zone: a run may end today, not later.
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(new Date());
    await page.getByLabel("To", { exact: true }).fill(today);
    await page.getByRole("button", { name: "Preview" }).click();
    await page.locator("table").getByText("Carla Mendes").first().waitFor();
    await checkScreen("payout-run-preview");
    await page.getByRole("button", { name: "Generate payouts" }).click();
    await page.waitForURL(/\/app\/payouts\/runs\/run_/);
    await page.getByText("Completed", { exact: false }).first().waitFor({ timeout: 20_000 });
    await checkScreen("payout-run");
  }, 120_000);
});
