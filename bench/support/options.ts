// Options shared by every benchmark, from argv (--n=5000 --c=50 --warmup=300 --durable) or the
// environment (N, C, WARMUP, BENCH_DURABLE=1); argv wins.
export interface BenchOptions {
  /** Measured requests per target. */
  n: number;
  /** Concurrent requests in flight. */
  c: number;
  /** Unmeasured requests per target before the measured run. */
  warmup: number;
  /** PostgreSQL with fsync/synchronous_commit on (default: the test suite's throw-away settings). */
  durable: boolean;
}

function positiveInteger(name: string, raw: string | undefined, fallback: number, min = 1): number {
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got "${raw}")`);
  return value;
}

export function parseOptions(argv: string[], env: NodeJS.ProcessEnv): { options: BenchOptions; names: string[] } {
  const flags = new Map<string, string>();
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i].match(/^--([a-z-]+)(?:=(.*))?$/i);
    // `--name N` as well as `--name=N`: a number after a flag without a value is the flag's.
    const spaced = flag && flag[2] === undefined && /^\d[\d_]*$/.test(argv[i + 1] ?? "") ? argv[++i] : undefined;
    if (flag) flags.set(flag[1].toLowerCase(), flag[2] ?? spaced ?? "1");
    else names.push(argv[i]);
  }
  const truthy = (v: string | undefined) => v !== undefined && !["0", "false", "no", ""].includes(v.toLowerCase());
  return {
    options: {
      n: positiveInteger("N", flags.get("n") ?? env.N, 5000),
      c: positiveInteger("C", flags.get("c") ?? env.C, 50),
      warmup: positiveInteger("WARMUP", flags.get("warmup") ?? env.WARMUP, 300, 0),
      durable: truthy(flags.get("durable") ?? env.BENCH_DURABLE),
    },
    names,
  };
}

/** A whole-number option of one benchmark: `--name=N`, `--name N` or the env variable NAME (underscores allowed: 1_000). */
export function intFrom(name: string, fallback: number): number {
  const spacedAt = process.argv.indexOf(`--${name}`);
  const spaced = spacedAt >= 0 && /^\d[\d_]*$/.test(process.argv[spacedAt + 1] ?? "") ? process.argv[spacedAt + 1] : undefined;
  const flag = process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split("=")[1] ?? spaced;
  const raw = flag ?? process.env[name.toUpperCase().replace(/-/g, "_")];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw.replace(/_/g, ""));
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number (got "${raw}")`);
  return value;
}
