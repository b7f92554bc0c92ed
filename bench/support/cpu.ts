// Where the CPU went during a measured window (Linux /proc): the load generator (this process),
// a server process, PostgreSQL (postmaster, its live backends and the ones it has reaped), and
// everything else on the machine, so a noisy neighbour shows in the figures.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const TICK_MS = 10; // USER_HZ is 100 on Linux

export interface CpuSnapshot {
  atMs: number;
  loadGenMs: number;
  serverMs: number;
  postgresMs: number;
  machineBusyMs: number;
}

function statFields(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm)": state is field 3; utime 14, stime 15, cutime 16, cstime 17 (1-based).
    return ["", "", ...text.slice(text.lastIndexOf(")") + 2).split(" ")];
  } catch {
    return null;
  }
}

function processMs(pid: number, withReapedChildren: boolean): number {
  const f = statFields(pid);
  if (!f) return 0;
  const ticks = Number(f[13]) + Number(f[14]) + (withReapedChildren ? Number(f[15]) + Number(f[16]) : 0);
  return ticks * TICK_MS;
}

function postgresMs(postmasterPid: number): number {
  let total = processMs(postmasterPid, true);
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const f = statFields(Number(entry));
    if (f && Number(f[3]) === postmasterPid) total += (Number(f[13]) + Number(f[14])) * TICK_MS;
  }
  return total;
}

function machineBusyMs(): number {
  const [, ...values] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/);
  const [user, nice, system, , , irq, softirq, steal] = values.map(Number);
  return (user + nice + system + irq + softirq + (steal ?? 0)) * TICK_MS;
}

/** CPU time (user + system) one process has used so far, in ms (0 once it has gone). */
export const processCpuMs = (pid: number): number => processMs(pid, false);

export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

export function cpuSnapshot(serverPid: number, postgresPid: number): CpuSnapshot {
  const own = process.cpuUsage();
  return {
    atMs: performance.now(),
    loadGenMs: (own.user + own.system) / 1000,
    serverMs: processMs(serverPid, false),
    postgresMs: postgresMs(postgresPid),
    machineBusyMs: machineBusyMs(),
  };
}

export interface CpuWindow {
  wallMs: number;
  loadGenMs: number;
  serverMs: number;
  postgresMs: number;
  /** Busy CPU time of every other process on the machine. */
  othersMs: number;
}

export function cpuBetween(a: CpuSnapshot, b: CpuSnapshot): CpuWindow {
  const loadGenMs = b.loadGenMs - a.loadGenMs;
  const serverMs = b.serverMs - a.serverMs;
  const pgMs = b.postgresMs - a.postgresMs;
  return {
    wallMs: b.atMs - a.atMs,
    loadGenMs,
    serverMs,
    postgresMs: pgMs,
    othersMs: Math.max(0, b.machineBusyMs - a.machineBusyMs - loadGenMs - serverMs - pgMs),
  };
}
