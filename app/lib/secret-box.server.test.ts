import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { open, seal, SecretBoxError } from "./secret-box.server";

const saved = process.env.ENCRYPTION_KEYS;
afterEach(() => {
  if (saved === undefined) delete process.env.ENCRYPTION_KEYS;
  else process.env.ENCRYPTION_KEYS = saved;
});

const key = () => randomBytes(32).toString("base64");

describe("secrets at rest", () => {
  it("opens what it sealed, for the same shop only", () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), (secret, shopId) => {
        const sealed = seal(secret, shopId);
        expect(sealed).not.toContain(secret.length > 3 ? secret : "\u0000");
        expect(open(sealed, shopId)).toBe(secret);
        expect(() => open(sealed, `${shopId}x`)).toThrow(SecretBoxError);
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a tampered ciphertext", () => {
    const sealed = seal("sk_live_123", "sh_1").split(".");
    const body = Buffer.from(sealed[4], "base64url");
    body[0] ^= 1;
    sealed[4] = body.toString("base64url");
    expect(() => open(sealed.join("."), "sh_1")).toThrow(/tampered/);
  });

  it("rotates keys: new secrets use the first key, old ones still open", () => {
    const k1 = key();
    process.env.ENCRYPTION_KEYS = `k1:${k1}`;
    const old = seal("IBAN DE89 3704 0044 0532 0130 00", "sh_1");
    process.env.ENCRYPTION_KEYS = `k2:${key()},k1:${k1}`;
    const fresh = seal("paypal@creator.test", "sh_1");
    expect(fresh.split(".")[1]).toBe("k2");
    expect(open(old, "sh_1")).toBe("IBAN DE89 3704 0044 0532 0130 00");
    process.env.ENCRYPTION_KEYS = `k2:${key()}`;
    expect(() => open(old, "sh_1")).toThrow(/"k1".*not configured/);
  });

  it("rejects a malformed key configuration", () => {
    process.env.ENCRYPTION_KEYS = "k1:tooshort";
    expect(() => seal("x", "sh_1")).toThrow(/32 bytes/);
  });
});
