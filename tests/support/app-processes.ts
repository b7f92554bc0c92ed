// The app as deployed, as child processes on the test's database: web servers with job workers
// (`scripts/start.ts`, `npm start`) and workers alone (`scripts/worker.ts`, `npm run worker`),
// each one a single OS process (`node --import tsx`, not the tsx CLI, which would fork a
// grandchild that a SIGKILL leaves running), so a test can SIGKILL it and start it again on the
// same port. The one place chaos tests spawn the app: adapt the environment here.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";
import path from "node:path";
import { TEST_SHOPIFY_API_KEY, TEST_SHOPIFY_API_SECRET } from "./test-app";
import { isBuildStale } from "../../scripts/build-freshness";

export type AppScript = "scripts/start.ts" | "scripts/worker.ts";

export interface AppProcessSpec {
  name: string;
  script: AppScript;
  /** Web servers only: a fixed port, so a restarted server answers where the old one did. */
  port?: number;
}

/** Node 22 from node_modules/.bin (the machine's default node may be older), else this one. */
const NODE = existsSync(path.resolve("node_modules/.bin/node")) ? path.resolve("node_modules/.bin/node") : process.execPath;
const READY = {
  "scripts/start.ts": /Creator Payouts listening on (http:\/\/\S+)/,
  "scripts/worker.ts": /Creator Payouts worker running/,
} as const;
const KEEP_OUTPUT_CHARS = 200_000;

/**
 * `scripts/start.ts` rebuilds a build/ older than app/ before serving: several processes doing
 * that at once (and being killed mid-build) would break build/. Refuse to start instead.
 */
export function assertBuildIsCurrent(): void {
  if (isBuildStale()) {
    throw new Error("build/ is missing or older than app/: run `npm run build` before this test.");
  }
}

/** A free loopback port (released at once; a test picks ports before starting servers on them). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The environment every app process gets: the test's database and secrets, test-only origins. */
export function appEnvironment(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = {
    ...process.env,
    NODE_ENV: "test",
    HOST: "127.0.0.1",
    SHOPIFY_API_KEY: TEST_SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET: TEST_SHOPIFY_API_SECRET,
    SHOPIFY_APP_URL: "https://creator-payouts.test",
    SCOPES: "read_orders,read_customers,read_discounts,read_products",
    LOG_LEVEL: "warn",
    ...extra,
  };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env as NodeJS.ProcessEnv;
}

export class AppProcess {
  private child: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  private log = "";
  starts = 0;

  constructor(
    readonly spec: AppProcessSpec,
    private readonly env: () => NodeJS.ProcessEnv,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.spec.port}`;
  }

  get running(): boolean {
    return this.child !== null;
  }

  /** Everything the process printed over all its lives (the tail of it). */
  output(): string {
    return this.log;
  }

  private append(text: string) {
    this.log = (this.log + text).slice(-KEEP_OUTPUT_CHARS);
  }

  /** Spawns the process; `ready()` waits until it serves (or works jobs). */
  start(extraEnv: Record<string, string> = {}): void {
    if (this.child) throw new Error(`${this.spec.name} is already running`);
    this.starts++;
    const env = { ...this.env(), ...extraEnv, ...(this.spec.port ? { PORT: String(this.spec.port) } : {}) };
    const child = spawn(NODE, ["--import", "tsx", this.spec.script], { env, stdio: ["ignore", "pipe", "pipe"] });
    this.append(`\n--- ${this.spec.name} start #${this.starts} (pid ${child.pid}) ---\n`);
    child.stdout!.on("data", (chunk) => this.append(String(chunk)));
    child.stderr!.on("data", (chunk) => this.append(String(chunk)));
    this.child = child;
    this.exited = new Promise((resolve) =>
      child.on("exit", (code, signal) => {
        this.append(`--- ${this.spec.name} exited (code ${code}, signal ${signal}) ---\n`);
        if (this.child === child) this.child = null;
        resolve();
      }),
    );
  }

  private currentLife(): string {
    return this.log.slice(this.log.lastIndexOf(`--- ${this.spec.name} start #${this.starts} `));
  }

  /** Whether the current life has printed its ready line (serving, or working jobs). */
  isReady(): boolean {
    return this.child !== null && READY[this.spec.script].test(this.currentLife());
  }

  /** Waits until the current life has printed its ready line. */
  async ready(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const life = this.currentLife();
      if (READY[this.spec.script].test(life)) return;
      if (!this.child) throw new Error(`${this.spec.name} exited before it was ready:\n${life.slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`${this.spec.name} not ready after ${timeoutMs} ms:\n${life.slice(-4000)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Sends `signal` (SIGKILL: a crash) and waits until the process is gone. */
  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (!this.child) return;
    this.child.kill(signal);
    await this.exited;
  }
}
