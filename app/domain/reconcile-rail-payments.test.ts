import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcileRailPayments, type LedgerPayout, type RailRecord, type ReconciliationKind } from "./reconcile-rail-payments";

const RANGE = { start: new Date("2026-12-01T00:00:00Z"), end: new Date("2026-12-08T00:00:00Z") };
const AT = new Date("2026-12-03T10:00:00Z");

const record = (changes: Partial<RailRecord> = {}): RailRecord => ({
  reference: "tr_1",
  payoutId: "po_1",
  amountMinor: 12_550,
  currency: "USD",
  at: AT,
  state: "paid",
  ...changes,
});
const payout = (changes: Partial<LedgerPayout> = {}): LedgerPayout => ({
  payoutId: "po_1",
  creatorName: "Ava Ames",
  amountMinor: 12_550,
  currency: "USD",
  status: "paid",
  paidAt: AT,
  ...changes,
});

const kinds = (records: RailRecord[], payouts: LedgerPayout[]) =>
  reconcileRailPayments({ records, payouts, range: RANGE }).map((row) => [
    row.kind,
    row.record?.reference ?? null,
    row.payout?.payoutId ?? null,
  ]);

describe("reconciling a rail's records with the ledger's payouts", () => {
  it.each<[string, RailRecord[], LedgerPayout[], [ReconciliationKind, string | null, string | null][]]>([
    ["the same payment on both sides is matched", [record()], [payout()], [["matched", "tr_1", "po_1"]]],
    [
      "a payment at the rail for a payout still processing (a lost answer) is paid at the rail, not in the ledger",
      [record()],
      [payout({ status: "processing", paidAt: null })],
      [["paid_at_rail_not_in_ledger", "tr_1", "po_1"]],
    ],
    [
      "a payment at the rail naming no payout is paid at the rail, not in the ledger",
      [record({ payoutId: null })],
      [],
      [["paid_at_rail_not_in_ledger", "tr_1", null]],
    ],
    [
      "a payment at the rail for a payout of another shop or rail is paid at the rail, not in the ledger",
      [record({ payoutId: "po_elsewhere" })],
      [],
      [["paid_at_rail_not_in_ledger", "tr_1", null]],
    ],
    ["a payout paid in the ledger without a payment at the rail", [], [payout()], [["paid_in_ledger_not_at_rail", null, "po_1"]]],
    [
      "a payout paid in the ledger whose transfer the rail shows reversed",
      [record({ state: "reversed" })],
      [payout()],
      [["paid_in_ledger_not_at_rail", "tr_1", "po_1"]],
    ],
    ["another amount", [record({ amountMinor: 12_500 })], [payout()], [["amount_or_currency_differs", "tr_1", "po_1"]]],
    ["another currency", [record({ currency: "EUR" })], [payout()], [["amount_or_currency_differs", "tr_1", "po_1"]]],
    ["the currency's letter case is no difference", [record({ currency: "usd" })], [payout()], [["matched", "tr_1", "po_1"]]],
    [
      "a second payment for a payout paid once: the matching one is counted, the other is paid at the rail, not in the ledger",
      [record({ reference: "tr_2", amountMinor: 1 }), record()],
      [payout()],
      [
        ["matched", "tr_1", "po_1"],
        ["paid_at_rail_not_in_ledger", "tr_2", "po_1"],
      ],
    ],
    ["a failed item at the rail is no payment", [record({ state: "failed", payoutId: null })], [], [["not_paid_at_rail", "tr_1", null]]],
    ["a payout still processing with nothing at the rail is no row", [], [payout({ status: "processing", paidAt: null })], []],
    [
      "rows whose record and payout are both outside the range are left out",
      [record({ at: new Date("2026-11-30T23:00:00Z") })],
      [payout({ paidAt: new Date("2026-11-30T23:00:00Z") })],
      [],
    ],
    [
      "a payout paid in the range whose payment reached the rail just after it is still matched",
      [record({ at: new Date("2026-12-08T00:00:30Z") })],
      [payout({ paidAt: new Date("2026-12-07T23:59:50Z") })],
      [["matched", "tr_1", "po_1"]],
    ],
  ])("%s", (_name, records, payouts, expected) => {
    expect(kinds(records, payouts)).toEqual(expected);
  });

  it("names each mismatch in a sentence", () => {
    const [row] = reconcileRailPayments({ records: [record({ currency: "EUR" })], payouts: [payout()], range: RANGE });
    expect(row!.sentence).toBe("The rail paid in EUR, the ledger in USD.");
  });

  it("puts every record and every paid payout in exactly one row (property)", () => {
    const payoutIds = ["po_1", "po_2", "po_3", "po_4"];
    const arbitraryRecord = fc.record({
      reference: fc.uuid(),
      payoutId: fc.option(fc.constantFrom(...payoutIds, "po_other"), { nil: null }),
      amountMinor: fc.constantFrom(100, 200),
      currency: fc.constantFrom("USD", "EUR", "usd"),
      at: fc.date({ min: RANGE.start, max: new Date(RANGE.end.getTime() - 1), noInvalidDate: true }),
      state: fc.constantFrom("paid", "pending", "failed", "reversed"),
    });
    const arbitraryPayouts = fc.uniqueArray(
      fc.record({
        payoutId: fc.constantFrom(...payoutIds),
        creatorName: fc.constant("Ava"),
        amountMinor: fc.constantFrom(100, 200),
        currency: fc.constantFrom("USD", "EUR"),
        status: fc.constantFrom("paid", "processing", "failed"),
        paidAt: fc.constant(AT),
      }),
      { selector: (p) => p.payoutId },
    );
    fc.assert(
      fc.property(fc.uniqueArray(arbitraryRecord, { selector: (r) => r.reference, maxLength: 8 }), arbitraryPayouts, (records, payouts) => {
        const rows = reconcileRailPayments({ records, payouts, range: RANGE });
        for (const r of records) expect(rows.filter((row) => row.record === r)).toHaveLength(1);
        for (const p of payouts.filter((p) => p.status === "paid")) {
          // A paid payout's one row says whether it matched, differs or is missing at the rail.
          const own = rows.filter(
            (row) =>
              row.payout === p &&
              (row.kind === "matched" || row.kind === "amount_or_currency_differs" || row.kind === "paid_in_ledger_not_at_rail"),
          );
          expect(own).toHaveLength(1);
        }
        // A payment at the rail is never silently matched to a payout the ledger has not paid.
        for (const row of rows) if (row.kind === "matched") expect(row.payout!.status).toBe("paid");
      }),
      { numRuns: 300 },
    );
  });
});
