// The run's one summary: every benchmark reports its figures through `record()`; at the end
// `npm run bench` prints one table (figure, goal, met or not) with the machine's load during the
// run, and writes the same data as JSON to bench/results/<timestamp>.json (see bench/compare.ts).
// Everything here but `record`/`beginBench`/`recordedFigures` is pure, and unit-tested.
import { GOALS, type Goal, type GoalId, type Unit } from "./goals";

export interface Figure {
  name: string;
  value: number;
  unit: Unit;
  /** The goal this figure is held to; none for context figures (e.g. the bare baseline's rate). */
  goal?: GoalId;
  /** A short note printed beside the figure (e.g. "noisy: 40 % other processes"). */
  note?: string;
}

export type Status = "met" | "NOT met" | "not measured" | "—";

export interface RecordedFigure extends Figure {
  bench: string;
}

export interface MachineLoad {
  cpus: number;
  cpuModel: string;
  totalMemoryMb: number;
  /** Load average (1/5/15 min) when the run started and when it ended. */
  loadAtStart: [number, number, number];
  loadAtEnd: [number, number, number];
  /** The 1-minute load average sampled during the run. */
  load1: { samples: number; mean: number; max: number };
  freeMemoryMb: { atStart: number; min: number };
  /** Busy share of all CPUs over the run, every process on the machine (100 % = all cores busy). */
  machineBusyPercent: number | null;
}

export interface SummaryJson {
  schema: 1;
  startedAt: string;
  finishedAt: string;
  command: string[];
  commit: string | null;
  failed: boolean;
  machine: MachineLoad;
  figures: {
    bench: string;
    name: string;
    value: number | null;
    unit: Unit;
    goal: ({ id: GoalId } & Goal) | null;
    status: Status;
    note?: string;
  }[];
}

export function statusOf(value: number, goalId: GoalId | undefined): Status {
  if (!goalId) return "—";
  if (!Number.isFinite(value)) return "not measured";
  const goal: Goal = GOALS[goalId];
  return (goal.kind === "max" ? value <= goal.limit : value >= goal.limit) ? "met" : "NOT met";
}

/** A figure with its unit, digits chosen by unit and size (1,234 ms; 12.3 ms; 0.031; 1.73×). */
export function formatValue(value: number | null, unit: Unit): string {
  if (value === null || !Number.isFinite(value)) return "–";
  if (unit === "B") return value >= 1024 ? `${(value / 1024).toFixed(1)} KiB` : `${Math.round(value)} B`;
  const digits = unit === "" ? 3 : unit === "×" ? 2 : Math.abs(value) >= 100 ? 0 : Math.abs(value) >= 10 ? 1 : 2;
  const number = value.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  if (unit === "") return number;
  return unit === "×" ? `${number}×` : `${number} ${unit}`;
}

export function formatGoal(goalId: GoalId | undefined): string {
  if (!goalId) return "";
  const goal: Goal = GOALS[goalId];
  return `${goal.kind === "max" ? "≤" : "≥"} ${formatValue(goal.limit, goal.unit)}`;
}

/** Refuses a figure whose unit is not its goal's (a p95 in seconds against a goal in ms). */
export function checkFigure(figure: Figure): void {
  if (figure.goal === undefined) return;
  const goal: Goal | undefined = GOALS[figure.goal];
  if (!goal) throw new Error(`unknown goal "${figure.goal}" for "${figure.name}"`);
  if (goal.unit !== figure.unit)
    throw new Error(`"${figure.name}" is in "${figure.unit}" but its goal ${figure.goal} is in "${goal.unit}"`);
}

function padTable(rows: string[][]): string {
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

export function formatMachine(machine: MachineLoad): string {
  const load = (l: number[]) => l.map((v) => v.toFixed(2)).join(" / ");
  return [
    `machine: ${machine.cpus} × ${machine.cpuModel}, ${formatValue(machine.totalMemoryMb, "MB")} memory`,
    `load average (1/5/15 min): ${load(machine.loadAtStart)} at the start, ${load(machine.loadAtEnd)} at the end; ` +
      `1-min sampled ${machine.load1.samples}× during the run: mean ${machine.load1.mean.toFixed(2)}, max ${machine.load1.max.toFixed(2)}`,
    `CPU busy over the run (every process): ${machine.machineBusyPercent === null ? "–" : `${machine.machineBusyPercent.toFixed(0)} %`}` +
      ` · free memory ${formatValue(machine.freeMemoryMb.atStart, "MB")} at the start, min ${formatValue(machine.freeMemoryMb.min, "MB")}`,
  ].join("\n");
}

/** The closing table: one line per figure, then the machine's load. */
export function formatSummary(figures: readonly RecordedFigure[], machine: MachineLoad): string {
  const rows = [["benchmark", "figure", "value", "goal", ""]];
  for (const f of figures) {
    const status = statusOf(f.value, f.goal);
    rows.push([
      f.bench,
      f.name,
      formatValue(f.value, f.unit),
      formatGoal(f.goal),
      (status === "—" ? "" : status) + (f.note ? `  (${f.note})` : ""),
    ]);
  }
  const judged = figures.filter((f) => f.goal);
  const met = judged.filter((f) => statusOf(f.value, f.goal) === "met").length;
  return [
    figures.length === 0 ? "no figures recorded" : padTable(rows),
    "",
    `goals met: ${met} of ${judged.length}`,
    formatMachine(machine),
  ].join("\n");
}

export function summaryJson(input: {
  figures: readonly RecordedFigure[];
  machine: MachineLoad;
  startedAt: Date;
  finishedAt: Date;
  command: string[];
  commit: string | null;
  failed: boolean;
}): SummaryJson {
  return {
    schema: 1,
    startedAt: input.startedAt.toISOString(),
    finishedAt: input.finishedAt.toISOString(),
    command: input.command,
    commit: input.commit,
    failed: input.failed,
    machine: input.machine,
    figures: input.figures.map((f) => ({
      bench: f.bench,
      name: f.name,
      // JSON has no NaN: a figure the run could not measure is null.
      value: Number.isFinite(f.value) ? f.value : null,
      unit: f.unit,
      goal: f.goal ? { id: f.goal, ...GOALS[f.goal] } : null,
      status: statusOf(f.value, f.goal),
      ...(f.note ? { note: f.note } : {}),
    })),
  };
}

/** bench/results/2026-12-05T05-40-12Z.json: sortable, no colons. */
export function resultFileName(at: Date): string {
  return `${at
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/:/g, "-")}.json`;
}

// The run's recorder: module state, set by bench/run.ts.
const recorded: RecordedFigure[] = [];
let currentBench = "(none)";

export function beginBench(name: string): void {
  currentBench = name;
}

/** How a benchmark reports a figure for the summary (it may print its own detail as well). */
export function record(figure: Figure): void {
  checkFigure(figure);
  recorded.push({ bench: currentBench, ...figure });
}

export function recordedFigures(): readonly RecordedFigure[] {
  return recorded;
}
