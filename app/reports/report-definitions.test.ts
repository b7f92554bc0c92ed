import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addSums,
  formatPercentTenths,
  perOrderMinor,
  percentTenths,
  presetPeriod,
  reportFigures,
  type ReportSums,
} from "./report-definitions";
import { parseReportRequest } from "./report-request";

describe("report periods", () => {
  it("resolves presets against the shop's today, across month and year ends", () => {
    expect(presetPeriod("this_month", "2026-03-15")).toEqual({ from: "2026-03-01", to: "2026-03-15" });
    expect(presetPeriod("last_month", "2026-01-10")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(presetPeriod("last_month", "2024-03-31")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(presetPeriod("last_30_days", "2026-03-01")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(presetPeriod("last_90_days", "2026-11-22")).toEqual({ from: "2026-08-25", to: "2026-11-22" });
    expect(presetPeriod("this_year", "2026-11-22")).toEqual({ from: "2026-01-01", to: "2026-11-22" });
  });

  it("refuses an inverted, open or too long custom range and unknown values", () => {
    const parse = (query: string) => parseReportRequest(new URLSearchParams(query), "2026-11-22");
    expect(parse("period=custom&from=2026-02-01&to=2026-01-01")).toEqual({ ok: false, message: '"from" must be on or before "to".' });
    expect(parse("period=custom&to=2026-01-01")).toMatchObject({ ok: false });
    expect(parse("period=custom&from=2020-01-01&to=2026-01-01")).toMatchObject({ ok: false });
    expect(parse("groupBy=sku")).toMatchObject({ ok: false });
    expect(parse("page=0")).toMatchObject({ ok: false });
    expect(parse("shop=x.myshopify.com&host=abc")).toMatchObject({
      ok: true,
      value: { preset: "this_month", groupBy: "creator", page: 1 },
    });
  });
});

describe("report ratios", () => {
  it("shows — for zero denominators and rounds half-up once", () => {
    expect(percentTenths(1, 0)).toBeNull();
    expect(formatPercentTenths(null)).toBe("—");
    expect(formatPercentTenths(percentTenths(1, 3))).toBe("33.3 %");
    expect(formatPercentTenths(percentTenths(-4900, 15900))).toBe("-30.8 %");
    expect(formatPercentTenths(percentTenths(1, 2000))).toBe("0.1 %"); // 0.05 % rounds up
    expect(formatPercentTenths(-12345678)).toBe("-1,234,567.8 %");
    expect(perOrderMinor(5, 2)).toBe(3);
    expect(perOrderMinor(5, 0)).toBeNull();
    const figures = reportFigures({ ...addSums([]), adjustmentsMinor: -100, revenueMinor: 500 });
    expect(figures.roiTenths).toBeNull(); // a negative cost has no ROI
  });

  it("adds rows exactly and keeps other currencies apart (property)", () => {
    const sums = fc.record({
      orders: fc.nat(1000),
      newCustomerOrders: fc.nat(1000),
      revenueMinor: fc.integer({ min: -1e9, max: 1e9 }),
      commissionMinor: fc.integer({ min: -1e7, max: 1e7 }),
      feesMinor: fc.nat(1e7),
      adjustmentsMinor: fc.integer({ min: -1e6, max: 1e6 }),
      clicks: fc.option(fc.nat(1e5), { nil: null }),
      otherCurrencyCosts: fc.uniqueArray(
        fc.record({ currency: fc.constantFrom("EUR", "GBP", "JPY"), amountMinor: fc.integer({ min: 1, max: 1e6 }) }),
        { selector: (c) => c.currency },
      ),
    }) as fc.Arbitrary<ReportSums>;
    fc.assert(
      fc.property(fc.array(sums, { maxLength: 20 }), (rows) => {
        const total = addSums(rows);
        expect(total.revenueMinor).toBe(rows.reduce((s, r) => s + Number(r.revenueMinor), 0));
        for (const currency of ["EUR", "GBP", "JPY"]) {
          const expected = rows
            .flatMap((r) => r.otherCurrencyCosts)
            .filter((c) => c.currency === currency)
            .reduce((s, c) => s + Number(c.amountMinor), 0);
          expect(total.otherCurrencyCosts.find((c) => c.currency === currency)?.amountMinor ?? 0).toBe(expected);
        }
        // Splitting rows in two and adding the halves gives the same total.
        const half = Math.floor(rows.length / 2);
        const split = addSums([addSums(rows.slice(0, half)), addSums(rows.slice(half))]);
        expect({ ...split, clicks: null }).toEqual({ ...total, clicks: null });
      }),
    );
  });
});
