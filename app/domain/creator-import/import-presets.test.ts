import { describe, expect, it } from "vitest";
import { detectPreset, mapColumns, TEMPLATE_HEADER } from "./import-presets";

describe("import column presets", () => {
  it("reads the app's own template, opening balances by currency", () => {
    const mapping = mapColumns([...TEMPLATE_HEADER], "template");
    expect(mapping.problems).toEqual([]);
    expect(mapping.fields).toMatchObject({ name: 0, email: 1, referralCode: 2, discountCodes: 3, commissionRate: 4, payoutMethod: 5 });
    expect(mapping.balances).toEqual([
      { currency: "USD", index: 6 },
      { currency: "EUR", index: 7 },
    ]);
  });

  it("reads a Refersion file by its documented column names", () => {
    const header = ["First Name", "Last Name", "Email Address", "Offer ID", "PayPal email", "Coupon"];
    expect(detectPreset(header)).toBe("refersion");
    const mapping = mapColumns(header, "refersion");
    expect(mapping.problems).toEqual([]);
    expect(mapping.fields).toMatchObject({ firstName: 0, lastName: 1, email: 2, paypalEmail: 4, discountCodes: 5 });
  });

  it("recognises UpPromote's first_name, last_name, email and the template's header", () => {
    expect(detectPreset(["first_name", "last_name", "email"])).toBe("uppromote");
    expect(detectPreset([...TEMPLATE_HEADER])).toBe("template");
    expect(mapColumns(["first_name", "last_name", "email"], "uppromote").fields).toEqual({ firstName: 0, lastName: 1, email: 2 });
  });

  it("names a missing email column and an unknown currency column", () => {
    const mapping = mapColumns(["name", "opening_balance_xyz"], "template");
    expect(mapping.problems).toEqual([
      "row 1: column “opening_balance_xyz” names XYZ, which is not a currency code such as USD.",
      "row 1: no email column (the Creator Payouts template format calls it “email”).",
    ]);
  });
});
