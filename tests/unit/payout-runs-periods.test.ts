// The calendar behind run ranges and the automatic schedule (pure; no database).
import { describe, expect, it } from "vitest";
import { lastMonthRange, lastWeekRange, payableWindow, scheduledPeriod } from "~/payout-runs/run-periods";

describe("run periods", () => {
  it.each([
    ["2026-03-10", { from: "2026-02-01", to: "2026-02-28" }],
    ["2024-03-31", { from: "2024-02-01", to: "2024-02-29" }],
    ["2026-01-01", { from: "2025-12-01", to: "2025-12-31" }],
  ])("last month seen from %s", (today, range) => {
    expect(lastMonthRange(today)).toEqual(range);
  });

  it.each([
    ["2026-03-02", { from: "2026-02-23", to: "2026-03-01" }], // Monday
    ["2026-03-08", { from: "2026-02-23", to: "2026-03-01" }], // Sunday: still the same week
    ["2026-01-05", { from: "2025-12-29", to: "2026-01-04" }],
  ])("last week (Monday to Sunday) seen from %s", (today, range) => {
    expect(lastWeekRange(today)).toEqual(range);
  });

  it("schedules on Mondays (weekly) and on the 1st (monthly) only", () => {
    expect(scheduledPeriod("weekly", "2026-03-02")).toEqual({ from: "2026-02-23", to: "2026-03-01" });
    expect(scheduledPeriod("weekly", "2026-03-03")).toBeNull();
    expect(scheduledPeriod("monthly", "2026-03-01")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(scheduledPeriod("monthly", "2026-03-02")).toBeNull();
    expect(scheduledPeriod("manual", "2026-03-01")).toBeNull();
  });

  it("turns calendar days in the shop's zone into instants, the end inclusive to the millisecond", () => {
    expect(payableWindow({ from: "2026-03-01", to: "2026-03-31" }, "Europe/Berlin")).toEqual({
      payableFrom: new Date("2026-02-28T23:00:00Z"), // CET
      payableTo: new Date("2026-03-31T21:59:59.999Z"), // CEST after the 29 March change
    });
  });
});
