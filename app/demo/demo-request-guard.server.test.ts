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

  it("leaves signed routes (the app proxy, webhooks) to their own checks, and only those", () => {
    const post = (path: string) =>
      demoRequestRefusal({ method: "POST", host: "127.0.0.1:3000", origin: "http://127.0.0.1:4000", path }) !== null;
    expect(post("/proxy/portal")).toBe(false);
    expect(post("/webhooks/orders/create")).toBe(false);
    expect(post("/app/creators/new")).toBe(true);
    expect(post("/app/proxy/portal")).toBe(true);
    expect(
      demoRequestRefusal({ method: "POST", host: "evil.example", origin: "http://evil.example", path: "/proxy/portal" }),
    ).not.toBeNull();
  });
});
