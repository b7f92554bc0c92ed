// `npm run bench [-- [names…] [--n=5000] [--c=50] [--warmup=300] [--durable]]`
// Runs the named benchmarks (all of them by default), one after another. A benchmark is a module
// exporting `run(options)`; add it to BENCHMARKS below.
import { cleanupAll, installSignalHandlers } from "./support/cleanup";
import { parseOptions, type BenchOptions } from "./support/options";
import { beginBench } from "./summary";
import { startRunSummary } from "./support/run-summary";
import { printComparison } from "./compare";

interface Benchmark {
  description: string;
  load(): Promise<{ run(options: BenchOptions): Promise<void> }>;
}

const BENCHMARKS: Record<string, Benchmark> = {
  "webhook-ingestion": {
    description: "signed orders/create deliveries: the running app vs a bare node:http + pg baseline",
    load: () => import("./webhook-ingestion"),
  },
  "payout-run": {
    description:
      "a payout run over 10,000 creators × 100 commissions vs one INSERT … SELECT; page p95 on that data (--creators, --items, --legacy=K, --page-n, --page-c)",
    load: () => import("./payout-run"),
  },
  portal: {
    description:
      "creator portal fragment through signed app-proxy GETs on a 10,000-creator shop: p50/p95 (--items, --measured, --portal-n, --portal-c)",
    load: () => import("./portal"),
  },
  reports: {
    description:
      "the Reports screen over 10,000 creators and 1,000,000 attributed orders (a year): 90-day p95 by creator over HTTP (--creators, --orders, --page-n, --page-c, --pages=1 for the first page only)",
    load: () => import("./reports"),
  },
  vitals: {
    description:
      "LCP, CLS and INP of Home, Creators, deal page, Payouts and Reports in headless Chromium against the demo, where their time goes, and the JS each route loads against its budget (--vitals-runs=5, --vitals-profile=1 for a CPU profile of each interaction)",
    load: () => import("./web-vitals"),
  },
};

async function main() {
  const { options, names } = parseOptions(process.argv.slice(2), process.env);
  if (names[0] === "compare") {
    if (names.length !== 3) throw new Error("usage: npm run bench -- compare <before.json> <after.json>");
    return printComparison(names[1], names[2]);
  }
  if (names.includes("help") || process.argv.includes("--help")) {
    console.log(
      "npm run bench [-- [names…] [--n=N] [--c=C] [--warmup=W] [--durable] [--instances K (webhook-ingestion)]]   (or env N, C, WARMUP, BENCH_DURABLE=1)\n",
    );
    for (const [name, bench] of Object.entries(BENCHMARKS)) console.log(`  ${name.padEnd(20)} ${bench.description}`);
    console.log(`  ${"compare <a> <b>".padEnd(20)} the figures of two runs (bench/results/*.json) side by side, with the change`);
    return;
  }
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${Object.keys(BENCHMARKS).join(", ")})`);
  installSignalHandlers();
  // The one summary (bench/summary.ts): every figure recorded, the machine's load, bench/results/*.json.
  const summary = startRunSummary(process.argv.slice(2));
  let failed = true;
  try {
    for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
      console.log(`\n=== ${name}: ${BENCHMARKS[name].description}`);
      beginBench(name);
      const bench = await BENCHMARKS[name].load();
      try {
        await bench.run(options);
      } finally {
        await cleanupAll();
      }
    }
    failed = false;
  } finally {
    summary.finish({ failed });
  }
}

main().then(
  () => process.exit(0),
  async (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    await cleanupAll();
    process.exit(1);
  },
);
