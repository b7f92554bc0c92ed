// Importing creators in the demo, in a browser: Creators → Import, choose a file, preview, import,
// and watch the progress reach "Imported".
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startDemo, type DemoProcess } from "../support/demo-process";

const CSV = [
  "name,email,referral_code,discount_codes,commission_rate,payout_method,opening_balance_usd",
  "Zoe Import,zoe.import@example.com,ZOEIMPORT,ZOE15,12.5,paypal,40.00",
].join("\n");

describeInBrowser("importing creators in the demo", () => {
  let demo: DemoProcess;
  let browser: Browser;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("previews a file, imports it in the background and shows it done", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${demo.url}/app/creators`);
    await page
      .getByRole("link", { name: "Import" })
      .or(page.getByRole("button", { name: "Import" }))
      .first()
      .click();
    await page.waitForURL(/\/app\/creators\/import/);
    await page.getByRole("heading", { name: "Import creators" }).waitFor();
    await page.locator("#creator-import-file").setInputFiles({ name: "creators.csv", mimeType: "text/csv", buffer: Buffer.from(CSV) });
    await page.getByRole("button", { name: "Preview" }).click();
    await page.getByText("The file is ready to import").waitFor();
    expect(await page.locator("main").innerText()).toContain("New creators: 1");
    await page.getByRole("button", { name: "Import", exact: true }).click();
    await page.waitForURL(/import=imp_/);
    await page.getByText("Imported", { exact: true }).waitFor({ timeout: 30_000 });
    expect(await page.locator("main").innerText()).toContain("100% · 1 of 1 rows.");
    await page.close();
  });
});
