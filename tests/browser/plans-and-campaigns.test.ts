// The plan editor and a deal created in a campaign, in a browser on the demo shop (outside
// Shopify, so overrides are entered by id instead of App Bridge's resource picker), with axe on
// every screen.
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeInBrowser, launchBrowser } from "../support/browser";
import { startDemo, type DemoProcess } from "../support/demo-process";
import { seriousAxeViolations } from "../support/axe";

async function expectNoSeriousAxeViolations(page: Page) {
  expect(await seriousAxeViolations(page)).toEqual([]);
}

describeInBrowser("plans and campaigns in a browser", () => {
  let demo: DemoProcess;
  let browser: Browser;

  beforeAll(async () => {
    [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("creates a plan with an override, then a deal in a campaign with that plan", async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${demo.url}/app`);
    await page.getByRole("link", { name: "Plans" }).first().click();
    await page.waitForURL(/\/app\/plans$/);
    await page.getByRole("heading", { name: "Commission plans", level: 1 }).waitFor();
    await expectNoSeriousAxeViolations(page);

    await page.getByRole("link", { name: "Create plan" }).first().click();
    await page.waitForURL(/\/app\/plans\/new$/);
    await page.getByRole("heading", { name: "New commission plan", level: 1 }).waitFor();
    await page.getByLabel("Name").fill("Summer 12.5 %");
    await page.getByLabel("Rate", { exact: true }).fill("12.5");
    await page.getByLabel("Product id").fill("gid://shopify/Product/7002");
    await page.getByRole("button", { name: "Add override" }).click();
    await page.getByLabel("Rate for Product 7002").fill("20");
    await page.getByLabel("New customers only").check({ force: true });
    await page.getByLabel("Shipping").uncheck({ force: true });
    await expectNoSeriousAxeViolations(page);

    // A bad rate is refused with the field's sentence; the typed values stay.
    await page.getByLabel("Rate", { exact: true }).fill("120");
    await page.getByRole("button", { name: "Save plan" }).click();
    await page.getByText("Enter a percentage between 0 and 100 with at most two decimals").first().waitFor();
    await page.getByLabel("Rate", { exact: true }).fill("12.5");
    await page.getByRole("button", { name: "Save plan" }).click();
    await page.waitForURL(/\/app\/plans\?saved=/);
    await page.getByText("Plan “Summer 12.5 %” saved").waitFor();
    const list = await page.locator("main").innerText();
    expect(list).toContain("12.5 % of the eligible amount, new customers only");

    await page.getByRole("link", { name: "Summer 12.5 %" }).click();
    await page.waitForURL(/\/app\/plans\/pl_/);
    expect(await page.getByLabel("Rate for Product 7002").inputValue()).toBe("20");
    expect(await page.getByLabel("Shipping").isChecked()).toBe(false);

    await page.getByRole("link", { name: "Creators" }).first().click();
    await page.waitForURL(/\/app\/creators/);
    await page.getByText("Ava Chen").first().click();
    await page.waitForURL(/\/app\/creators\/cr_/);
    const newDeal = page.getByRole("group", { name: "New deal" });
    await newDeal.getByLabel("Deal title").fill("Summer reels");
    await newDeal.getByLabel("Campaign").selectOption({ label: "Spring launch" });
    await newDeal.getByLabel("Commission plan").selectOption({ label: "Summer 12.5 %" });
    await newDeal.getByRole("button", { name: "Create deal" }).click();
    await page.getByText("Deal created.").waitFor();
    await page.getByRole("heading", { name: "Summer reels" }).waitFor();
    const text = await page.locator("main").innerText();
    expect(text).toContain("Campaign: Spring launch");
    // The newest deal with a plan of its own decides what the creator's orders earn.
    expect(text).toContain("Orders earn by Summer 12.5 % (12.5 % of the eligible amount): this deal's plan.");
    await expectNoSeriousAxeViolations(page);
    await page.close();
  }, 120_000);
});
