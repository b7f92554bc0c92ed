// The shop's staff, as far as the app knows them. There is no staff table (Shopify does not tell
// an app who the staff are without extra scopes): the app knows a staff member once they opened it,
// from their online session (token exchange: Shopify user id, name, email) or from the staff
// actors on the audit trail (the last 365 days), plus anyone already chosen as an approver.
import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { now } from "../lib/clock.server";

export interface StaffMember {
  /** The Shopify user id (what the audit trail records as the actor id). */
  id: string;
  name: string | null;
  email: string | null;
}

const AUDIT_LOOKBACK_MS = 365 * 24 * 3600_000;

export async function listShopStaff(shop: { id: string; domain: string }): Promise<StaffMember[]> {
  const since = new Date(now().getTime() - AUDIT_LOOKBACK_MS);
  const [sessions, actors, approvers] = await Promise.all([
    db().$queryRaw<{ id: string; firstName: string | null; lastName: string | null; email: string | null }[]>(Prisma.sql`
      SELECT DISTINCT ON ("userId") "userId"::text AS "id", "firstName", "lastName", "email"
        FROM "Session" WHERE "shop" = ${shop.domain} AND "isOnline" AND "userId" IS NOT NULL
       ORDER BY "userId", "expires" DESC NULLS LAST`),
    db().$queryRaw<{ id: string; name: string | null; email: string | null }[]>(Prisma.sql`
      SELECT DISTINCT ON ("actorId") "actorId" AS "id", "actorName" AS "name", "actorEmail" AS "email"
        FROM "AuditEvent"
       WHERE "shopId" = ${shop.id} AND "occurredAt" >= ${since} AND "actorType" = 'staff' AND "actorId" IS NOT NULL AND "actorName" IS NOT NULL
       ORDER BY "actorId", "occurredAt" DESC`),
    db().payoutApprover.findMany({ where: { shopId: shop.id } }),
  ]);
  const staff = new Map<string, StaffMember>();
  const text = (value: string | null) => (value && value !== "null" ? value.trim() || null : null);
  for (const approver of approvers) staff.set(approver.staffId, { id: approver.staffId, name: approver.name, email: approver.email });
  for (const actor of actors) staff.set(actor.id, { id: actor.id, name: text(actor.name), email: text(actor.email) });
  for (const session of sessions) {
    const name = [text(session.firstName), text(session.lastName)].filter(Boolean).join(" ") || null;
    staff.set(session.id, { id: session.id, name: name ?? staff.get(session.id)?.name ?? null, email: text(session.email) });
  }
  return [...staff.values()].sort((a, b) => (a.name ?? a.id).localeCompare(b.name ?? b.id));
}
