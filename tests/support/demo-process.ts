// Runs `npm run demo`'s launcher (scripts/start.ts --demo) as a real child process on its own
// data folder and a free port, and waits for the URL it prints.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const require = createRequire(import.meta.url);

export interface DemoProcess {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

export function runLauncher(args: string[], env: Record<string, string | undefined>): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const tsxCli = require.resolve("tsx/cli");
  const child = spawn(process.execPath, [tsxCli, "scripts/start.ts", ...args], {
    env: { ...process.env, DATABASE_URL: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exited };
}

export async function startDemo(env: Record<string, string | undefined> = {}): Promise<DemoProcess> {
  mkdirSync(".data", { recursive: true });
  const dataDir = mkdtempSync(path.resolve(".data", "test-demo-"));
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
  return {
    url,
    output: launcher.output,
    async stop() {
      launcher.child.kill("SIGTERM");
      await launcher.exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
