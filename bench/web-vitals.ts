// The browser side (issue 16, item 7): LCP, CLS and INP of Home, Creators, the deal page, Payouts
// and Reports in headless Chromium against the demo (`npm run demo`'s launcher, the built app), and
// the JavaScript each route loads. Each route is opened RUNS times in a fresh browser context
// (empty cache, as a first visit), after one unmeasured visit that warms the server; LCP and CLS
// are read once the page has loaded and gone quiet, then one interaction (a click on a table row
// or a form submit) gives INP. Figures are the 75th percentile over the runs (nearest rank), as
// Built for Shopify reads them. No CPU or network throttling: a localhost page on this machine.
// Each route also prints where its time went, from the run the p75 figure comes from: the LCP's
// phases (TTFB, render-blocking files, DOMContentLoaded, FCP) and element, the interaction's input
// delay / processing / presentation, and the long animation frames with their scripts.
import { gzipSync } from "node:zlib";
import type { Browser, Page } from "playwright-core";
import { findChromium, launchBrowser } from "../tests/support/chromium";
import { startDemo } from "../tests/support/demo-process";
import { formatGoal, record } from "./summary";
import { onCleanup } from "./support/cleanup";
import { log, seconds } from "./support/console";
import { intFrom, type BenchOptions } from "./support/options";
import { installVitalsObserver, type LongFrame, type PageVitals } from "./support/vitals-observer";

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

interface LoadPhases {
  /** The document's first byte: the server's share. */
  ttfbMs: number;
  /** The last render-blocking stylesheet or script received (Chromium's renderBlockingStatus). */
  blockingDoneMs: number;
  /** The render-blocking resources (file and size), for the log. */
  blocking: string[];
  domContentLoadedMs: number;
  fcpMs: number;
}

interface RouteRun extends PageVitals, LoadPhases {
  /** CLS once the page has loaded (before the interaction). */
  clsAtLoad: number;
  /** Every script fetched until the page was quiet (lazy imports after hydration too). */
  jsBytes: number;
  jsGzipBytes: number;
  jsFiles: number;
  /** The scripts the server-rendered page asks for (Remix's modulepreloads): all of it must arrive before hydration. */
  hydrateJsGzipBytes: number;
  hydrateJsFiles: number;
  /** Long animation frames from navigation to the page going quiet (hydration's share of the main thread). */
  loadLongFrames: LongFrame[];
  /** Long animation frames during the interaction. */
  interactionFrames: LongFrame[];
  /** Where the interaction's main-thread time went, by chunk and function (--vitals-profile). */
  profile: string[];
}

const OBSERVER_SCRIPT = `var __name = (fn) => fn; (${installVitalsObserver.toString()})();`;
const readVitals = (page: Page) => page.evaluate(() => ({ ...window.__vitals }));

const readLoadPhases = (page: Page): Promise<LoadPhases> =>
  page.evaluate(() => {
    const navigation = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    const blocking = (performance.getEntriesByType("resource") as (PerformanceResourceTiming & { renderBlockingStatus?: string })[]).filter(
      (r) => r.renderBlockingStatus === "blocking",
    );
    return {
      ttfbMs: navigation.responseStart,
      blockingDoneMs: Math.max(navigation.responseStart, ...blocking.map((r) => r.responseEnd)),
      blocking: blocking.map((r) => `${r.name.replace(/^.*\//, "")} ${(r.decodedBodySize / 1024).toFixed(0)} KiB`),
      domContentLoadedMs: navigation.domContentLoadedEventEnd,
      fcpMs: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN,
    };
  });

/**
 * The scripts the server-rendered HTML loads before hydrating: Remix's modulepreload links and
 * script tags, read from the document as served (Remix's <Scripts> removes them once hydrated).
 */
export function hydrationScriptUrls(html: string, documentUrl: string): string[] {
  const tags = html.match(/<link\b[^>]*\brel="modulepreload"[^>]*>|<script\b[^>]*\bsrc="[^"]*"[^>]*>/g) ?? [];
  return tags.flatMap((tag) => {
    const href = tag.match(/\b(?:href|src)="([^"]*)"/)?.[1];
    return href ? [new URL(href.replace(/&amp;/g, "&"), documentUrl).href] : [];
  });
}

const overlaps = (frame: LongFrame, from: number, to: number) => frame.startMs < to && frame.startMs + frame.durationMs > from;

/**
 * A CPU profile's self time by chunk (file), then the top functions (minified name, file:line:col).
 * "(program)" is the browser's own work outside scripts (style, layout, paint); idle time is left out.
 */
export function profileSelfTime(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, top = 6): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const frame = byId.get(samples[i])?.callFrame;
    if (!frame || frame.functionName === "(idle)") continue;
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const file = frame.url.replace(/^.*\//, "") || frame.functionName || "(native)";
    add(byFile, file, ms);
    if (frame.url) add(byFunction, `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}:${frame.columnNumber + 1}`, ms);
  }
  const largest = (map: Map<string, number>) =>
    [...map.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, top)
      .map(([key, ms]) => `${key} ${ms.toFixed(1)} ms`)
      .join(", ");
  const total = [...byFile.values()].reduce((sum, ms) => sum + ms, 0);
  return [`busy ${total.toFixed(0)} ms by file: ${largest(byFile)}`, `by function: ${largest(byFunction)}`];
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
}

async function measureRoute(browser: Browser, url: string, route: Route, options: { profile: boolean }): Promise<RouteRun> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript({ content: OBSERVER_SCRIPT });
    // The JavaScript the route loads (files fetched as scripts until the page is quiet).
    const scripts: Promise<{ url: string; body: Buffer } | null>[] = [];
    let collecting = true;
    page.on("response", (response) => {
      if (collecting && response.request().resourceType() === "script")
        scripts.push(
          response.body().then(
            (body) => ({ url: response.url(), body }),
            () => null,
          ),
        );
    });
    const served = await page.goto(url, { waitUntil: "load" });
    const hydrationUrls = new Set(hydrationScriptUrls((await served?.text()) ?? "", url));
    await route.ready(page);
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(500); // LCP and layout-shift entries are delivered asynchronously
    collecting = false;
    const atLoad = await readVitals(page);
    const phases = await readLoadPhases(page);
    const cdp = options.profile ? await context.newCDPSession(page) : null;
    if (cdp) {
      await cdp.send("Profiler.enable");
      await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
      await cdp.send("Profiler.start");
    }
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
    let profile: string[] = [];
    if (cdp) {
      const { profile: cpuProfile } = (await cdp.send("Profiler.stop")) as {
        profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] };
      };
      profile = profileSelfTime(cpuProfile);
      await cdp.detach();
    }
    const bodies = (await Promise.all(scripts)).filter((script): script is { url: string; body: Buffer } => script !== null);
    const gzipBytes = (list: { body: Buffer }[]) => list.reduce((sum, script) => sum + gzipSync(script.body).length, 0);
    const forHydration = bodies.filter((script) => hydrationUrls.has(script.url));
    const interactionStart = after.inp?.startMs ?? Infinity;
    const interactionEnd = interactionStart + (after.inpMs ?? 0);
    return {
      ...phases,
      lcpMs: atLoad.lcpMs,
      lcp: atLoad.lcp,
      clsAtLoad: atLoad.cls,
      cls: after.cls,
      inpMs: after.inpMs,
      inp: after.inp,
      interactions: after.interactions,
      longFrames: after.longFrames,
      loadLongFrames: atLoad.longFrames,
      interactionFrames: after.longFrames.filter((frame) => overlaps(frame, interactionStart, interactionEnd)),
      jsBytes: bodies.reduce((sum, script) => sum + script.body.length, 0),
      jsGzipBytes: gzipBytes(bodies),
      jsFiles: bodies.length,
      hydrateJsGzipBytes: gzipBytes(forHydration),
      hydrateJsFiles: forHydration.length,
      profile,
    };
  } finally {
    await context.close();
  }
}

const ms = (value: number | null | undefined) =>
  value === null || value === undefined || !Number.isFinite(value) ? "–" : `${value.toFixed(0)} ms`;

function frameText(frame: LongFrame): string {
  const scripts = [...frame.scripts]
    .sort((a, b) => b.durationMs - a.durationMs)
    .slice(0, 3)
    .map(
      (s) =>
        `${s.invoker} → ${s.source} ${ms(s.durationMs)}${s.forcedStyleAndLayoutMs >= 1 ? ` (forced layout ${ms(s.forcedStyleAndLayoutMs)})` : ""}`,
    );
  return `${ms(frame.durationMs)} frame at ${ms(frame.startMs)}: work ${ms(frame.workMs)}, render ${ms(frame.renderMs)}${scripts.length ? `; ${scripts.join("; ")}` : ""}`;
}

/** Where the LCP's time went: its phases, its element, the render-blocking files, the long frames before it. */
function lcpAttribution(run: RouteRun): string[] {
  const before = run.loadLongFrames.filter((f) => run.lcpMs !== null && f.startMs < run.lcpMs);
  return [
    `LCP ${ms(run.lcpMs)}: TTFB ${ms(run.ttfbMs)} → render-blocking received ${ms(run.blockingDoneMs)} → DOMContentLoaded ${ms(run.domContentLoadedMs)} → ` +
      `FCP ${ms(run.fcpMs)} → LCP; element ${run.lcp?.element ?? "–"}${run.lcp?.url ? ` (${run.lcp.url})` : ""}`,
    `  render-blocking: ${run.blocking.join(", ") || "none"}`,
    ...before.map((frame) => `  before LCP: ${frameText(frame)}`),
  ];
}

/** Where the worst interaction's time went: its phases, the long frames during it, the CPU profile. */
function inpAttribution(run: RouteRun): string[] {
  if (!run.inp) return ["INP: no interaction entry"];
  return [
    `INP ${ms(run.inpMs)} (${run.inp.events} on ${run.inp.target}): input delay ${ms(run.inp.inputDelayMs)} + processing ${ms(run.inp.processingMs)} + ` +
      `presentation ${ms(run.inp.presentationMs)}`,
    ...run.interactionFrames.map((frame) => `  during: ${frameText(frame)}`),
    ...run.profile.map((line) => `  CPU profile, click to 300 ms after its paint (action and revalidation included), ${line}`),
  ];
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
  // --vitals-profile=1: a CPU profile of each interaction (self time by file and function); the
  // sampling costs a little, so a profiled run's INP is slightly pessimistic.
  const profile = intFrom("vitals-profile", 0) > 0;
  if (!findChromium()) {
    // `npm run bench` runs every benchmark: without a browser the summary shows these as not measured.
    log("SKIPPED: no Chromium found (apt-get install chromium, or set CHROMIUM_PATH)");
    for (const route of ROUTES) {
      record({ name: `${route.name} LCP p75`, value: NaN, unit: "ms", goal: "vitals.lcp" });
      record({ name: `${route.name} CLS p75`, value: NaN, unit: "", goal: "vitals.cls" });
      record({ name: `${route.name} INP p75 (${route.interaction})`, value: NaN, unit: "ms", goal: "vitals.inp" });
      record({ name: `${route.name} JS to hydrate, gzip`, value: NaN, unit: "B", goal: "vitals.js" });
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

  const rows: string[][] = [
    [
      "route",
      "interaction",
      "TTFB p75",
      "LCP p75",
      "CLS p75",
      "INP p75",
      "INP max",
      "JS to hydrate, gzip (files)",
      "JS loaded (files)",
      "JS gzip",
    ],
  ];
  for (const route of ROUTES) {
    const url = `${demo.url}${route.path(ids)}`;
    t = performance.now();
    await measureRoute(browser, url, route, { profile: false }); // warm-up: server caches, the demo's first render
    const measured: RouteRun[] = [];
    for (let i = 0; i < runs; i++) measured.push(await measureRoute(browser, url, route, { profile }));
    const p75 = (pick: (run: RouteRun) => number | null) => percentile(measured.map(pick), 0.75);
    const lcp = p75((r) => r.lcpMs);
    const cls = p75((r) => r.cls);
    const inp = p75((r) => r.inpMs);
    const ttfb = p75((r) => r.ttfbMs);
    const inpMax = percentile(
      measured.map((r) => r.inpMs),
      1,
    );
    const js = measured[0];
    const missedInteractions = measured.filter((r) => r.inpMs === null).length;
    log(
      `${route.name}: ${runs} runs in ${seconds(performance.now() - t)}; LCP ${measured.map((r) => r.lcpMs?.toFixed(0) ?? "–").join(" ")} ms; ` +
        `INP ${measured.map((r) => r.inpMs?.toFixed(0) ?? "–").join(" ")} ms${missedInteractions ? ` (${missedInteractions} runs without an interaction entry)` : ""}`,
    );
    // Where the time went, in the run at the p75 of each figure (the run the table's figure comes from).
    const runAt = (value: number, pick: (run: RouteRun) => number | null) => measured.find((r) => pick(r) === value) ?? measured[0];
    const lcpRun = runAt(lcp, (r) => r.lcpMs);
    const inpRun = runAt(inp, (r) => r.inpMs);
    for (const line of [...lcpAttribution(lcpRun), ...inpAttribution(inpRun)]) log(`  ${line}`);
    rows.push([
      route.name,
      route.interaction,
      `${ttfb.toFixed(0)} ms`,
      `${lcp.toFixed(0)} ms`,
      cls.toFixed(3),
      Number.isFinite(inp) ? `${inp.toFixed(0)} ms` : "–",
      Number.isFinite(inpMax) ? `${inpMax.toFixed(0)} ms` : "–",
      `${(js.hydrateJsGzipBytes / 1024).toFixed(1)} KiB (${js.hydrateJsFiles})`,
      `${(js.jsBytes / 1024).toFixed(1)} KiB (${js.jsFiles})`,
      `${(js.jsGzipBytes / 1024).toFixed(1)} KiB`,
    ]);
    record({ name: `${route.name} TTFB p75 (server's share of LCP)`, value: ttfb, unit: "ms" });
    record({ name: `${route.name} LCP p75`, value: lcp, unit: "ms", goal: "vitals.lcp" });
    record({ name: `${route.name} CLS p75`, value: cls, unit: "", goal: "vitals.cls" });
    record({ name: `${route.name} INP p75 (${route.interaction})`, value: inp, unit: "ms", goal: "vitals.inp" });
    record({
      name: `${route.name} JS to hydrate, gzip`,
      value: js.hydrateJsGzipBytes,
      unit: "B",
      goal: "vitals.js",
      note: `${js.hydrateJsFiles} files`,
    });
    record({ name: `${route.name} JS loaded`, value: js.jsBytes, unit: "B", note: `${js.jsFiles} files` });
    record({ name: `${route.name} JS loaded, gzip`, value: js.jsGzipBytes, unit: "B" });
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  console.log(
    `\nBrowser side — demo shop, headless Chromium, 1280×800, no throttling, ${runs} cold-cache runs per route (p75); ` +
      `JS budget per route ${formatGoal("vitals.js")} gzip to hydrate\n`,
  );
  console.log(rows.map((row) => `  ${row.map((cell, i) => cell.padEnd(widths[i])).join("  ")}`).join("\n"));
}
