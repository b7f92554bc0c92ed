import { createCipheriv, randomBytes } from "node:crypto";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { isSealedWithCurrentKey, open, seal, SecretBoxError, type SealedField } from "./secret-box.server";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

const key = () => randomBytes(32).toString("base64");
const field = (overrides: Partial<SealedField> = {}): SealedField => ({
  shopId: "sh_1",
  table: "Creator",
  column: "payoutDetailsCiphertext",
  rowId: "cr_ava",
  ...overrides,
});

/** What the first format (bound to the shop only) wrote, byte for byte. */
function sealV1(plaintext: string, shopId: string, keyId: string, keyBytes: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyBytes, iv);
  cipher.setAAD(Buffer.from(shopId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", keyId, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

describe("secrets at rest", () => {
  it("opens what it sealed only at the same shop, table, column and row", () => {
    const parts = fc.string({ minLength: 1, maxLength: 12 });
    fc.assert(
      fc.property(fc.string(), parts, parts, parts, (secret, shopId, column, rowId) => {
        const home = field({ shopId, column, rowId });
        const sealed = seal(secret, home);
        expect(sealed.startsWith("v2.")).toBe(true);
        expect(open(sealed, home)).toBe(secret);
        for (const elsewhere of [{ shopId: `${shopId}x` }, { rowId: `${rowId}x` }, { column: `${column}x` }, { table: "Shop" as const }]) {
          expect(() => open(sealed, { ...home, ...elsewhere })).toThrow(SecretBoxError);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("refuses a value copied to another creator of the same shop, with a sentence naming the row", () => {
    const sealed = seal('{"method":"paypal","paypalEmail":"ava@creator.test"}', field({ rowId: "cr_ava" }));
    expect(() => open(sealed, field({ rowId: "cr_mallory" }))).toThrow(
      /Creator\.payoutDetailsCiphertext of cr_mallory does not open: .*copied from another row/,
    );
  });

  it("refuses a tampered ciphertext", () => {
    const sealed = seal("sk_live_123", field()).split(".");
    const body = Buffer.from(sealed[4], "base64url");
    body[0] ^= 1;
    sealed[4] = body.toString("base64url");
    expect(() => open(sealed.join("."), field())).toThrow(/tampered/);
  });

  it("refuses a truncated authentication tag (GCM would otherwise accept 4 to 16 bytes)", () => {
    const sealed = seal("sk_live_123", field()).split(".");
    for (const length of [4, 8, 12, 15]) {
      const truncated = [...sealed];
      truncated[3] = Buffer.from(sealed[3], "base64url").subarray(0, length).toString("base64url");
      expect(() => open(truncated.join("."), field())).toThrow(/authentication tag is not 16 bytes/);
    }
  });

  it("still opens the shop-bound v1 format, which re-sealing upgrades", () => {
    const k1 = randomBytes(32);
    process.env.ENCRYPTION_KEYS = `k1:${k1.toString("base64")}`;
    const legacy = sealV1("IBAN DE89 3704 0044 0532 0130 00", "sh_1", "k1", k1);
    expect(open(legacy, field())).toBe("IBAN DE89 3704 0044 0532 0130 00");
    expect(() => open(legacy, field({ shopId: "sh_2" }))).toThrow(SecretBoxError);
    expect(isSealedWithCurrentKey(legacy)).toBe(false);
    expect(isSealedWithCurrentKey(seal("x", field()))).toBe(true);
  });

  it("rotates keys: new secrets use the first key, old ones still open", () => {
    const k1 = key();
    process.env.ENCRYPTION_KEYS = `k1:${k1}`;
    const old = seal("IBAN DE89 3704 0044 0532 0130 00", field());
    process.env.ENCRYPTION_KEYS = `k2:${key()},k1:${k1}`;
    const fresh = seal("paypal@creator.test", field());
    expect(fresh.split(".")[1]).toBe("k2");
    expect(isSealedWithCurrentKey(old)).toBe(false);
    expect(open(old, field())).toBe("IBAN DE89 3704 0044 0532 0130 00");
    process.env.ENCRYPTION_KEYS = `k2:${key()}`;
    expect(() => open(old, field())).toThrow(/"k1".*not configured/);
  });

  it("rejects a malformed key configuration", () => {
    process.env.ENCRYPTION_KEYS = "k1:tooshort";
    expect(() => seal("x", field())).toThrow(/32 bytes/);
  });

  it("uses the public development key only in the test suite and demo mode", () => {
    delete process.env.ENCRYPTION_KEYS;
    expect(open(seal("x", field()), field())).toBe("x"); // this is the test suite
    delete process.env.VITEST;
    expect(() => seal("x", field())).toThrow(/ENCRYPTION_KEYS is required outside demo mode and the test suite/);
    process.env.VITEST = "true";
    process.env.NODE_ENV = "production";
    expect(() => seal("x", field())).toThrow(/ENCRYPTION_KEYS is required/);
  });
});
