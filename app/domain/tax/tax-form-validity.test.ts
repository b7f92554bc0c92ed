import { describe, expect, it } from "vitest";
import { isFormValidOn, needsRenewal, w8benValidThrough } from "./tax-form-validity";

describe("W-8BEN validity", () => {
  it.each([
    ["2026-01-01", "2029-12-31"],
    ["2026-12-31", "2029-12-31"],
    ["2027-06-15", "2030-12-31"],
  ])("signed %s is valid through %s", (signedOn, through) => {
    expect(w8benValidThrough(signedOn)).toBe(through);
  });

  it("is valid on its last day and not the day after", () => {
    const form = { kind: "w8ben" as const, validThrough: "2029-12-31" };
    expect(isFormValidOn(form, "2029-12-31")).toBe(true);
    expect(isFormValidOn(form, "2030-01-01")).toBe(false);
  });

  it("asks for a new one within 90 days of expiry", () => {
    const form = { kind: "w8ben" as const, validThrough: "2029-12-31" };
    expect(needsRenewal(form, "2029-10-02")).toBe(false);
    expect(needsRenewal(form, "2029-10-03")).toBe(true);
    expect(needsRenewal(form, "2030-02-01")).toBe(true);
  });

  it("a W-9 never expires", () => {
    expect(isFormValidOn({ kind: "w9", validThrough: null }, "2099-01-01")).toBe(true);
    expect(needsRenewal({ kind: "w9", validThrough: null }, "2099-01-01")).toBe(false);
  });
});
