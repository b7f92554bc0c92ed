import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskIban, noPayoutDetailsSentence, offlineMethodDefault, type PaymentDestination } from "./payment-destination";

describe("the payout page's payment destination", () => {
  it("masks an IBAN to its country, check digits and last four", () => {
    expect(maskIban("FR76 3000 6000 0112 3456 7890 189")).toBe("FR76 •••• •••• 0189");
    expect(maskIban("de89370400440532013000")).toBe("DE89 •••• •••• 3000");
  });

  it("never shows five characters of an IBAN in a row, whatever its length", () => {
    const iban = fc
      .tuple(fc.stringMatching(/^[A-Z]{2}\d{2}$/), fc.stringMatching(/^[A-Z0-9]{11,30}$/))
      .map(([head, tail]) => `${head}${tail}`);
    fc.assert(
      fc.property(iban, (compact) => {
        const masked = maskIban(compact).replace(/ /g, "");
        for (let i = 0; i + 5 <= compact.length; i++) expect(masked).not.toContain(compact.slice(i, i + 5));
        expect(maskIban(compact)).toMatch(/^[A-Z]{2}\d{2} •••• •••• [A-Z0-9]{4}$/);
      }),
    );
  });

  it.each<[PaymentDestination, string]>([
    [{ kind: "paypal", paypalEmail: "ben@paypal.test" }, "PayPal"],
    [{ kind: "bank_transfer", accountHolder: "Hugo Laurent", ibanMasked: "FR76 •••• •••• 0189", bic: null }, "Bank transfer"],
    [{ kind: "other", instructions: "Wise" }, "Other"],
    [{ kind: "summary", method: "paypal", summary: "PayPal b•••@paypal.test" }, "PayPal"],
    [{ kind: "stripe", transfersActive: true }, "Bank transfer"],
    [{ kind: "none", creatorName: "Dev Patel" }, "Bank transfer"],
  ])("defaults the method of %j to %s", (destination, method) => {
    expect(offlineMethodDefault(destination)).toBe(method);
  });

  it("says plainly that a creator has no details", () => {
    expect(noPayoutDetailsSentence("Dev Patel")).toBe(
      "Dev Patel has no payout details: ask them to add them in the portal, or pay by a method you agree on.",
    );
  });
});
