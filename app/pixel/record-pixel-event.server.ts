// Stores one Web Pixel event exactly once (unique per shop and event id). A checkout may credit an
// order that nothing else credits (app/commissions/load-order-lookups.server.ts); a stored landing is
// then counted as a referral click by the route (app/portal/record-referral-click.server.ts).
import { createHash } from "node:crypto";
import type { Shop } from "@prisma/client";
import { reattributeOrderAfterPixel } from "../commissions/apply-order-delivery.server";
import { lockOrder } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";
import type { PixelEventPayload } from "../domain/pixel/pixel-event-payload";
import { now } from "../lib/clock.server";

export type PixelEventOutcome = "stored" | "duplicate";

export async function recordPixelEvent(shop: Shop, event: PixelEventPayload): Promise<PixelEventOutcome> {
  // Hashed as the click counter hashes it: the table never holds the visitor id in clear.
  const visitorHash = createHash("sha256").update(`${shop.id}:${event.visitorId}`).digest("hex");
  return withTransaction("orderDelivery", async (tx) => {
    // Under the order's lock, so the order webhook and this event see each other in either order.
    if (event.kind === "checkout") await lockOrder(tx, shop.id, event.orderId);
    const inserted = await tx.pixelEvent.createMany({
      data: [
        {
          shopId: shop.id,
          eventId: event.eventId,
          kind: event.kind,
          referralCode: event.referralCode,
          shopifyOrderId: event.kind === "checkout" ? event.orderId : null,
          visitorHash,
          occurredAt: new Date(event.occurredAt),
          receivedAt: now(),
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return "duplicate" as const;
    if (event.kind === "checkout") await reattributeOrderAfterPixel(tx, shop, event.orderId);
    return "stored" as const;
  });
}
