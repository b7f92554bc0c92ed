import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DOMAIN_ERROR_KINDS, statusOfDomainError } from "./domain-error-status";

/** Every code the app throws: `new DomainError("code"` in app/, also when the code is on the next line. */
function thrownCodes(dir = "app"): Set<string> {
  const codes = new Set<string>();
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      for (const code of thrownCodes(path)) codes.add(code);
    } else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) {
      for (const match of readFileSync(path, "utf8").matchAll(/new DomainError\(\s*"([a-z_]+)"/g)) codes.add(match[1]);
    }
  }
  return codes;
}

describe("the domain error → HTTP status table", () => {
  it("gives each kind of refusal its status", () => {
    expect(statusOfDomainError("invalid_input")).toBe(422);
    expect(statusOfDomainError("amount_over_limit")).toBe(422);
    expect(statusOfDomainError("unknown_intent")).toBe(400);
    expect(statusOfDomainError("forbidden")).toBe(403);
    expect(statusOfDomainError("not_found")).toBe(404);
    expect(statusOfDomainError("payout_not_found")).toBe(404);
    expect(statusOfDomainError("illegal_transition")).toBe(409);
    expect(statusOfDomainError("creator_conflict")).toBe(409);
    expect(statusOfDomainError("payout_conflict")).toBe(409);
    expect(statusOfDomainError("onboarding_link_expired")).toBe(410);
    expect(statusOfDomainError("stripe_unreachable")).toBe(503);
  });

  it("treats a code it does not list as input to fix (422), never as not found or a server error", () => {
    expect(statusOfDomainError("some_new_code")).toBe(422);
    expect(statusOfDomainError("constructor")).toBe(422);
  });

  it("lists every code the app throws, and answers 404 only for a missing record", () => {
    const codes = thrownCodes();
    expect(codes.size).toBeGreaterThan(40);
    expect([...codes].filter((code) => !Object.hasOwn(DOMAIN_ERROR_KINDS, code))).toEqual([]);
    for (const [code, kind] of Object.entries(DOMAIN_ERROR_KINDS)) {
      if (kind === "not_found") expect(code).toMatch(/(^|_)not_found$|^invoice_not_issued$/);
      expect(statusOfDomainError(code)).toBeLessThan(500 + (kind === "unavailable" ? 100 : 0));
    }
  });
});
