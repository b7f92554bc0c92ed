// Runs `npm run demo`'s launcher (scripts/start.ts --demo) as a real child process on its own
// data folder and a free port, and waits for the URL it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";

export interface LauncherProcess {
  child: ChildProcess;
  output: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
}

export interface DemoProcess {
  url: string;
  dataDir: string;
  /** The embedded database's URL (the demo prints it with the password masked). */
  databaseUrl: string;
  launcher: LauncherProcess;
  output: () => string;
  /** `toGroup`: the signal goes to the launcher and its children (the embedded PostgreSQL), as Ctrl-C in a terminal does. */
  stop(signal?: NodeJS.Signals, options?: { toGroup?: boolean }): Promise<number | null>;
}

export function runLauncher(args: string[], env: Record<string, string | undefined>): LauncherProcess {
  // As `npm start` / `npm run demo` run it: node with tsx's loader, so signals reach the launcher itself.
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", ...args], {
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, like a program started in a terminal: Ctrl-C can be sent to the group.
    detached: true,
  });
  let output = "";
  let stderr = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => {
    output += chunk;
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, stderr: () => stderr, exited };
}

/** A fresh data folder for a demo (removed by `stop()` of the demo started on it). */
export function demoDataDir(): string {
  mkdirSync(".data", { recursive: true });
  return mkdtempSync(path.resolve(".data", "test-demo-"));
}

export async function startDemo(
  env: Record<string, string | undefined> = {},
  options: { dataDir?: string; keepDataDir?: boolean } = {},
): Promise<DemoProcess> {
  const dataDir = options.dataDir ?? demoDataDir();
  const launcher = runLauncher(["--demo"], { NODE_ENV: "development", PORT: "0", CREATOR_PAYOUTS_DATA_DIR: dataDir, ...env });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = launcher.output().match(/Creator Payouts demo: (http:\/\/\S+)\/app/);
      if (match) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 100);
    void launcher.exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`demo exited with ${code}:\n${launcher.output()}`));
    });
  });
  const port = launcher.output().match(/Embedded PostgreSQL running at postgresql:\/\/\S+@127\.0\.0\.1:(\d+)\//)![1];
  return {
    url,
    dataDir,
    databaseUrl: `postgresql://postgres:creator-payouts-local@127.0.0.1:${port}/creator_payouts`,
    launcher,
    output: launcher.output,
    async stop(signal = "SIGTERM", stopOptions = {}) {
      if (stopOptions.toGroup) process.kill(-launcher.child.pid!, signal);
      else launcher.child.kill(signal);
      const code = await launcher.exited;
      if (!options.keepDataDir) rmSync(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
