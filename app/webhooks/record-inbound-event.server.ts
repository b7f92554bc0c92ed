import { Prisma } from "@prisma/client";
import { db } from "../db.server";

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
export async function recordInboundEvent(delivery: InboundDelivery): Promise<RecordedDelivery> {
  const client = db();
  const shop = delivery.shopDomain
    ? await client.shop.findUnique({ where: { domain: delivery.shopDomain }, select: { id: true } })
    : null;
  const shopId = shop?.id ?? null;
  const payload = JSON.stringify(delivery.payload ?? null);

  const inserted = await client.$queryRaw<{ id: string }[]>(Prisma.sql`
    INSERT INTO "InboundEvent" ("source", "deliveryId", "topic", "shopDomain", "shopId", "payload")
    VALUES (${delivery.source}::"InboundSource", ${delivery.deliveryId}, ${delivery.topic},
            ${delivery.shopDomain}, ${shopId}, ${payload}::jsonb)
    ON CONFLICT ("source", "deliveryId") WHERE "status" <> 'duplicate' DO NOTHING
    RETURNING "id"`);
  if (inserted[0]) return { kind: "first", inboundEventId: inserted[0].id, shopId };

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
