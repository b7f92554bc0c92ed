import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { todayInTimeZone } from "../domain/calendar";
import { now } from "../lib/clock.server";

const CODE = /^[A-Z0-9_-]{1,64}$/;
const VISITOR = /^[0-9a-f-]{16,64}$/;

/**
 * Counts a referral click at most once per shop, code, visitor and day (the shop's day, as Reports
 * count clicks per period in the shop's time zone), in one statement:
 * the creator is found by its referral code in the same INSERT … SELECT (an unknown code inserts
 * nothing) and the unique key absorbs repeats. The visitor id is stored only as a hash.
 * Returns whether a new click was counted.
 */
export async function recordReferralClick(shopId: string, input: { code: unknown; visitorId: unknown }): Promise<boolean> {
  const code = typeof input.code === "string" ? input.code.trim().toUpperCase() : "";
  const visitorId = typeof input.visitorId === "string" ? input.visitorId.trim().toLowerCase() : "";
  if (!CODE.test(code) || !VISITOR.test(visitorId)) return false;
  const visitorHash = createHash("sha256").update(`${shopId}:${visitorId}`).digest("hex");
  const shop = await db().shop.findUnique({ where: { id: shopId }, select: { timezone: true } });
  const day = todayInTimeZone(now(), shop?.timezone ?? "UTC");
  const inserted = await db().$executeRaw(Prisma.sql`
    INSERT INTO "ReferralClick" ("shopId", "creatorId", "code", "visitorHash", "day")
    SELECT c."shopId", c."id", c."referralCode", ${visitorHash}, ${day}::date
    FROM "Creator" c
    WHERE c."shopId" = ${shopId} AND c."referralCode" = ${code} AND c."status" IN ('active', 'paused', 'invited')
    ON CONFLICT ("shopId", "code", "visitorHash", "day") DO NOTHING`);
  return inserted > 0;
}
