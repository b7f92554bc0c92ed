import { describe, expect, it } from "vitest";
import { countryOptions, isCountryCode } from "./countries";
import { maskTaxId } from "./mask-tax-id";

describe("tax countries", () => {
  it("are ISO 3166-1 alpha-2 countries, not unions or reserved regions", () => {
    for (const code of ["DE", "FR", "US", "GR", "JP"]) expect(isCountryCode(code)).toBe(true);
    for (const code of ["EU", "UN", "ZZ", "XX", "de", "DEU", ""]) expect(isCountryCode(code)).toBe(false);
    expect(countryOptions().find((country) => country.code === "FR")?.name).toBe("France");
  });
});

describe("a masked tax id", () => {
  it("shows at most the last four characters, and none of a short id", () => {
    expect(maskTaxId("FR 40 303265045")).toBe("•••• 5045");
    expect(maskTaxId("1234567")).toBe("••••");
  });
});
