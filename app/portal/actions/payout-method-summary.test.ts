import fc from "fast-check";
import { electronicFormatIBAN } from "ibantools";
import { describe, expect, it } from "vitest";
import { parsePayoutMethodInput } from "./payout-method-input";
import { maskEmail, maskIban, summarizePayoutDetails } from "./payout-method-summary";

const localPart = fc.stringMatching(/^[a-z0-9._-]{1,30}$/);
const domain = fc.stringMatching(/^[a-z0-9-]{1,20}\.[a-z]{2,6}$/);

describe("masking", () => {
  it("shows an email's first character and domain only", () => {
    fc.assert(
      fc.property(localPart, domain, (local, host) => {
        const masked = maskEmail(`${local}@${host}`);
        expect(masked).toBe(`${local[0]}•••@${host}`);
      }),
    );
    expect(maskEmail("jane@example.com")).toBe("j•••@example.com");
    expect(maskEmail("no-at-sign")).toBe("•••");
  });

  it("shows an IBAN's last four characters only, whatever its spacing", () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/), (iban) => {
        const spaced = iban.replace(/(.{4})/g, "$1 ");
        const masked = maskIban(spaced.toLowerCase());
        expect(masked).toBe(`IBAN •••• ${iban.slice(-4)}`);
        expect(masked).not.toContain(iban.slice(0, 8));
      }),
    );
    expect(maskIban("DE89 3704 0044 0532 0130 00")).toBe("IBAN •••• 3000");
  });

  it("summarises each method", () => {
    expect(summarizePayoutDetails({ method: "paypal", paypalEmail: "jane@example.com" })).toBe("PayPal j•••@example.com");
    expect(summarizePayoutDetails({ method: "bank_transfer", accountHolder: "Jane", iban: "DE89370400440532013000" })).toBe(
      "IBAN •••• 3000",
    );
    expect(summarizePayoutDetails({ method: "other", instructions: "Venmo @jane" })).not.toContain("jane");
  });
});

describe("parsePayoutMethodInput", () => {
  it("accepts a valid IBAN written any way and stores its electronic form", () => {
    const parsed = parsePayoutMethodInput({
      method: "bank_transfer",
      accountHolder: " Jane Doe ",
      iban: "de89 3704 0044 0532 0130 00",
      bic: "cobadeff xxx",
    });
    expect(parsed).toEqual({
      details: { method: "bank_transfer", accountHolder: "Jane Doe", iban: "DE89370400440532013000", bic: "COBADEFFXXX" },
      summary: "IBAN •••• 3000",
    });
  });

  it("refuses any single-character change to a valid IBAN (its check digits catch it)", () => {
    const valid = "DE89370400440532013000";
    fc.assert(
      fc.property(fc.integer({ min: 4, max: valid.length - 1 }), fc.integer({ min: 1, max: 9 }), (position, delta) => {
        const digit = (Number(valid[position]) + delta) % 10;
        const typo = valid.slice(0, position) + digit + valid.slice(position + 1);
        expect(() => parsePayoutMethodInput({ method: "bank_transfer", accountHolder: "Jane", iban: typo })).toThrow(
          "This IBAN is not valid",
        );
      }),
    );
    expect(electronicFormatIBAN(valid)).toBe(valid);
  });

  it("names every field to fix", () => {
    const fieldErrors = (input: Parameters<typeof parsePayoutMethodInput>[0]) => {
      try {
        parsePayoutMethodInput(input);
        return null;
      } catch (error) {
        return Object.keys((error as { details: { fieldErrors: object } }).details.fieldErrors).sort();
      }
    };
    expect(fieldErrors({ method: "bank_transfer" })).toEqual(["accountHolder", "iban"]);
    expect(fieldErrors({ method: "bank_transfer", accountHolder: "J", iban: "DE89370400440532013000", bic: "X" })).toEqual(["bic"]);
    expect(fieldErrors({ method: "paypal", paypalEmail: "jane" })).toEqual(["paypalEmail"]);
    expect(fieldErrors({ method: "other", instructions: " " })).toEqual(["instructions"]);
    expect(fieldErrors({ method: "stripe" })).toEqual(["method"]);
    expect(fieldErrors({ method: "cash" })).toEqual(["method"]);
  });
});
