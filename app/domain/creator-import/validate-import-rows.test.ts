import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mapColumns, TEMPLATE_HEADER } from "./import-presets";
import { openingBalanceKey, parseRate, referralCodeFor, validateImportRows, type ShopCreatorsSnapshot } from "./validate-import-rows";

const EMPTY_SHOP: ShopCreatorsSnapshot = { creators: [], discountCodeOwners: new Map(), postedOpeningBalanceKeys: new Set() };
const AVA = {
  id: "cr_ava",
  name: "Ava Chen",
  email: "ava@example.com",
  referralCode: "TAKEN",
  payoutMethod: "paypal" as const,
  rateBasisPoints: 1000,
  discountCodes: ["AVA10"],
};
const SHOP_WITH_AVA: ShopCreatorsSnapshot = {
  creators: [AVA],
  discountCodeOwners: new Map([["AVA10", { creatorId: AVA.id, name: AVA.name }]]),
  postedOpeningBalanceKeys: new Set(),
};
const template = mapColumns([...TEMPLATE_HEADER], "template");
const row = (cells: Partial<Record<(typeof TEMPLATE_HEADER)[number], string>>) => TEMPLATE_HEADER.map((column) => cells[column] ?? "");

describe("validating import rows", () => {
  it("plans a new creator with codes, rate, method and opening balances", () => {
    const result = validateImportRows(
      template,
      [
        row({
          name: "Ben Ode",
          email: "Ben@Example.com",
          referral_code: "ben10",
          discount_codes: "ben15, benvip",
          commission_rate: "12.5%",
          payout_method: "PayPal",
          opening_balance_usd: "120.50",
          opening_balance_eur: "0",
        }),
      ],
      EMPTY_SHOP,
    );
    expect(result.errors).toEqual([]);
    expect(result.rows).toEqual([
      {
        rowNumber: 2,
        action: "create",
        creatorId: null,
        name: "Ben Ode",
        email: "ben@example.com",
        referralCode: "BEN10",
        newDiscountCodes: ["BEN15", "BENVIP"],
        rateBasisPoints: 1250,
        payoutMethod: "paypal",
        openingBalances: [{ currency: "USD", amountMinor: 12050 }],
      },
    ]);
    expect(result.counts).toEqual({ create: 1, update: 0, unchanged: 0, errorRows: 0 });
    expect(result.openingBalances).toEqual([{ currency: "USD", count: 1, totalMinor: 12050 }]);
  });

  it("lists every problem by row and plans nothing", () => {
    const result = validateImportRows(
      template,
      [
        row({ name: "Ok One", email: "one@example.com", referral_code: "ONE1" }),
        row({ name: "No Mail" }),
        row({ name: "Taker", email: "taker@example.com", referral_code: "taken" }),
        row({ name: "Again", email: "ONE@example.com", referral_code: "ONE2" }),
        row({ name: "Rich", email: "rich@example.com", opening_balance_usd: "1000000000.01" }),
        row({ name: "Rate", email: "rate@example.com", commission_rate: "abc", payout_method: "cheque" }),
        row({ name: "Coder", email: "coder@example.com", discount_codes: "AVA10" }),
      ],
      SHOP_WITH_AVA,
    );
    expect(result.errors).toEqual([
      "row 3: email missing",
      "row 4: referral code TAKEN already belongs to Ava Chen",
      "row 5: email one@example.com appears again (first on row 2)",
      "row 6: opening balance USD “1000000000.01”: An amount can be at most USD 1,000,000,000.00.",
      "row 7: commission rate “abc” is not a percentage such as 12.5",
      "row 7: payout method “cheque” is not one of stripe, paypal, bank_transfer, other",
      "row 8: discount code AVA10 already belongs to Ava Chen",
    ]);
    expect(result.rows).toEqual([]);
    expect(result.counts.errorRows).toBe(6);
  });

  it("finds an existing creator by email: unchanged, or an update with what is new", () => {
    const same = row({
      name: "Ava Chen",
      email: "ava@example.com",
      discount_codes: "AVA10",
      commission_rate: "10",
      payout_method: "paypal",
    });
    expect(validateImportRows(template, [same], SHOP_WITH_AVA).rows[0]).toMatchObject({
      action: "unchanged",
      creatorId: "cr_ava",
      referralCode: "TAKEN",
    });
    const more = row({ name: "Ava Chen", email: "ava@example.com", discount_codes: "AVA10 AVA20", opening_balance_usd: "5" });
    expect(validateImportRows(template, [more], SHOP_WITH_AVA).rows[0]).toMatchObject({
      action: "update",
      newDiscountCodes: ["AVA20"],
      openingBalances: [{ currency: "USD", amountMinor: 500 }],
    });
  });

  it("never plans an opening balance twice for the same email and currency", () => {
    const posted = { ...SHOP_WITH_AVA, postedOpeningBalanceKeys: new Set([openingBalanceKey("ava@example.com", "USD")]) };
    const again = row({ name: "Ava Chen", email: "ava@example.com", opening_balance_usd: "5" });
    expect(validateImportRows(template, [again], posted).rows[0]).toMatchObject({ action: "unchanged", openingBalances: [] });
  });

  it("accepts exactly the rates from 0 to 100 % with at most two decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000 }), (bp) => {
        const text = `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, "0")}`;
        expect(parseRate(text)).toBe(bp);
      }),
    );
    expect(typeof parseRate("100.01")).toBe("string");
    expect(typeof parseRate("-1")).toBe("string");
  });

  it("gives the same referral code to the same person, in the accepted shape", () => {
    fc.assert(
      fc.property(fc.string(), fc.emailAddress(), (name, email) => {
        const code = referralCodeFor(name, email);
        expect(code).toMatch(/^[A-Z0-9_-]{3,24}$/);
        expect(referralCodeFor(name, email.toUpperCase())).toBe(code);
      }),
    );
  });

  it("plans a create for each distinct valid row, whatever the order (property)", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 10_000 }), { maxLength: 40 }), (ids) => {
        const rows = ids.map((id) =>
          row({ name: `C ${id}`, email: `c${id}@example.com`, referral_code: `C${id}X`, opening_balance_usd: "1" }),
        );
        const result = validateImportRows(template, rows, EMPTY_SHOP);
        expect(result.errors).toEqual([]);
        expect(result.counts.create).toBe(ids.length);
        expect(result.openingBalances).toEqual(ids.length ? [{ currency: "USD", count: ids.length, totalMinor: 100 * ids.length }] : []);
      }),
    );
  });
});
