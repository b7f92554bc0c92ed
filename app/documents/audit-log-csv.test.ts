import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AUDIT_LOG_CSV_HEADER, auditLogCsvRow, type AuditExportRow } from "./audit-log-csv";
import { zonedDateTime } from "../domain/calendar";

const column = (name: (typeof AUDIT_LOG_CSV_HEADER)[number]) => AUDIT_LOG_CSV_HEADER.indexOf(name);

const paidOffline: AuditExportRow = {
  id: "ev_1",
  occurredAt: new Date("2026-03-31T09:05:09.987Z"),
  actorType: "staff",
  actorId: "9001",
  actorName: "Hana Sato",
  actorEmail: "hana@tokyo.test",
  action: "payout.paid_offline",
  subjectType: "payout",
  subjectId: "po_1",
  creatorId: "cr_1",
  creatorName: "Ava Ames",
  movement: {
    currency: "USD",
    amountMinor: 123450,
    fromAccounts: ["in_payout"],
    toAccounts: ["paid_offline"],
    creatorPayableAfterMinor: -1250,
  },
  before: { status: "ready", amountMinor: 123450, currency: "USD", method: null, reference: null, paidOn: null },
  after: { status: "paid", amountMinor: 123450, currency: "USD", method: "Bank transfer", reference: "WIRE-1", paidOn: "2026-03-31" },
};

describe("audit log CSV row", () => {
  it("gives one cell per header column, spreadsheet-ready", () => {
    const row = auditLogCsvRow(paidOffline, "Asia/Tokyo");
    expect(row).toHaveLength(AUDIT_LOG_CSV_HEADER.length);
    expect(Object.fromEntries(AUDIT_LOG_CSV_HEADER.map((name, index) => [name, row[index]]))).toMatchObject({
      "Occurred at": "2026-03-31 18:05:09",
      "Time zone": "Asia/Tokyo",
      "UTC offset": "UTC+09:00",
      "Staff name": "Hana Sato",
      "Staff email": "hana@tokyo.test",
      Amount: "1234.50",
      Currency: "USD",
      Movement: "in_payout → paid_offline",
      "Payout method": "Bank transfer",
      Reference: "WIRE-1",
      "Payment date": "2026-03-31",
      "Creator balance after": "-12.50",
      "Status before": "ready",
      "Status after": "paid",
    });
  });

  it("writes amounts in the currency's own digits, without separators or symbols", () => {
    const yen = {
      ...paidOffline,
      movement: { ...paidOffline.movement!, currency: "JPY", amountMinor: 1234567, creatorPayableAfterMinor: 0 },
    };
    const row = auditLogCsvRow(yen, "UTC");
    expect([row[column("Amount")], row[column("Currency")], row[column("Creator balance after")]]).toEqual(["1234567", "JPY", "0"]);
  });

  it("shows a payout's amount on a status change that moved no money, and nothing for other events", () => {
    const sent = { ...paidOffline, action: "payout.sent", movement: null, after: { status: "ready", amountMinor: 5000, currency: "EUR" } };
    const row = auditLogCsvRow(sent, "UTC");
    expect([row[column("Amount")], row[column("Currency")], row[column("Movement")], row[column("Creator balance after")]]).toEqual([
      "50.00",
      "EUR",
      "",
      "",
    ]);
    const settings = { ...sent, subjectType: "shop", after: { amountMinor: 5000, currency: "EUR", method: "x" } };
    const other = auditLogCsvRow(settings, "UTC");
    expect([other[column("Amount")], other[column("Currency")], other[column("Payout method")]]).toEqual(["", "", null]);
  });

  it("any amount is a plain decimal number a spreadsheet reads as a number", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.constantFrom("USD", "JPY", "KWD", "EUR"), (amountMinor, currency) => {
        const row = auditLogCsvRow(
          { ...paidOffline, movement: { ...paidOffline.movement!, currency, amountMinor, creatorPayableAfterMinor: amountMinor } },
          "UTC",
        );
        expect(row[column("Amount")]).toMatch(/^-?\d+(\.\d+)?$/);
        expect(row[column("Creator balance after")]).toMatch(/^-?\d+(\.\d+)?$/);
      }),
    );
  });
});

describe("zonedDateTime", () => {
  it("follows daylight saving time and half-hour zones, whole seconds only", () => {
    expect(zonedDateTime(new Date("2026-01-15T12:00:00.999Z"), "America/New_York")).toEqual({
      local: "2026-01-15 07:00:00",
      offset: "UTC-05:00",
    });
    expect(zonedDateTime(new Date("2026-07-15T12:00:00Z"), "America/New_York")).toEqual({
      local: "2026-07-15 08:00:00",
      offset: "UTC-04:00",
    });
    expect(zonedDateTime(new Date("2026-07-15T12:00:00Z"), "Asia/Kolkata")).toEqual({ local: "2026-07-15 17:30:00", offset: "UTC+05:30" });
    expect(zonedDateTime(new Date("2026-12-31T23:59:59Z"), "Asia/Tokyo")).toEqual({ local: "2027-01-01 08:59:59", offset: "UTC+09:00" });
  });

  it("treats an unknown zone as UTC rather than failing the export", () => {
    expect(zonedDateTime(new Date("2026-01-15T12:00:00Z"), "Mars/Olympus")).toEqual({ local: "2026-01-15 12:00:00", offset: "UTC+00:00" });
  });
});
