import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signOnboardingToken, verifyOnboardingToken } from "./onboarding-token";

const SECRET = "app-secret";

describe("onboarding tokens", () => {
  it("verify what they sign until they expire", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^sh_[a-z0-9]{1,20}$/),
        fc.stringMatching(/^cr_[a-z0-9]{1,20}$/),
        fc.integer({ min: 1, max: 2 ** 31 }),
        fc.stringMatching(/^[A-Za-z0-9_-]{1,32}$/),
        (shopId, creatorId, expiresAt, linkId) => {
          const token = signOnboardingToken({ shopId, creatorId, expiresAt, linkId }, SECRET);
          expect(verifyOnboardingToken(token, SECRET, expiresAt - 1)).toEqual({
            ok: true,
            claims: { shopId, creatorId, expiresAt, linkId },
          });
          expect(verifyOnboardingToken(token, SECRET, expiresAt)).toEqual({ ok: false, reason: "expired" });
        },
      ),
    );
  });

  it("refuses another secret, a changed payload or signature, and garbage", () => {
    const token = signOnboardingToken({ shopId: "sh_1", creatorId: "cr_1", expiresAt: 2_000_000_000, linkId: "ol_1" }, SECRET);
    expect(verifyOnboardingToken(token, "other", 0)).toEqual({ ok: false, reason: "invalid" });
    const [payload, signature] = token.split(".");
    const otherLink = Buffer.from("sh_1.cr_1.2000000000.ol_2").toString("base64url");
    expect(verifyOnboardingToken(`${otherLink}.${signature}`, SECRET, 0).ok).toBe(false);
    expect(verifyOnboardingToken(`${payload}.${signature!.slice(0, -1)}A`, SECRET, 0).ok).toBe(false);
    for (const junk of ["", ".", "a.b.c", "abc"]) expect(verifyOnboardingToken(junk, SECRET, 0).ok).toBe(false);
  });

  it("treats an authentic link from before link ids as revoked (it could not be revoked otherwise)", () => {
    const payload = Buffer.from("sh_1.cr_1.2000000000").toString("base64url");
    const legacy = `${payload}.${createHmac("sha256", SECRET).update(`stripe-onboarding:${payload}`).digest("base64url")}`;
    expect(verifyOnboardingToken(legacy, SECRET, 0)).toEqual({ ok: false, reason: "revoked" });
    expect(verifyOnboardingToken(legacy, SECRET, 2_000_000_000)).toEqual({ ok: false, reason: "expired" });
  });
});
