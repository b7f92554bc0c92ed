// `npm run bench [-- [names…] [--n=5000] [--c=50] [--warmup=300] [--durable]]`
// Runs the named benchmarks (all of them by default), one after another. A benchmark is a module
// exporting `run(options)`; add it to BENCHMARKS below.
import { cleanupAll, installSignalHandlers } from "./support/cleanup";
import { parseOptions, type BenchOptions } from "./support/options";

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
      "the Reports screen over 10,000 creators and 1,000,000 attributed orders (a year): 90-day p95 by creator over HTTP (--creators, --orders, --page-n, --page-c)",
    load: () => import("./reports"),
  },
};

async function main() {
  const { options, names } = parseOptions(process.argv.slice(2), process.env);
  if (names.includes("help") || process.argv.includes("--help")) {
    console.log("npm run bench [-- [names…] [--n=N] [--c=C] [--warmup=W] [--durable]]   (or env N, C, WARMUP, BENCH_DURABLE=1)\n");
    for (const [name, bench] of Object.entries(BENCHMARKS)) console.log(`  ${name.padEnd(20)} ${bench.description}`);
    return;
  }
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (unknown.length > 0) throw new Error(`unknown benchmark(s): ${unknown.join(", ")} (known: ${Object.keys(BENCHMARKS).join(", ")})`);
  installSignalHandlers();
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS)) {
    console.log(`\n=== ${name}: ${BENCHMARKS[name].description}`);
    const bench = await BENCHMARKS[name].load();
    try {
      await bench.run(options);
    } finally {
      await cleanupAll();
    }
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
