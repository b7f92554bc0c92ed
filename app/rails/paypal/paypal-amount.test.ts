import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minorUnitExponent } from "~/domain/currency";
import { fromPayPalMoney, PAYPAL_CURRENCIES, payPalDecimals, toPayPalMoney } from "./paypal-amount";

describe("PayPal amounts from minor units", () => {
  it("writes examples exactly", () => {
    expect(toPayPalMoney(1, "USD")).toEqual({ value: "0.01", currency: "USD" });
    expect(toPayPalMoney(123_456, "eur")).toEqual({ value: "1234.56", currency: "EUR" });
    expect(toPayPalMoney(5000, "JPY")).toEqual({ value: "5000", currency: "JPY" });
    // HUF and TWD have two ISO decimals but PayPal takes whole units.
    expect(toPayPalMoney(12_300, "HUF")).toEqual({ value: "123", currency: "HUF" });
    expect(toPayPalMoney(2n ** 60n, "USD").value).toBe("11529215046068469.76");
  });

  it("refuses what PayPal cannot pay, with a sentence", () => {
    expect(() => toPayPalMoney(12_345, "HUF")).toThrow(/whole units only/);
    expect(() => toPayPalMoney(1000, "KWD")).toThrow(/cannot pay in KWD/);
    expect(() => toPayPalMoney(0, "USD")).toThrow(/more than zero/);
    expect(() => toPayPalMoney(-5, "USD")).toThrow(/more than zero/);
    expect(() => toPayPalMoney(1.5, "USD")).toThrow(/whole number of minor units/);
  });

  it("round-trips every positive amount in every PayPal currency, with PayPal's decimals", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PAYPAL_CURRENCIES), fc.bigInt({ min: 1n, max: 10n ** 18n }), (currency, units) => {
        const step = 10n ** BigInt(minorUnitExponent(currency) - payPalDecimals(currency));
        const amountMinor = units * step;
        const money = toPayPalMoney(amountMinor, currency);
        const decimals = payPalDecimals(currency);
        expect(money.value).toMatch(decimals === 0 ? /^[1-9]\d*$/ : new RegExp(`^(0|[1-9]\\d*)\\.\\d{${decimals}}$`));
        expect(fromPayPalMoney(money)).toEqual({ amountMinor, currency });
      }),
    );
  });

  it("reads PayPal's amounts back exactly and refuses more precision than the currency has", () => {
    expect(fromPayPalMoney({ value: "5", currency: "USD" })).toEqual({ amountMinor: 500n, currency: "USD" });
    expect(fromPayPalMoney({ value: "0.5", currency: "USD" })).toEqual({ amountMinor: 50n, currency: "USD" });
    expect(() => fromPayPalMoney({ value: "1.001", currency: "USD" })).toThrow(/cannot read exactly/);
    expect(() => fromPayPalMoney({ value: "-1.00", currency: "USD" })).toThrow(/cannot read exactly/);
    expect(() => fromPayPalMoney({ value: "1e3", currency: "USD" })).toThrow(/cannot read exactly/);
  });
});
