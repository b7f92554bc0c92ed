// The browser side (issue 16, item 7): LCP, CLS and INP of Home, Creators, the deal page, Payouts
// and Reports in headless Chromium against the demo (`npm run demo`'s launcher, the built app), and
// the JavaScript each route loads. Each route is opened RUNS times in a fresh browser context
// (empty cache, as a first visit), after one unmeasured visit that warms the server; LCP and CLS
// are read once the page has loaded and gone quiet, then one interaction (a click on a table row
// or a form submit) gives INP. Figures are the 75th percentile over the runs (nearest rank), as
// Built for Shopify reads them. No CPU or network throttling: a localhost page on this machine.
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { findChromium, launchBrowser } from "../tests/support/chromium";
import { startDemo } from "../tests/support/demo-process";
import { record } from "./summary";
import { onCleanup } from "./support/cleanup";
import { log, seconds } from "./support/console";
import { intFrom, type BenchOptions } from "./support/options";
import { installVitalsObserver, type PageVitals } from "./support/vitals-observer";

interface Route {
  name: string;
  path: (ids: { creatorId: string }) => string;
  /** Visible once the page has rendered. */
  ready: (page: Page) => Promise<void>;
  interaction: string;
  interact: (page: Page) => Promise<void>;
}

const heading = (name: string) => (page: Page) => page.getByRole("heading", { name, level: 1 }).waitFor();
/** A click on a row's cell (not its link or checkbox): Polaris IndexTable opens the row's primary link. */
const clickFirstRow = (page: Page) => page.locator("tbody tr").first().locator("td").nth(2).click();

const ROUTES: Route[] = [
  {
    name: "Home",
    path: () => "/app",
    ready: heading("Home"),
    interaction: "click an alert's Review",
    interact: (page) => page.getByRole("link", { name: "Review" }).first().click(),
  },
  {
    name: "Creators",
    path: () => "/app/creators",
    ready: heading("Creators"),
    interaction: "click a table row",
    interact: clickFirstRow,
  },
  {
    name: "deal page",
    path: ({ creatorId }) => `/app/creators/${creatorId}`,
    ready: (page) => page.getByRole("button", { name: "Post adjustment" }).waitFor(),
    interaction: "submit the adjustment form",
    interact: async (page) => {
      const form = page.locator("form", { has: page.getByRole("button", { name: "Post adjustment" }) });
      await form.getByLabel("Amount").fill("1.00");
      await form.getByLabel("Reason").fill("Benchmark interaction");
      await form.getByRole("button", { name: "Post adjustment" }).click();
    },
  },
  {
    name: "Payouts",
    path: () => "/app/payouts",
    ready: heading("Payouts"),
    interaction: "click a table row",
    interact: clickFirstRow,
  },
  {
    name: "Reports",
    path: () => "/app/reports",
    ready: heading("Reports"),
    interaction: "submit the period form",
    interact: async (page) => {
      await page.getByLabel("Period", { exact: true }).selectOption("last_90_days");
      await page.getByRole("button", { name: "Show report" }).click();
    },
  },
];

interface RouteRun extends PageVitals {
  /** Time to the document's first byte: the server's share of LCP. */
  ttfbMs: number;
  /** CLS once the page has loaded (before the interaction). */
  clsAtLoad: number;
  jsBytes: number;
  jsGzipBytes: number;
  jsFiles: number;
}

const OBSERVER_SCRIPT = `var __name = (fn) => fn; (${installVitalsObserver.toString()})();`;
const readVitals = (page: Page) => page.evaluate(() => ({ ...window.__vitals }));

async function measureRoute(browser: Browser, url: string, route: Route): Promise<RouteRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: OBSERVER_SCRIPT });
    // The JavaScript the route loads (files fetched as scripts until the page is quiet).
    const scripts: Promise<Buffer | null>[] = [];
    let collecting = true;
    page.on("response", (response) => {
      if (collecting && response.request().resourceType() === "script") scripts.push(response.body().catch(() => null));
    });
    await page.goto(url, { waitUntil: "load" });
    await route.ready(page);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500); // LCP and layout-shift entries are delivered asynchronously
    collecting = false;
    const atLoad = await readVitals(page);
    const ttfbMs = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).responseStart);
    await route.interact(page);
    // Event timing entries arrive after the interaction's next paint.
    const until = Date.now() + 5_000;
    let after = await readVitals(page);
    while (after.inpMs === null && Date.now() < until) {
      await page.waitForTimeout(100);
      after = await readVitals(page);
    }
    await page.waitForTimeout(300);
    after = await readVitals(page);
    const bodies = (await Promise.all(scripts)).filter((body): body is Buffer => body !== null);
    return {
      lcpMs: atLoad.lcpMs,
      ttfbMs,
      clsAtLoad: atLoad.cls,
      cls: after.cls,
      inpMs: after.inpMs,
      interactions: after.interactions,
      jsBytes: bodies.reduce((sum, body) => sum + body.length, 0),
      jsGzipBytes: bodies.reduce((sum, body) => sum + gzipSync(body).length, 0),
      jsFiles: bodies.length,
    };
  } finally {
    await context.close();
  }
}

/** Nearest-rank percentile; NaN when nothing was measured. */
export function percentile(values: readonly (number | null)[], p: number): number {
  const sorted = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

async function demoCreatorId(browser: Browser, url: string): Promise<string> {
  const page = await browser.newPage();
  try {
    await page.goto(`${url}/app/creators`);
    const href = await page.getByRole("link", { name: "Ava Chen" }).first().getAttribute("href");
    const id = href?.match(/\/app\/creators\/([^/?#]+)/)?.[1];
    if (!id) throw new Error(`no link to Ava Chen's deal page on the demo's Creators index (href ${href})`);
    return id;
  } finally {
    await page.close();
  }
}

export async function run(_options: BenchOptions): Promise<void> {
  const runs = Math.max(1, intFrom("vitals-runs", 5));
  if (!findChromium()) {
    // `npm run bench` runs every benchmark: without a browser the summary shows these as not measured.
    log("SKIPPED: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)");
    for (const route of ROUTES) {
      record({ name: `${route.name} LCP p75`, value: NaN, unit: "ms", goal: "vitals.lcp" });
      record({ name: `${route.name} CLS p75`, value: NaN, unit: "", goal: "vitals.cls" });
      record({ name: `${route.name} INP p75 (${route.interaction})`, value: NaN, unit: "ms", goal: "vitals.inp" });
    }
    return;
  }
  let t = performance.now();
  const [demo, browser] = await Promise.all([startDemo(), launchBrowser()]);
  onCleanup("stop the demo", () => demo.stop().then(() => undefined));
  onCleanup("close Chromium", () => browser.close());
  log(
    `demo (built app, NODE_ENV=development as demo mode requires) at ${demo.url} and Chromium ${browser.version()} in ${seconds(performance.now() - t)}`,
  );
  const ids = { creatorId: await demoCreatorId(browser, demo.url) };

  const rows: string[][] = [["route", "interaction", "TTFB p75", "LCP p75", "CLS p75", "INP p75", "INP max", "JS (files)", "JS gzip"]];
  for (const route of ROUTES) {
    const url = `${demo.url}${route.path(ids)}`;
    t = performance.now();
    await measureRoute(browser, url, route); // warm-up: server caches, the demo's first render
    const measured: RouteRun[] = [];
    for (let i = 0; i < runs; i++) measured.push(await measureRoute(browser, url, route));
    const lcp = percentile(
      measured.map((r) => r.lcpMs),
      0.75,
    );
    const cls = percentile(
      measured.map((r) => r.cls),
      0.75,
    );
    const inp = percentile(
      measured.map((r) => r.inpMs),
      0.75,
    );
    const inpMax = percentile(
      measured.map((r) => r.inpMs),
      1,
    );
    const ttfb = percentile(
      measured.map((r) => r.ttfbMs),
      0.75,
    );
    const js = measured[0];
    const missedInteractions = measured.filter((r) => r.inpMs === null).length;
    log(
      `${route.name}: ${runs} runs in ${seconds(performance.now() - t)}; LCP ${measured.map((r) => r.lcpMs?.toFixed(0) ?? "–").join(" ")} ms; ` +
        `INP ${measured.map((r) => r.inpMs?.toFixed(0) ?? "–").join(" ")} ms${missedInteractions ? ` (${missedInteractions} runs without an interaction entry)` : ""}`,
    );
    rows.push([
      route.name,
      route.interaction,
      `${ttfb.toFixed(0)} ms`,
      `${lcp.toFixed(0)} ms`,
      cls.toFixed(3),
      Number.isFinite(inp) ? `${inp.toFixed(0)} ms` : "–",
      Number.isFinite(inpMax) ? `${inpMax.toFixed(0)} ms` : "–",
      `${(js.jsBytes / 1024).toFixed(1)} KiB (${js.jsFiles})`,
      `${(js.jsGzipBytes / 1024).toFixed(1)} KiB`,
    ]);
    record({ name: `${route.name} TTFB p75 (server's share of LCP)`, value: ttfb, unit: "ms" });
    record({ name: `${route.name} LCP p75`, value: lcp, unit: "ms", goal: "vitals.lcp" });
    record({ name: `${route.name} CLS p75`, value: cls, unit: "", goal: "vitals.cls" });
    record({ name: `${route.name} INP p75 (${route.interaction})`, value: inp, unit: "ms", goal: "vitals.inp" });
    record({ name: `${route.name} JS loaded`, value: js.jsBytes, unit: "B", note: `${js.jsFiles} files` });
    record({ name: `${route.name} JS loaded, gzip`, value: js.jsGzipBytes, unit: "B" });
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(`\nBrowser side — demo shop, headless Chromium, 1280×800, no throttling, ${runs} cold-cache runs per route (p75)\n`);
  console.log(rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`).join("\n"));
}
