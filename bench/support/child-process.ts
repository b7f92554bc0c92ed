// Runs a TypeScript entry point as a child Node process (tsx as an import hook, so the child is
// one process and signals reach it directly), waits for its "ready" line, stops it cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import { onCleanup } from "./cleanup";

export interface RunningChild {
  name: string;
  pid: number;
  /** The last lines the child printed (stdout and stderr), for error reports. */
  recentOutput(): string;
  /** How many printed lines matched `options.watch[name]` so far. */
  countLines(name: string): number;
  /** The last printed line that matched `options.watch[name]`, if any. */
  lastLine(name: string): string | undefined;
  stop(): Promise<void>;
}

export async function startTsChild(options: {
  name: string;
  entry: string;
  args?: string[];
  /** Extra node options (e.g. --cpu-prof). */
  nodeArgs?: string[];
  env: NodeJS.ProcessEnv;
  /** Resolves once a printed line matches; the match is returned. */
  ready: RegExp;
  readyTimeoutMs: number;
  /** Echo the child's output while waiting for it to be ready (e.g. a build). */
  echoUntilReady?: boolean;
  /** Named patterns whose matching lines are counted (e.g. job failures). */
  watch?: Record<string, RegExp>;
}): Promise<RunningChild & { readyMatch: RegExpMatchArray }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", options.entry, ...(options.args ?? [])],
    {
      env: options.env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const recent: string[] = [];
  const counts = new Map<string, number>();
  const lastLines = new Map<string, string>();
  const watched = Object.entries(options.watch ?? {});
  let exited: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitPromise = new Promise<void>((resolve) => {
    child.once("exit", (code, signal) => {
      exited = { code, signal };
      resolve();
    });
  });

  let isReady = false;
  let onReady: ((match: RegExpMatchArray) => void) | null = null;
  const handleLine = (line: string) => {
    recent.push(line);
    if (recent.length > 200) recent.shift();
    for (const [name, pattern] of watched) {
      if (!pattern.test(line)) continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      lastLines.set(name, line);
    }
    if (!isReady && options.echoUntilReady) console.log(`  [${options.name}] ${line}`);
    if (!isReady) {
      const match = line.match(options.ready);
      if (match) {
        isReady = true;
        onReady?.(match);
      }
    }
  };
  for (const stream of [child.stdout!, child.stderr!]) {
    let buffered = "";
    stream.setEncoding("utf8");
    stream.on("data", (chunk: string) => {
      buffered += chunk;
      let newline: number;
      while ((newline = buffered.indexOf("\n")) >= 0) {
        handleLine(buffered.slice(0, newline));
        buffered = buffered.slice(newline + 1);
      }
    });
  }

  const stop = async () => {
    if (exited || child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const killed = setTimeout(() => child.kill("SIGKILL"), 15_000);
    await exitPromise;
    clearTimeout(killed);
  };
  onCleanup(`stop ${options.name}`, stop);

  const readyMatch = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${options.name} did not become ready within ${options.readyTimeoutMs / 1000} s:\n${recent.join("\n")}`)),
      options.readyTimeoutMs,
    );
    onReady = (match) => {
      clearTimeout(timer);
      resolve(match);
    };
    void exitPromise.then(() => {
      clearTimeout(timer);
      if (!isReady) reject(new Error(`${options.name} exited (${JSON.stringify(exited)}) before it was ready:\n${recent.join("\n")}`));
    });
  });

  return {
    name: options.name,
    pid: child.pid!,
    readyMatch,
    recentOutput: () => recent.join("\n"),
    countLines: (name) => counts.get(name) ?? 0,
    lastLine: (name) => lastLines.get(name),
    stop,
  };
}
