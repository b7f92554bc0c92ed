import { describe, expect, it } from "vitest";
import { demoRequestRefusal } from "./demo-request-guard.server";

const refused = (method: string, host: string | undefined, origin?: string) => demoRequestRefusal({ method, host, origin }) !== null;

describe("the demo's request guard", () => {
  it("serves this machine's browser at localhost or 127.0.0.1", () => {
    expect(refused("GET", "localhost:3000")).toBe(false);
    expect(refused("GET", "127.0.0.1:3000")).toBe(false);
    expect(refused("POST", "localhost:3000", "http://localhost:3000")).toBe(false);
    expect(refused("POST", "LOCALHOST:3000", "http://localhost:3000")).toBe(false);
    // curl and other local non-browser clients send no Origin.
    expect(refused("POST", "localhost:3000")).toBe(false);
  });

  it("refuses any other Host (DNS rebinding), whatever the method", () => {
    for (const host of ["evil.example:3000", "evil.example", "localhost.evil.example:3000", "127.0.0.1.nip.io:3000", "", undefined]) {
      expect(refused("GET", host)).toBe(true);
    }
  });

  it("refuses a state-changing request from another origin", () => {
    for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
      expect(refused(method, "localhost:3000", "https://evil.example")).toBe(true);
      expect(refused(method, "localhost:3000", "null")).toBe(true);
      expect(refused(method, "localhost:3000", "http://localhost:3001")).toBe(true);
      expect(refused(method, "localhost:3000", "https://localhost:3000")).toBe(true);
    }
    expect(refused("GET", "localhost:3000", "https://evil.example")).toBe(false);
  });
});
