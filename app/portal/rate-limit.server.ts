// Fixed-window rate limits shared by every app instance: one upsert on RateLimitBucket counts the
// hit and returns the window's total.
import { createHash } from "node:crypto";
import { db } from "../db.server";
import { now } from "../lib/clock.server";
import { pgPool } from "../lib/pg-pool.server";

export interface RateLimit {
  name: string;
  limit: number;
  windowSeconds: number;
}

export const PORTAL_READS: RateLimit = { name: "portal-read", limit: 120, windowSeconds: 60 };
export const PORTAL_WRITES: RateLimit = { name: "portal-write", limit: 20, windowSeconds: 60 };
export const CLICKS_PER_IP: RateLimit = { name: "clicks-ip", limit: 60, windowSeconds: 60 };
// The Web Pixel posts a landing per page with ?ref and one checkout per order: a browser needs a few.
export const PIXEL_EVENTS_PER_CLIENT: RateLimit = { name: "pixel-events", limit: 60, windowSeconds: 60 };

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Identifiers (customer ids, IP addresses) are hashed: the table never holds them in clear. */
const hashed = (value: string) => createHash("sha256").update(value).digest("base64url").slice(0, 32);

/** The bucket a hit counts in: the rule's current fixed window for this scope and subject. */
export interface RateLimitWindow {
  rule: RateLimit;
  key: string;
  windowStart: Date;
  nowMs: number;
}

export function rateLimitWindow(rule: RateLimit, scope: string, subject: string): RateLimitWindow {
  const windowMs = rule.windowSeconds * 1000;
  const nowMs = now().getTime();
  return { rule, key: `${rule.name}:${scope}:${hashed(subject)}`, windowStart: new Date(Math.floor(nowMs / windowMs) * windowMs), nowMs };
}

/**
 * The hit as SQL, for a statement that counts it along with other reads (the portal's read
 * preamble): `$key` and `$windowStart` are its placeholders, the latter given as UTC ISO text
 * (`windowStart.toISOString()`) for the zone-less column. Returns the window's total, `"hits"`.
 */
export const rateLimitHitSql = (key: string, windowStart: string) =>
  `INSERT INTO "RateLimitBucket" ("key", "windowStart", "hits") VALUES (${key}, ${windowStart}::timestamp(3), 1)
    ON CONFLICT ("key", "windowStart") DO UPDATE SET "hits" = "RateLimitBucket"."hits" + 1
    RETURNING "hits"`;

// Every portal request runs it: a named (prepared once per connection) statement on the pool,
// without Prisma's per-query work. The instant is passed as UTC text for the zone-less column.
const HIT = { name: "rate-limit-hit", text: rateLimitHitSql("$1", "$2") };

/** Whether the window's total `hits` (this hit counted) is within the rule; old windows are dropped now and then. */
export async function rateLimitVerdict(window: RateLimitWindow, hits: number): Promise<RateLimitResult> {
  const { rule, windowStart, nowMs } = window;
  const windowMs = rule.windowSeconds * 1000;
  // Old windows are dropped now and then by whichever request draws the short straw.
  if (Math.random() < 0.01) {
    await db().$executeRaw`DELETE FROM "RateLimitBucket" WHERE "windowStart" < ${new Date(nowMs - 10 * windowMs)}`;
  }
  if (hits <= rule.limit) return { allowed: true };
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart.getTime() + windowMs - nowMs) / 1000)) };
}

export async function hitRateLimit(rule: RateLimit, scope: string, subject: string): Promise<RateLimitResult> {
  const window = rateLimitWindow(rule, scope, subject);
  const {
    rows: [row],
  } = await pgPool().query<{ hits: number }>({ ...HIT, values: [window.key, window.windowStart.toISOString()] });
  return rateLimitVerdict(window, row.hits);
}
