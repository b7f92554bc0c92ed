// The benchmark run's one summary (bench/summary.ts, bench/compare.ts): whether a figure meets its
// goal, how figures print, the JSON a run leaves in bench/results/, and the comparison of two runs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRuns, formatComparison } from "../../bench/compare";
import { GOALS, type GoalId } from "../../bench/goals";
import {
  checkFigure,
  formatGoal,
  formatSummary,
  formatValue,
  resultFileName,
  statusOf,
  summaryJson,
  type MachineLoad,
  type RecordedFigure,
  type SummaryJson,
} from "../../bench/summary";

const machine: MachineLoad = {
  cpus: 2,
  cpuModel: "Test CPU",
  totalMemoryMb: 24_000,
  loadAtStart: [0.5, 0.4, 0.3],
  loadAtEnd: [3.25, 1.5, 0.7],
  load1: { samples: 12, mean: 2.1, max: 3.25 },
  freeMemoryMb: { atStart: 20_000, min: 18_500 },
  machineBusyPercent: 87.4,
};

const run = (figures: RecordedFigure[], at = "2026-12-05T05:00:00Z"): SummaryJson =>
  summaryJson({ figures, machine, startedAt: new Date(at), finishedAt: new Date(at), command: [], commit: "abc123", failed: false });

describe("a figure against its goal", () => {
  it("meets an upper limit at the limit and misses it just above", () => {
    expect(statusOf(150, "reports.p95")).toBe("met");
    expect(statusOf(150.01, "reports.p95")).toBe("NOT met");
    expect(statusOf(0.05, "vitals.cls")).toBe("met");
    expect(statusOf(0.051, "vitals.cls")).toBe("NOT met");
  });

  it("meets a lower limit at the limit and misses it just below", () => {
    expect(statusOf(0.5, "ingestion.ratio")).toBe("met");
    expect(statusOf(0.499, "ingestion.ratio")).toBe("NOT met");
  });

  it("is 'not measured' when the run produced no number, and has no verdict without a goal", () => {
    expect(statusOf(NaN, "portal.p95")).toBe("not measured");
    expect(statusOf(Infinity, "portal.p95")).toBe("not measured");
    expect(statusOf(12, undefined)).toBe("—");
  });

  it("is met exactly when the value is on the goal's side of the limit, for every goal", () => {
    const ids = Object.keys(GOALS) as GoalId[];
    fc.assert(
      fc.property(fc.constantFrom(...ids), fc.double({ min: -1e6, max: 1e6, noNaN: true }), (id, value) => {
        const goal = GOALS[id];
        const onSide = goal.kind === "max" ? value <= goal.limit : value >= goal.limit;
        expect(statusOf(value, id)).toBe(onSide ? "met" : "NOT met");
      }),
    );
  });

  it("refuses a figure whose unit is not its goal's", () => {
    expect(() => checkFigure({ name: "Reports p95", value: 0.2, unit: "s", goal: "reports.p95" })).toThrow(
      /in "s" but its goal reports.p95 is in "ms"/,
    );
    expect(() => checkFigure({ name: "Reports p95", value: 200, unit: "ms", goal: "reports.p95" })).not.toThrow();
    expect(() => checkFigure({ name: "x", value: 1, unit: "ms", goal: "no.such-goal" as GoalId })).toThrow(/unknown goal/);
  });
});

describe("formatting", () => {
  it("prints values with digits chosen by unit and size", () => {
    expect(formatValue(1234.5, "ms")).toBe("1,235 ms");
    expect(formatValue(12.34, "ms")).toBe("12.3 ms");
    expect(formatValue(1.234, "ms")).toBe("1.23 ms");
    expect(formatValue(0.0312, "")).toBe("0.031");
    expect(formatValue(1.7345, "×")).toBe("1.73×");
    expect(formatValue(1536, "B")).toBe("1.5 KiB");
    expect(formatValue(512, "B")).toBe("512 B");
    expect(formatValue(NaN, "ms")).toBe("–");
    expect(formatValue(null, "s")).toBe("–");
  });

  it("prints a goal with its direction", () => {
    expect(formatGoal("vitals.lcp")).toBe("≤ 1,000 ms");
    expect(formatGoal("ingestion.ratio")).toBe("≥ 0.50×");
    expect(formatGoal("payout-run.seconds")).toBe("≤ 20.0 s");
    expect(formatGoal(undefined)).toBe("");
  });

  it("ends the run with one table: each figure, its goal, met or not, then the machine's load", () => {
    const text = formatSummary(
      [
        { bench: "reports", name: "Reports, 90 days by creator, p95", value: 695, unit: "ms", goal: "reports.p95" },
        { bench: "portal", name: "portal p95, c=10", value: 41.2, unit: "ms", goal: "portal.p95" },
        { bench: "portal", name: "portal p95, c=1", value: 9.5, unit: "ms" },
      ],
      machine,
    );
    const lines = text.split("\n");
    expect(lines[0]).toMatch(/^benchmark\s+figure\s+value\s+goal/);
    expect(lines.find((l) => l.includes("Reports, 90 days"))).toMatch(/695 ms\s+≤ 150 ms\s+NOT met$/);
    expect(lines.find((l) => l.includes("portal p95, c=10"))).toMatch(/41\.2 ms\s+≤ 50\.0 ms\s+met$/);
    expect(lines.find((l) => l.includes("portal p95, c=1 "))).toMatch(/9\.50 ms$/);
    expect(text).toContain("goals met: 1 of 2");
    expect(text).toContain("machine: 2 × Test CPU");
    expect(text).toContain("0.50 / 0.40 / 0.30 at the start, 3.25 / 1.50 / 0.70 at the end");
    expect(text).toContain("mean 2.10, max 3.25");
    expect(text).toContain("CPU busy over the run (every process): 87 %");
  });
});

describe("the run's JSON (bench/results/<timestamp>.json)", () => {
  it("holds every figure with its goal and verdict, the machine's load, and survives JSON (no NaN)", () => {
    const json = run([
      { bench: "vitals", name: "Home LCP p75", value: 880, unit: "ms", goal: "vitals.lcp" },
      { bench: "vitals", name: "Home INP p75", value: NaN, unit: "ms", goal: "vitals.inp" },
      { bench: "vitals", name: "Home JS loaded", value: 575_000, unit: "B", note: "27 files" },
    ]);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json).toMatchObject({ schema: 1, startedAt: "2026-12-05T05:00:00.000Z", commit: "abc123", failed: false, machine });
    expect(json.figures).toEqual([
      {
        bench: "vitals",
        name: "Home LCP p75",
        value: 880,
        unit: "ms",
        goal: { id: "vitals.lcp", label: "Largest Contentful Paint", kind: "max", limit: 1000, unit: "ms" },
        status: "met",
      },
      {
        bench: "vitals",
        name: "Home INP p75",
        value: null,
        unit: "ms",
        goal: { id: "vitals.inp", label: "Interaction to Next Paint", kind: "max", limit: 100, unit: "ms" },
        status: "not measured",
      },
      { bench: "vitals", name: "Home JS loaded", value: 575_000, unit: "B", goal: null, status: "—", note: "27 files" },
    ]);
  });

  it("is named by the run's start, sortable and without colons", () => {
    expect(resultFileName(new Date("2026-12-05T05:40:12.345Z"))).toBe("2026-12-05T05-40-12Z.json");
  });
});

describe("comparing two runs", () => {
  const before = run([
    { bench: "reports", name: "Reports p95", value: 695, unit: "ms", goal: "reports.p95" },
    { bench: "webhook-ingestion", name: "ratio", value: 0.2, unit: "×", goal: "ingestion.ratio" },
    { bench: "portal", name: "only before", value: 10, unit: "ms" },
  ]);
  const after = run([
    { bench: "reports", name: "Reports p95", value: 139, unit: "ms", goal: "reports.p95" },
    { bench: "webhook-ingestion", name: "ratio", value: 0.1, unit: "×", goal: "ingestion.ratio" },
    { bench: "vitals", name: "only after", value: 0.01, unit: "", goal: "vitals.cls" },
  ]);

  it("gives each figure's change and whether it moved toward its goal", () => {
    const deltas = compareRuns(before, after);
    const of = (name: string) => deltas.find((d) => d.name === name)!;
    expect(of("Reports p95")).toMatchObject({
      before: 695,
      after: 139,
      change: -556,
      direction: "better",
      statusBefore: "NOT met",
      statusAfter: "met",
    });
    expect(of("Reports p95").changePercent).toBeCloseTo(-80, 0);
    // A lower ratio is worse: its goal is a minimum.
    expect(of("ratio")).toMatchObject({ change: expect.closeTo(-0.1, 9), direction: "worse" });
    expect(of("only before")).toMatchObject({ before: 10, after: null, change: null, direction: null });
    expect(of("only after")).toMatchObject({ before: null, after: 0.01, change: null, statusAfter: "met" });
  });

  it("prints the comparison as a table", () => {
    const text = formatComparison(compareRuns(before, after));
    expect(text.split("\n")[0]).toMatch(/^benchmark\s+figure\s+before\s+after\s+change/);
    expect(text).toMatch(/Reports p95\s+695 ms\s+139 ms\s+-556 ms \(-80 %\)\s+better, met/);
  });
});
