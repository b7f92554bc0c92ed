// Exports open cleanly in a spreadsheet: amounts and percentages are plain numbers (the unit in
// the header), a figure without meaning is an empty cell (never "—"), and times are the shop's
// wall clock without milliseconds.
import { describe, expect, it } from "vitest";
import { reportCsvHeader, reportCsvRow } from "../reports/report-csv";
import { EMPTY_SUMS } from "../reports/report-definitions";
import { csvLines } from "./csv";
import { payoutCsvRow, payoutsCsvHeader, type PayoutExportRow } from "./payouts-csv";

const TOKYO = "Asia/Tokyo";

const payout = (changes: Partial<PayoutExportRow> = {}): PayoutExportRow => ({
  id: "po_1",
  invoiceLabel: "CP-00001",
  creatorName: "Ava Ames",
  creatorEmail: "ava@creators.test",
  status: "paid",
  currency: "USD",
  amountMinor: 15000,
  createdAt: new Date("2026-12-05T05:03:27.456Z"),
  paidOn: "2026-12-06",
  channel: "offline",
  offlineMethod: "PayPal",
  offlineReference: "PP-1",
  stripeTransferId: null,
  ...changes,
});

describe("payouts CSV", () => {
  it("writes the creation time in a Tokyo shop's zone, to the minute, and names the zone in the header", () => {
    expect(payoutsCsvHeader(TOKYO)).toContain("Created (Asia/Tokyo)");
    const row = payoutCsvRow(payout(), TOKYO);
    expect(row[6]).toBe("2026-12-05 14:03");
    // Late evening UTC is the next day in Tokyo.
    expect(payoutCsvRow(payout({ createdAt: new Date("2026-12-31T20:30:00.000Z") }), TOKYO)[6]).toBe("2027-01-01 05:30");
  });

  it("writes the amount as a plain decimal with the currency in its own column, and empty cells for what is missing", () => {
    const line = csvLines([
      payoutCsvRow(payout({ status: "ready", paidOn: null, channel: null, offlineMethod: null, offlineReference: null }), TOKYO),
    ]);
    expect(line).toBe("CP-00001,Ava Ames,ava@creators.test,ready,USD,150.00,2026-12-05 14:03,,,\r\n");
    expect(csvLines([payoutCsvRow(payout({ currency: "JPY", amountMinor: 15000 }), TOKYO)])).toContain(",JPY,15000,");
  });
});

describe("report CSV", () => {
  it("names percentages' unit in the header and writes them as plain numbers", () => {
    const header = reportCsvHeader("creator", "USD");
    expect(header).toEqual(expect.arrayContaining(["ROI (%)", "Conversion (%)", "New customers (%)", "Revenue (USD)"]));
    const row = reportCsvRow(
      "Ava",
      "cr_1",
      { ...EMPTY_SUMS, orders: 1, newCustomerOrders: 1, revenueMinor: 50000, commissionMinor: 5000, feesMinor: 10000, clicks: 8 },
      "USD",
    );
    expect(csvLines([row])).toBe("Ava,cr_1,1,500.00,50.00,100.00,0.00,150.00,,350.00,233.3,150.00,8,12.5,100.0,500.00\r\n");
  });

  it("leaves cells empty where a ratio has no meaning, never a dash", () => {
    const row = reportCsvRow("Launch", "ca_1", { ...EMPTY_SUMS, clicks: null }, "USD");
    expect(row).not.toContain("—");
    expect(csvLines([row])).toBe("Launch,ca_1,0,0.00,0.00,0.00,0.00,0.00,,0.00,,,,,,\r\n");
  });

  it("keeps a negative ratio a number, not a formula-guarded text", () => {
    const row = reportCsvRow("Loss", "cr_2", { ...EMPTY_SUMS, orders: 1, revenueMinor: 1000, commissionMinor: 8000 }, "USD");
    expect(csvLines([row])).toContain(",-87.5,");
  });
});
