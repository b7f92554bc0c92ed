// The demo as a developer runs it (`npm run demo`, a real child process): it answers only this
// machine's browser, opens no more connections than DATABASE_POOL_SIZE says, refuses a second
// launcher on its data folder with one line, and stops cleanly on SIGTERM and SIGINT.
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runLauncher, startDemo, type DemoProcess } from "../support/demo-process";

const POOL_SIZE = 4;
let demo: DemoProcess;

beforeAll(async () => {
  demo = await startDemo({ DATABASE_POOL_SIZE: String(POOL_SIZE), JOB_WORKER_CONCURRENCY: "2" }, { keepDataDir: true });
});
afterAll(async () => {
  if (demo && demo.launcher.child.exitCode === null) await demo.stop();
});

const STACK_FRAME = /^\s+at .+[:(]/m;

describe("the demo answers only this machine's browser", () => {
  it("refuses a Host other than localhost or 127.0.0.1 (DNS rebinding) with 403", async () => {
    const port = new URL(demo.url).port;
    const ok = await fetch(`${demo.url}/app`, { redirect: "manual" });
    expect(ok.status).toBe(200);
    const loopback = await fetch(`http://127.0.0.1:${port}/app`, { redirect: "manual" });
    expect(loopback.status).toBe(200);
    // fetch will not forge Host; node's http client will.
    const { request } = await import("node:http");
    const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request({ host: "127.0.0.1", port, path: "/app", headers: { Host: `evil.example:${port}` } }, (res) => {
        let body = "";
        res.on("data", (chunk) => (body += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toEqual({ status: 403, body: expect.stringContaining("DNS rebinding") });
  });

  it("refuses a POST from another origin with 403, and takes its own", async () => {
    const form = new URLSearchParams({ intent: "nothing" });
    const foreign = await fetch(`${demo.url}/app/settings`, {
      method: "POST",
      body: form,
      headers: { Origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain("only from its own pages");
    const opaque = await fetch(`${demo.url}/app/settings`, { method: "POST", body: form, headers: { Origin: "null" }, redirect: "manual" });
    expect(opaque.status).toBe(403);
    const own = await fetch(`${demo.url}/app/settings`, { method: "POST", body: form, headers: { Origin: demo.url }, redirect: "manual" });
    expect(own.status).not.toBe(403);
  });
});

describe("connections", () => {
  it("opens exactly DATABASE_POOL_SIZE connections under load, job worker included", async () => {
    const observer = new pg.Client({ connectionString: demo.databaseUrl });
    await observer.connect();
    const count = async () =>
      Number(
        (await observer.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"))
          .rows[0].n,
      );
    try {
      // Every admin page reads the shop: with the table locked, each request holds a connection.
      await observer.query("BEGIN");
      await observer.query('LOCK TABLE "Shop" IN ACCESS EXCLUSIVE MODE');
      const requests = Array.from({ length: 3 * POOL_SIZE }, () =>
        fetch(`${demo.url}/app`).then(
          (r) => r.status,
          () => 0,
        ),
      );
      let most = 0;
      const until = Date.now() + 4000;
      while (Date.now() < until) {
        most = Math.max(most, await count());
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      await observer.query("COMMIT");
      expect(most).toBe(POOL_SIZE);
      expect(await Promise.all(requests)).toEqual(requests.map(() => 200));
    } finally {
      await observer.end();
    }
  });
});

describe("one launcher per data folder", () => {
  it("says in one line that a demo already runs there, and where", async () => {
    const second = runLauncher(["--demo"], { NODE_ENV: "development", PORT: "0", CREATOR_PAYOUTS_DATA_DIR: demo.dataDir });
    expect(await second.exited).toBe(1);
    const lines = second.output().trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^A demo is already running in (\S+): (\S+) \(pid \d+\)\. Stop it first, or set CREATOR_PAYOUTS_DATA_DIR to another folder\.$/,
    );
    expect(lines[0]).toContain(`in ${path.resolve(demo.dataDir)}: ${demo.url}/app (pid`);
    // The first one is untouched.
    expect((await fetch(`${demo.url}/app`)).status).toBe(200);
  });
});

describe("stopping", () => {
  async function expectStoppedCleanly(stopped: DemoProcess, signal: NodeJS.Signals, toGroup = false) {
    const code = await stopped.stop(signal, { toGroup });
    expect(code).toBe(0);
    expect(stopped.launcher.stderr()).not.toMatch(STACK_FRAME);
    expect(stopped.launcher.stderr()).toBe("");
    expect(stopped.output()).toContain(`${signal}: stopping…`);
    // The embedded PostgreSQL is stopped, not left running.
    expect(existsSync(path.join(stopped.dataDir, "postgres", "postmaster.pid"))).toBe(false);
    const client = new pg.Client({ connectionString: stopped.databaseUrl, connectionTimeoutMillis: 2000 });
    await expect(client.connect()).rejects.toThrow();
    expect(existsSync(path.join(stopped.dataDir, "launcher.json"))).toBe(false);
  }

  it("on SIGTERM: exits 0 with no stack trace, the embedded database stopped", async () => {
    await expectStoppedCleanly(demo, "SIGTERM");
  });

  it("on Ctrl-C (SIGINT to the whole process group, the embedded PostgreSQL included) too, in the same folder once the first is gone", async () => {
    const again = await startDemo({}, { dataDir: demo.dataDir });
    expect((await fetch(`${again.url}/app`)).status).toBe(200);
    await expectStoppedCleanly(again, "SIGINT", true);
  }, 120_000);
});
