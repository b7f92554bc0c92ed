// Reports in a browser on the demo shop (`npm run demo`): the screen, a period change, the CSV
// export of what is on screen, and axe.
import { readFile } from "node:fs/promises";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startDemo, type DemoProcess } from "../support/demo-process";
import { seriousAxeViolations } from "../support/axe";

describeInBrowser("reports in a browser", () => {
  let demo: DemoProcess;
  let browser: Browser;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("opens Reports, changes the period, exports the table as CSV, with no serious axe violations", async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(`${demo.url}/app`);
    await page.getByRole("link", { name: "Reports" }).first().click();
    await page.waitForURL(/\/app\/reports/);
    await page.getByRole("heading", { name: "Reports", level: 1 }).waitFor();

    await page.getByLabel("Period", { exact: true }).selectOption("last_90_days");
    await page.getByRole("button", { name: "Show report" }).click();
    await page.waitForURL(/period=last_90_days/);
    // The URL changes as the navigation commits; the page shows the new period once it has rendered.
    await page.getByText(/Last 90 days: \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/).waitFor();
    const table = page.getByRole("region", { name: "Report by creator" });
    await table.getByRole("link", { name: "Ava Chen" }).waitFor();
    const text = await page.locator("main").innerText();
    for (const label of ["Revenue", "Creator cost", "ROI", "CPA", "Clicks", "Conversion"]) expect(text).toContain(label);
    expect(text).toContain("Ava Chen");
    expect(text).toMatch(/\d+\.\d %/);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
    expect(download.suggestedFilename()).toMatch(/^report-by-creator-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = (await readFile((await download.path())!, "utf8")).replace(/^\uFEFF/, "");
    const lines = csv.trim().split("\r\n");
    expect(lines[0]).toMatch(/^Creator,Id,Orders,Revenue \(USD\),/);
    expect(lines.at(-1)).toMatch(/^Total,,\d+,/);
    expect(csv).toContain("Ava Chen");
    // Every creator on screen is in the CSV, in the same order.
    const names = await table.locator("tbody tr > :first-child").allInnerTexts();
    expect(names.length).toBeGreaterThan(1);
    const csvNames = lines.slice(1, -1).map((line) => line.split(",")[0].replace(/^"|"$/g, ""));
    expect(csvNames.slice(0, names.length)).toEqual(names.map((name) => name.trim()));

    // The charts' library arrives by a lazy import after hydration: axe checks the page with them drawn.
    await page.locator('div[aria-hidden="true"] svg').first().waitFor();
    await page.getByText("Chart data as a table").first().click();
    expect(await seriousAxeViolations(page)).toEqual([]);

    // Sorting: the sorted column says so (aria-sort), and its heading's button sorts the other way.
    expect(await table.locator('th[aria-sort="descending"]').innerText()).toContain("Revenue");
    await table.getByRole("button", { name: "sort ascending by Revenue" }).click();
    await page.waitForURL(/sort=revenue&direction=asc/);
    await table.locator('th[aria-sort="ascending"]', { hasText: "Revenue" }).waitFor();
    await page.close();
  }, 120_000);
});
