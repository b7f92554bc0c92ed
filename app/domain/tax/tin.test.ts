import { describe, expect, it } from "vitest";
import { checkEin, checkSsn, formatTin, maskTin } from "./tin";

describe("SSN format", () => {
  it.each([
    ["123-45-6789", true],
    ["123456789", true],
    ["123 45 6789", true],
    ["001-01-0001", true],
    ["665-99-9999", true],
    ["000-12-3456", false],
    ["666-12-3456", false],
    ["900-12-3456", false],
    ["999-12-3456", false],
    ["123-00-4567", false],
    ["123-45-0000", false],
    ["12-345-678", false],
    ["1234567890", false],
    ["abc-de-fghi", false],
    ["", false],
  ])("%s → valid %s", (value, valid) => {
    expect(checkSsn(value).ok).toBe(valid);
  });

  it("says which part is wrong", () => {
    expect(checkSsn("666-12-3456")).toEqual({ ok: false, message: expect.stringContaining("666") });
    expect(checkSsn("123-00-4567")).toEqual({ ok: false, message: expect.stringContaining("00") });
    expect(checkSsn("123-45-0000")).toEqual({ ok: false, message: expect.stringContaining("0000") });
  });
});

describe("EIN format", () => {
  it.each([
    ["12-3456789", true],
    ["01-2345678", true],
    ["06-2345678", true],
    ["27-1234567", true],
    ["31-1234567", true],
    ["99-1234567", true],
    ["00-1234567", false],
    ["07-1234567", false],
    ["17-1234567", false],
    ["28-1234567", false],
    ["49-1234567", false],
    ["69-1234567", false],
    ["70-1234567", false],
    ["78-1234567", false],
    ["89-1234567", false],
    ["96-1234567", false],
    ["97-1234567", false],
    ["12-345678", false],
  ])("%s → valid %s", (value, valid) => {
    expect(checkEin(value).ok).toBe(valid);
  });
});

describe("masking and printing", () => {
  it("shows the last four digits only", () => {
    expect(maskTin("ssn", "123456789")).toBe("***-**-6789");
    expect(maskTin("ein", "123456789")).toBe("**-***6789");
  });
  it("prints the usual layout", () => {
    expect(formatTin("ssn", "123456789")).toBe("123-45-6789");
    expect(formatTin("ein", "123456789")).toBe("12-3456789");
  });
});
