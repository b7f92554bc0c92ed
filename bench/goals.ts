// Every goal the benchmarks are held to (issue 16), in one table. A benchmark reports a figure with
// `record({ …, goal: "<id>" })` (bench/summary.ts); several figures may share one goal (e.g. the
// LCP of each route). Change a goal here and nowhere else.
export type Unit = "ms" | "s" | "×" | "MB" | "KiB" | "B" | "/s" | "%" | "";

export interface Goal {
  label: string;
  /** "max": the figure must be ≤ limit; "min": ≥ limit. */
  kind: "max" | "min";
  limit: number;
  unit: Unit;
}

export const GOALS = {
  // 1. Order processing (webhook-ingestion, its drain phase).
  "drain.app-cpu-per-order": { label: "app CPU per order worked", kind: "max", limit: 2, unit: "ms" },
  "drain.postgres-cpu-per-order": { label: "PostgreSQL CPU per order worked", kind: "max", limit: 1.5, unit: "ms" },
  "drain.wal-per-delivery": { label: "WAL per delivery", kind: "max", limit: 6, unit: "KiB" },
  "drain.rate-over-arrival": { label: "drain rate / arrival rate", kind: "min", limit: 1, unit: "×" },
  // 2. Ingestion at C=50.
  "ingestion.ratio": { label: "app / bare baseline deliveries per second", kind: "min", limit: 0.5, unit: "×" },
  "ingestion.p99": { label: "ingestion p99 at C=50", kind: "max", limit: 50, unit: "ms" },
  // 3. Reports (1M orders, 90 days by creator, C=1).
  "reports.p95": { label: "Reports p95", kind: "max", limit: 150, unit: "ms" },
  "reports.csv": { label: "10,000-row CSV", kind: "max", limit: 1000, unit: "ms" },
  // 4. Portal on the 10,000-creator shop.
  "portal.p95": { label: "portal p95 at concurrency 10", kind: "max", limit: 50, unit: "ms" },
  // 5. Admin pages at concurrency 4 with 1M commissions (Home, Creators, deal page, Payouts, payout page).
  "admin.p95": { label: "admin page p95 at concurrency 4", kind: "max", limit: 100, unit: "ms" },
  // 6. Payout run: 10,000 creators / 1,000,000 items.
  "payout-run.seconds": { label: "payout run", kind: "max", limit: 20, unit: "s" },
  "payout-run.ratio": { label: "payout run / hand-written SQL", kind: "max", limit: 1.2, unit: "×" },
  "payout-run.rss": { label: "payout run peak RSS", kind: "max", limit: 300, unit: "MB" },
  // 7. Browser side (headless Chromium against the demo; Built for Shopify asks 2.5 s, 0.1, 200 ms at p75).
  "vitals.lcp": { label: "Largest Contentful Paint", kind: "max", limit: 1000, unit: "ms" },
  "vitals.cls": { label: "Cumulative Layout Shift", kind: "max", limit: 0.05, unit: "" },
  "vitals.inp": { label: "Interaction to Next Paint", kind: "max", limit: 100, unit: "ms" },
  // The JavaScript a route's server-rendered page loads before it hydrates (Remix's modulepreloads,
  // gzip): React, Remix and Polaris are ≈ 140 KiB of it on every route; a route's own code and
  // libraries get the rest. Lazy imports after hydration (Reports' charts) are outside it.
  "vitals.js": { label: "JavaScript to hydrate a route (gzip)", kind: "max", limit: 200 * 1024, unit: "B" },
} as const satisfies Record<string, Goal>;

export type GoalId = keyof typeof GOALS;
