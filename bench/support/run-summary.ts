// The I/O side of the run's summary (bench/summary.ts): samples the machine's load from the
// first benchmark to the last, then prints the table and writes bench/results/<timestamp>.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { formatSummary, recordedFigures, resultFileName, summaryJson } from "../summary";
import { startMachineLoadSampler } from "./machine-load";

export const RESULTS_DIR = path.resolve("bench", "results");

function gitCommit(): string | null {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

export function startRunSummary(command: string[]) {
  const startedAt = new Date();
  const sampler = startMachineLoadSampler();
  return {
    /** Prints the summary table and writes the JSON; returns the file written. */
    finish({ failed }: { failed: boolean }): string {
      const machine = sampler.stop();
      const figures = recordedFigures();
      console.log(`\n=== summary${failed ? " (the run FAILED: figures recorded before the failure)" : ""}\n`);
      console.log(formatSummary(figures, machine));
      const finishedAt = new Date();
      mkdirSync(RESULTS_DIR, { recursive: true });
      const file = path.join(RESULTS_DIR, resultFileName(startedAt));
      const json = summaryJson({ figures, machine, startedAt, finishedAt, command, commit: gitCommit(), failed });
      writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
      console.log(`\nwritten to ${path.relative(process.cwd(), file)} (compare two runs: npm run bench -- compare <a.json> <b.json>)`);
      return file;
    },
  };
}
