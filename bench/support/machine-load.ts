// The machine's load while the benchmarks run: load average sampled every few seconds, free
// memory's low point and the busy share of all CPUs (/proc/stat), so a figure from a busy machine
// shows as one in the summary.
import { readFileSync } from "node:fs";
import os from "node:os";
import type { MachineLoad } from "../summary";

const SAMPLE_EVERY_MS = 5_000;

function cpuTicks(): { busy: number; total: number } | null {
  try {
    const values = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    const [user, nice, system, idle, iowait, irq, softirq, steal = 0] = values;
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return null; // not Linux
  }
}

const mb = (bytes: number) => bytes / 1024 / 1024;
const triple = (l: number[]) => [l[0], l[1], l[2]] as [number, number, number];

export function startMachineLoadSampler(): { stop(): MachineLoad } {
  const loadAtStart = triple(os.loadavg());
  const freeAtStart = mb(os.freemem());
  const ticksAtStart = cpuTicks();
  const load1: number[] = [loadAtStart[0]];
  let freeMin = freeAtStart;
  const timer = setInterval(() => {
    load1.push(os.loadavg()[0]);
    freeMin = Math.min(freeMin, mb(os.freemem()));
  }, SAMPLE_EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      const loadAtEnd = triple(os.loadavg());
      load1.push(loadAtEnd[0]);
      freeMin = Math.min(freeMin, mb(os.freemem()));
      const ticksAtEnd = cpuTicks();
      const busy =
        ticksAtStart && ticksAtEnd && ticksAtEnd.total > ticksAtStart.total
          ? (100 * (ticksAtEnd.busy - ticksAtStart.busy)) / (ticksAtEnd.total - ticksAtStart.total)
          : null;
      const cpus = os.cpus();
      return {
        cpus: cpus.length,
        cpuModel: cpus[0]?.model.trim() ?? "unknown CPU",
        totalMemoryMb: mb(os.totalmem()),
        loadAtStart,
        loadAtEnd,
        load1: { samples: load1.length, mean: load1.reduce((s, v) => s + v, 0) / load1.length, max: Math.max(...load1) },
        freeMemoryMb: { atStart: freeAtStart, min: freeMin },
        machineBusyPercent: busy,
      };
    },
  };
}
