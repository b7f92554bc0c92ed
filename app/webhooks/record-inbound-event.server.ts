import type { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { pgPool } from "../lib/pg-pool.server";
import { jsonBodyProblem, withoutByteOrderMark } from "./webhook-json";
import { withTransaction } from "../db/transaction.server";

export interface InboundDelivery {
  source: "shopify" | "stripe" | "paypal";
  deliveryId: string;
  topic: string;
  shopDomain: string | null;
  /** The verified body, stored as jsonb without a leading byte-order mark; only scanned on the hot path (webhook-json.ts). */
  rawBody: string;
  /** Set when the caller already knows the authentic body cannot be used: recorded `rejected` with it. */
  unusableReason?: string;
}

export type RecordedDelivery =
  | { kind: "first"; inboundEventId: string; shopId: string | null }
  | { kind: "rejected"; inboundEventId: string; reason: string }
  | { kind: "duplicate"; inboundEventId: string; firstInboundEventId: string };

/** How long the request that records an event keeps it to itself (see `processInline`). */
export const INLINE_LEASE_SECONDS = 300;

// One round trip, one prepared statement per connection: resolve the shop and store the event.
// The row is its own queue entry (status `received`, due at nextAttemptAt); the inbound drain
// (app/jobs/tasks/drain-inbound-events.server.ts) claims it, so nothing else is written here.
const RECORD_EVENT = {
  name: "record_inbound_event",
  text: `
    INSERT INTO "InboundEvent" ("source", "deliveryId", "topic", "shopDomain", "shopId", "payload", "nextAttemptAt")
    VALUES ($1::"InboundSource", $2, $3, $4::text, (SELECT "id" FROM "Shop" WHERE "domain" = $4::text), $5::jsonb,
            now() + make_interval(secs => $6::int))
    ON CONFLICT ("source", "deliveryId") WHERE "status" <> 'duplicate' DO NOTHING
    RETURNING "id", "shopId"`,
};

// An authentic body that cannot be used (not a JSON object, nested too deep, or one PostgreSQL
// cannot take as jsonb): kept as a JSON string, recorded as rejected.
const RECORD_UNUSABLE_EVENT = {
  name: "record_unusable_inbound_event",
  text: `
    INSERT INTO "InboundEvent" ("source", "deliveryId", "topic", "shopDomain", "shopId", "payload",
                                "status", "reason", "processedAt")
    VALUES ($1::"InboundSource", $2, $3, $4::text, (SELECT "id" FROM "Shop" WHERE "domain" = $4::text), to_jsonb($5::text),
            'rejected', $6, now())
    ON CONFLICT ("source", "deliveryId") WHERE "status" <> 'duplicate' DO NOTHING
    RETURNING "id"`,
};

/** PostgreSQL's reasons for refusing a text as jsonb, in words for the event's `reason`. */
const UNUSABLE_BODY: Record<string, string> = {
  "22P02": "body is not JSON", // invalid_text_representation
  "22P05": "body is JSON that PostgreSQL cannot store (\\u0000 in a string)", // untranslatable_character
};

/**
 * Stores an authentic delivery. The first delivery of a (source, delivery id) is the one to
 * process; a repeat is stored as `duplicate` (and counted on the first) and changes nothing else.
 * `processInline`: the caller works the event itself in this request (app/uninstalled), so the
 * drain leaves it alone unless the request dies without finishing it.
 */
export async function recordInboundEvent(delivery: InboundDelivery, options: { processInline?: boolean } = {}): Promise<RecordedDelivery> {
  const keys = [delivery.source, delivery.deliveryId, delivery.topic, delivery.shopDomain];
  const json = withoutByteOrderMark(delivery.rawBody);
  const problem = delivery.unusableReason ?? jsonBodyProblem(json);
  if (problem) return recordUnusable(delivery, keys, json, problem);
  try {
    const { rows } = await pgPool().query<{ id: string; shopId: string | null }>({
      ...RECORD_EVENT,
      values: [...keys, json, options.processInline ? INLINE_LEASE_SECONDS : 0],
    });
    if (rows[0]) return { kind: "first", inboundEventId: rows[0].id, shopId: rows[0].shopId };
  } catch (error) {
    const reason = UNUSABLE_BODY[(error as { code?: string }).code ?? ""];
    if (!reason) throw error;
    return recordUnusable(delivery, keys, json, reason);
  }
  return recordDuplicate(delivery);
}

async function recordUnusable(delivery: InboundDelivery, keys: unknown[], body: string, reason: string): Promise<RecordedDelivery> {
  const { rows } = await pgPool().query<{ id: string }>({ ...RECORD_UNUSABLE_EVENT, values: [...keys, body, reason] });
  if (rows[0]) return { kind: "rejected", inboundEventId: rows[0].id, reason };
  return recordDuplicate(delivery);
}

async function recordDuplicate(delivery: InboundDelivery): Promise<RecordedDelivery> {
  const client = db();
  const shop = delivery.shopDomain ? await client.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { id: true } }) : null;
  const shopId = shop?.id ?? null;
  return withTransaction("short", async (tx) => {
    const first = await tx.inboundEvent.update({
      where: { id: (await findFirstDelivery(tx, delivery)).id },
      data: { retryCount: { increment: 1 } },
      select: { id: true },
    });
    const duplicate = await tx.inboundEvent.create({
      data: {
        source: delivery.source,
        deliveryId: delivery.deliveryId,
        topic: delivery.topic,
        shopDomain: delivery.shopDomain,
        shopId,
        status: "duplicate",
        reason: `repeat of ${first.id}`,
        payload: { duplicateOf: first.id },
        // eslint-disable-next-line layering/no-ambient-clock -- queue bookkeeping beside the SQL now() of receivedAt/nextAttemptAt
        processedAt: new Date(),
      },
      select: { id: true },
    });
    return { kind: "duplicate", inboundEventId: duplicate.id, firstInboundEventId: first.id };
  });
}

async function findFirstDelivery(tx: Prisma.TransactionClient, delivery: InboundDelivery) {
  const first = await tx.inboundEvent.findFirst({
    where: { source: delivery.source, deliveryId: delivery.deliveryId, status: { not: "duplicate" } },
    select: { id: true },
  });
  if (!first) throw new Error(`inbound event ${delivery.deliveryId} vanished`);
  return first;
}

export async function markInboundEvent(inboundEventId: string, outcome: { status: "processed" | "rejected" | "failed"; reason?: string }) {
  await db().inboundEvent.update({
    where: { id: inboundEventId },
    // eslint-disable-next-line layering/no-ambient-clock -- queue bookkeeping, as above
    data: { status: outcome.status, reason: outcome.reason ?? null, processedAt: new Date() },
  });
}
