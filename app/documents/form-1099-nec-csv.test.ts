import { describe, expect, it } from "vitest";
import { FORM_1099_NEC_HEADER, form1099NecRows } from "./form-1099-nec-csv";

const payer = {
  name: "Trail Co LLC",
  addressLines: ["1 Market St", "San Francisco CA 94105", "United States"],
  stateIds: new Map([["TX", "3210987654"]]),
};

describe("1099-NEC CSV", () => {
  it("one row per reportable creator with payer fields, form data and box 1 in dollars", () => {
    const rows = form1099NecRows(payer, [
      {
        creatorId: "cr_1",
        creatorName: "Ava",
        box1Minor: 212_345,
        form: {
          legalName: "Ava Marie Ames",
          businessName: "Ava Makes",
          tinKind: "ssn",
          tin: "123456789",
          addressLine: "2 Pine St",
          city: "Austin",
          state: "TX",
          zip: "78701",
        },
      },
      {
        creatorId: "cr_2",
        creatorName: "Bob",
        box1Minor: 200_000,
        form: {
          legalName: "Bob Studio Inc",
          businessName: null,
          tinKind: "ein",
          tin: "123456789",
          addressLine: "3 Oak St",
          city: "Reno",
          state: "NV",
          zip: "89501",
        },
      },
      { creatorId: "cr_3", creatorName: "Cy Doe", box1Minor: 250_001, form: null },
    ]);
    expect(rows[0]).toEqual([...FORM_1099_NEC_HEADER]);
    const cell = (row: number, column: (typeof FORM_1099_NEC_HEADER)[number]) => rows[row][FORM_1099_NEC_HEADER.indexOf(column)];
    expect(cell(1, "Filer Name Line 1")).toBe("Trail Co LLC");
    expect(cell(1, "Filer Address Line 2")).toBe("San Francisco CA 94105, United States");
    expect([
      cell(1, "Rcp TIN"),
      cell(1, "Rcp TIN Type"),
      cell(1, "First Name"),
      cell(1, "Last Name/Company"),
      cell(1, "Name Line 2"),
    ]).toEqual(["123-45-6789", "2", "Ava Marie", "Ames", "Ava Makes"]);
    expect(cell(1, "Box 1 Amount")).toBe("2123.45");
    expect([cell(2, "Rcp TIN"), cell(2, "Rcp TIN Type"), cell(2, "First Name"), cell(2, "Last Name/Company")]).toEqual([
      "12-3456789",
      "1",
      "",
      "Bob Studio Inc",
    ]);
    expect([cell(3, "Rcp TIN"), cell(3, "Last Name/Company"), cell(3, "Box 1 Amount")]).toEqual(["", "Doe", "2500.01"]);
  });

  it("state boxes 5–7: the recipient's W-9 state, the shop's payer id for it when known, and the year's total as state income", () => {
    const form = {
      legalName: "Ava Ames",
      businessName: null,
      tinKind: "ssn" as const,
      tin: "123456789",
      addressLine: "2 Pine St",
      city: "Austin",
      zip: "78701",
    };
    const rows = form1099NecRows(payer, [
      { creatorId: "cr_1", creatorName: "Ava", box1Minor: 212_345, form: { ...form, state: "tx" } },
      { creatorId: "cr_2", creatorName: "Bob", box1Minor: 300_000, form: { ...form, state: "NV" } },
      { creatorId: "cr_3", creatorName: "Cy Doe", box1Minor: 250_001, form: null },
    ]);
    const boxes = (row: number) =>
      (["Box 5 Amount", "Box 6 State", "Box 6 ID Number", "Box 7 Amount"] as const).map((c) => rows[row][FORM_1099_NEC_HEADER.indexOf(c)]);
    expect(boxes(1)).toEqual(["0.00", "TX", "3210987654", "2123.45"]);
    expect(boxes(2)).toEqual(["0.00", "NV", "", "3000.00"]);
    expect(boxes(3)).toEqual(["", "", "", ""]);
  });
});
