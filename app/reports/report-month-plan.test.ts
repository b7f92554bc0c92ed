import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, daysInRange, firstOfNextMonth, type CalendarRange } from "../domain/calendar";
import { reportMonthPlan } from "./report-month-plan";

/** How many times each day is counted: +1 per aggregated month and added range, −1 per subtracted range. */
function dayCounts(plan: ReturnType<typeof reportMonthPlan>): Map<string, number> {
  const counts = new Map<string, number>();
  const count = (range: CalendarRange, by: number) => {
    for (let day = range.from; day <= range.to; day = addDays(day, 1)) counts.set(day, (counts.get(day) ?? 0) + by);
  };
  if (plan.months) {
    for (let month = plan.months.from; month <= plan.months.to; month = firstOfNextMonth(month))
      count({ from: month, to: addDays(firstOfNextMonth(month), -1) }, 1);
  }
  plan.add.forEach((range) => count(range, 1));
  plan.subtract.forEach((range) => count(range, -1));
  for (const [day, n] of counts) if (n === 0) counts.delete(day);
  return counts;
}

describe("reportMonthPlan", () => {
  it("reads last 90 days as two whole months, a week of base rows and the month's future days subtracted", () => {
    expect(reportMonthPlan({ from: "2026-08-25", to: "2026-11-22" })).toEqual({
      months: { from: "2026-09-01", to: "2026-11-01" },
      add: [{ from: "2026-08-25", to: "2026-08-31" }],
      subtract: [{ from: "2026-11-23", to: "2026-11-30" }],
    });
  });

  it("reads a short range inside one month from the base tables only", () => {
    expect(reportMonthPlan({ from: "2026-02-10", to: "2026-02-12" })).toEqual({
      months: null,
      add: [{ from: "2026-02-10", to: "2026-02-12" }],
      subtract: [],
    });
  });

  it("counts every day of the period exactly once and no other day (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 732 }), (start, length) => {
        const period = { from: addDays("2024-01-01", start), to: addDays("2024-01-01", start + length) };
        const plan = reportMonthPlan(period);
        const counts = dayCounts(plan);
        expect(counts.size).toBe(daysInRange(period));
        for (const [day, n] of counts) {
          expect(n).toBe(1);
          expect(day >= period.from && day <= period.to).toBe(true);
        }
        // Edge days read from the base tables never exceed half of each edge month.
        for (const range of [...plan.add, ...plan.subtract]) expect(daysInRange(range)).toBeLessThanOrEqual(16);
      }),
      { numRuns: 40 },
    );
  });

  it("plans a period once: the same frozen plan for the same period, another for another", () => {
    const lifetime = { from: "2000-01-01", to: "2026-12-05" };
    const plan = reportMonthPlan(lifetime);
    expect(reportMonthPlan({ ...lifetime })).toBe(plan);
    expect(Object.isFrozen(plan) && Object.isFrozen(plan.add) && Object.isFrozen(plan.subtract)).toBe(true);
    expect(reportMonthPlan({ from: "2000-01-01", to: "2026-12-06" })).not.toBe(plan);
    expect(plan.months).toEqual({ from: "2000-01-01", to: "2026-11-01" });
  });
});
