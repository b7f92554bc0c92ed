import { Prisma } from "@prisma/client";
import { db } from "../db.server";
import { JOB } from "../jobs/job-names";

export interface InboundDelivery {
  source: "shopify" | "stripe";
  deliveryId: string;
  topic: string;
  shopDomain: string | null;
  payload: unknown;
}

export type RecordedDelivery =
  | { kind: "first"; inboundEventId: string; shopId: string | null }
  | { kind: "duplicate"; inboundEventId: string; firstInboundEventId: string };

/**
 * Stores an authentic delivery. The first delivery of a (source, delivery id) is the one to
 * process; a repeat is stored as `duplicate` (and counted on the first) and changes nothing else.
 */
export async function recordInboundEvent(
  delivery: InboundDelivery,
  options: { enqueue: boolean } = { enqueue: true },
): Promise<RecordedDelivery> {
  const client = db();
  const payload = JSON.stringify(delivery.payload ?? null);

  // One round trip on the hot path: resolve the shop, store the event and queue its processing
  // job together, so an acknowledged delivery can never be stored without its job.
  const inserted = await client.$queryRaw<{ id: string; shopId: string | null }[]>(Prisma.sql`
    WITH inserted AS (
      INSERT INTO "InboundEvent" ("source", "deliveryId", "topic", "shopDomain", "shopId", "payload")
      VALUES (${delivery.source}::"InboundSource", ${delivery.deliveryId}, ${delivery.topic},
              ${delivery.shopDomain},
              (SELECT "id" FROM "Shop" WHERE "domain" = ${delivery.shopDomain}),
              ${payload}::jsonb)
      ON CONFLICT ("source", "deliveryId") WHERE "status" <> 'duplicate' DO NOTHING
      RETURNING "id", "shopId"
    ), queued AS (
      SELECT graphile_worker.add_job(
        ${JOB.processInboundEvent}, json_build_object('inboundEventId', "id"),
        job_key => "id", max_attempts => 10) AS job
      FROM inserted WHERE ${options.enqueue}
    )
    SELECT inserted."id", inserted."shopId", (SELECT count(*) FROM queued) AS queued FROM inserted`);
  if (inserted[0]) return { kind: "first", inboundEventId: inserted[0].id, shopId: inserted[0].shopId };

  const shop = delivery.shopDomain
    ? await client.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { id: true } })
    : null;
  const shopId = shop?.id ?? null;
  return client.$transaction(async (tx) => {
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

export async function markInboundEvent(
  inboundEventId: string,
  outcome: { status: "processed" | "rejected" | "failed"; reason?: string },
) {
  await db().inboundEvent.update({
    where: { id: inboundEventId },
    data: { status: outcome.status, reason: outcome.reason ?? null, processedAt: new Date() },
  });
}
