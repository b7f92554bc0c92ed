import { describe, expect, it } from "vitest";
import { w8benSchema, w9Schema } from "./tax-form-schema";

const W9 = {
  legalName: "Ava Ames",
  taxClassification: "individual",
  addressLine: "1 Market St",
  city: "San Francisco",
  region: "ca",
  postalCode: "94105",
  tinKind: "ssn",
  tin: "123-45-6789",
  certify: "on",
  signature: " ava  ames ",
};

const W8BEN = {
  legalName: "Lena Koch",
  citizenshipCountry: "de",
  addressLine: "Hauptstr. 1",
  city: "Berlin",
  country: "DE",
  dateOfBirth: "1990-04-01",
  certify: "on",
  signature: "Lena Koch",
};

const errorsOf = (result: { success: boolean; error?: { issues: { path: (string | number)[]; message: string }[] } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join("."), issue.message]));

describe("W-9 form", () => {
  it("accepts a valid form and keeps the TIN's digits only", () => {
    const parsed = w9Schema.parse(W9);
    expect(parsed).toMatchObject({ tin: "123456789", region: "CA" });
  });

  it.each([
    ["tin", { tin: "000-12-3456" }, "cannot start with 000, 666 or 9"],
    ["tin", { tinKind: "ein", tin: "07-1234567" }, "no EIN starts with 07"],
    ["tinKind", { taxClassification: "c_corporation" }, "gives its EIN, not an SSN"],
    ["postalCode", { postalCode: "9410" }, "ZIP code"],
    ["region", { region: "California" }, "two letters"],
    ["certify", { certify: undefined }, "Tick the box"],
    ["signature", { signature: "" }, "Type your name to sign."],
    ["signature", { signature: "Someone Else" }, "exactly as in"],
    ["legalName", { legalName: " " }, "Enter the name"],
    ["taxClassification", { taxClassification: "nonsense" }, "Choose the federal tax classification."],
  ])("refuses a bad %s with its sentence", (fieldName, change, sentence) => {
    const errors = errorsOf(w9Schema.safeParse({ ...W9, ...change }));
    expect(errors[fieldName]).toContain(sentence);
  });
});

describe("W-8BEN form", () => {
  it("accepts a valid form", () => {
    expect(w8benSchema.parse(W8BEN)).toMatchObject({ citizenshipCountry: "DE", treatyCountry: null, foreignTaxId: null });
  });

  it.each([
    ["country", { country: "US" }, "US persons fill a W-9"],
    ["citizenshipCountry", { citizenshipCountry: "US" }, "US citizens fill a W-9"],
    ["citizenshipCountry", { citizenshipCountry: "XX" }, "from the list"],
    ["treatyCountry", { treatyArticle: "Article 7" }, "treaty country"],
    ["dateOfBirth", { dateOfBirth: "1990-02-30" }, "date of birth"],
  ])("refuses a bad %s with its sentence", (fieldName, change, sentence) => {
    const errors = errorsOf(w8benSchema.safeParse({ ...W8BEN, ...change }));
    expect(errors[fieldName]).toContain(sentence);
  });
});
