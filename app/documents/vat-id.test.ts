import { describe, expect, it } from "vitest";
import { checkVatId, vatPrefix } from "./vat-id";

describe("checkVatId", () => {
  it.each([
    ["DE 123 456 789", "DE", "DE123456789"],
    ["123456789", "DE", "DE123456789"],
    ["be0123.456.789", "BE", "BE0123456789"],
    ["ATU12345678", "AT", "ATU12345678"],
    ["NL123456789B01", "NL", "NL123456789B01"],
    ["EL123456789", "GR", "EL123456789"],
    ["FRAB123456789", "FR", "FRAB123456789"],
    ["ESX1234567X", "ES", "ESX1234567X"],
    ["IE1234567WA", "IE", "IE1234567WA"],
    ["SE123456789001", "SE", "SE123456789001"],
    ["GB123456789", "GB", "GB123456789"],
    ["XI123456789", "GB", "XI123456789"],
    ["CHE-123.456.789 MWST", "CH", "CHE123456789MWST"],
    ["AB12CD", "ZZ", "ZZAB12CD"],
  ])("accepts %s for %s as %s", (input, country, vatId) => {
    expect(checkVatId(input, country)).toEqual({ ok: true, vatId });
  });

  it.each([
    ["", "DE", "Enter the VAT number."],
    ["DE12345678", "DE", "This VAT number does not have the DE format, e.g. DE123456789."],
    ["BE2123456789", "BE", "This VAT number does not have the BE format, e.g. BE0123456789."],
    ["NL123456789", "NL", "This VAT number does not have the NL format, e.g. NL123456789B01."],
    ["SE123456789012", "SE", "This VAT number does not have the SE format, e.g. SE123456789001."],
    ["FR123456789", "BE", "This VAT number starts with FR, but the country is BE. Enter the BE number, e.g. BE0123456789."],
    ["GR123456789", "GR", "This VAT number does not have the EL format, e.g. EL123456789."],
    ["A", "ZZ", "A VAT number has 2 to 15 letters and digits after the country prefix."],
  ])("refuses %s for %s with a sentence", (input, country, message) => {
    expect(checkVatId(input, country)).toEqual({ ok: false, message });
  });

  it("uses EL for Greece", () => expect(vatPrefix("gr")).toBe("EL"));
});
