// `npm run bench -- compare <a.json> <b.json>`: the figures of two runs (bench/results/*.json)
// side by side with the change, and whether it moved toward its goal. Figures are matched by
// benchmark and name; one run's extra figures are listed with a blank for the other.
import { readFileSync } from "node:fs";
import { formatValue, type SummaryJson } from "./summary";

export interface FigureDelta {
  bench: string;
  name: string;
  unit: SummaryJson["figures"][number]["unit"];
  before: number | null;
  after: number | null;
  /** after − before, and as a share of before (null when either is missing or before is 0). */
  change: number | null;
  changePercent: number | null;
  /** For a figure with a goal: whether the change moved it toward the goal's side. */
  direction: "better" | "worse" | "same" | null;
  statusBefore: string | null;
  statusAfter: string | null;
}

export function compareRuns(before: SummaryJson, after: SummaryJson): FigureDelta[] {
  const key = (f: { bench: string; name: string }) => `${f.bench}\u0000${f.name}`;
  const earlier = new Map(before.figures.map((f) => [key(f), f]));
  const later = new Map(after.figures.map((f) => [key(f), f]));
  const keys = [...new Set([...earlier.keys(), ...later.keys()])];
  return keys.map((k) => {
    const a = earlier.get(k);
    const b = later.get(k);
    const figure = (b ?? a)!;
    const change = a?.value != null && b?.value != null ? b.value - a.value : null;
    const goal = b?.goal ?? a?.goal ?? null;
    const direction =
      change === null || goal === null ? null : change === 0 ? "same" : (goal.kind === "max") === change < 0 ? "better" : "worse";
    return {
      bench: figure.bench,
      name: figure.name,
      unit: figure.unit,
      before: a?.value ?? null,
      after: b?.value ?? null,
      change,
      changePercent: change !== null && a!.value !== 0 ? (100 * change) / a!.value! : null,
      direction,
      statusBefore: a?.status ?? null,
      statusAfter: b?.status ?? null,
    };
  });
}

export function formatComparison(deltas: readonly FigureDelta[]): string {
  const rows = [["benchmark", "figure", "before", "after", "change", ""]];
  for (const d of deltas) {
    const change =
      d.change === null
        ? ""
        : `${d.change > 0 ? "+" : ""}${formatValue(d.change, d.unit)}${d.changePercent === null ? "" : ` (${d.changePercent > 0 ? "+" : ""}${d.changePercent.toFixed(0)} %)`}`;
    const status = d.statusAfter && d.statusAfter !== "—" ? `${d.direction ?? ""}${d.direction ? ", " : ""}${d.statusAfter}` : "";
    rows.push([d.bench, d.name, formatValue(d.before, d.unit), formatValue(d.after, d.unit), change, status]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  return rows
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function readRun(path: string): SummaryJson {
  const run = JSON.parse(readFileSync(path, "utf8")) as SummaryJson;
  if (run.schema !== 1 || !Array.isArray(run.figures)) throw new Error(`${path} is not a benchmark result (bench/results/*.json)`);
  return run;
}

export function printComparison(beforePath: string, afterPath: string): void {
  const before = readRun(beforePath);
  const after = readRun(afterPath);
  console.log(
    `before: ${beforePath} (${before.startedAt}, commit ${before.commit ?? "?"}, load ${before.machine.load1.mean.toFixed(2)} mean)`,
  );
  console.log(
    `after:  ${afterPath} (${after.startedAt}, commit ${after.commit ?? "?"}, load ${after.machine.load1.mean.toFixed(2)} mean)\n`,
  );
  console.log(formatComparison(compareRuns(before, after)));
}
