// Stores one Web Pixel event exactly once (unique per shop and event id) and lets it count:
// a landing is a referral click (the same ReferralClick row the theme embed writes, so Reports
// count it, once per visitor, code and day, whichever of the two reported it); a checkout may
// credit an order that nothing else credits (app/commissions/attribute-order.server.ts).
import { createHash } from "node:crypto";
import type { Shop } from "@prisma/client";
import { reattributeOrderAfterPixel } from "../commissions/apply-order-delivery.server";
import { lockOrder } from "../db/locks.server";
import { withTransaction } from "../db/transaction.server";
import type { PixelEventPayload } from "../domain/pixel/pixel-event-payload";
import { recordReferralClick } from "../portal/record-referral-click.server";

export type PixelEventOutcome = "stored" | "duplicate";

export async function recordPixelEvent(shop: Shop, event: PixelEventPayload): Promise<PixelEventOutcome> {
  // Hashed as the click counter hashes it: the table never holds the visitor id in clear.
  const visitorHash = createHash("sha256").update(`${shop.id}:${event.visitorId}`).digest("hex");
  const outcome = await withTransaction("orderDelivery", async (tx) => {
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
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) return "duplicate" as const;
    if (event.kind === "checkout") await reattributeOrderAfterPixel(tx, shop, event.orderId);
    return "stored" as const;
  });
  if (outcome === "stored" && event.kind === "landing") {
    await recordReferralClick(shop.id, { code: event.referralCode, visitorId: event.visitorId });
  }
  return outcome;
}
