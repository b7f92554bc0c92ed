// Signed, expiring onboarding links: base64url("<shopId>.<creatorId>.<expires epoch s>.<linkId>")
// + "." + HMAC-SHA256 over that payload with the app secret. The link id names one issued link so
// that it can be revoked (the creator row keeps the id of its one live link). Pure: the caller
// passes secret and time, and checks the link id against the database.
import { createHmac, timingSafeEqual } from "node:crypto";

export const ONBOARDING_LINK_LIFETIME_SECONDS = 14 * 24 * 3600;

export interface OnboardingClaims {
  shopId: string;
  creatorId: string;
  expiresAt: number;
  linkId: string;
}

const mac = (payload: string, secret: string) => createHmac("sha256", secret).update(`stripe-onboarding:${payload}`).digest("base64url");

export function signOnboardingToken(claims: OnboardingClaims, secret: string): string {
  const payload = Buffer.from(`${claims.shopId}.${claims.creatorId}.${claims.expiresAt}.${claims.linkId}`).toString("base64url");
  return `${payload}.${mac(payload, secret)}`;
}

/** `revoked`: authentic but issued before links had ids (they were not revocable, so none counts). */
export type TokenCheck = { ok: true; claims: OnboardingClaims } | { ok: false; reason: "invalid" | "expired" | "revoked" };

export function verifyOnboardingToken(token: string, secret: string, nowSeconds: number): TokenCheck {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return { ok: false, reason: "invalid" };
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return { ok: false, reason: "invalid" };
  const [shopId, creatorId, expires, linkId, more] = Buffer.from(payload, "base64url").toString("utf8").split(".");
  const expiresAt = Number(expires);
  if (!shopId || !creatorId || !Number.isInteger(expiresAt) || more !== undefined) return { ok: false, reason: "invalid" };
  if (expiresAt <= nowSeconds) return { ok: false, reason: "expired" };
  if (!linkId) return { ok: false, reason: "revoked" };
  return { ok: true, claims: { shopId, creatorId, expiresAt, linkId } };
}
