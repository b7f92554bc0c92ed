import { now } from "../lib/clock.server";
import { markInboundEvent } from "../webhooks/record-inbound-event.server";
import { withTransaction } from "../db/transaction.server";

/** app/uninstalled: remove the shop's sessions and pause it. Repeats are harmless. */
export async function markShopUninstalled(domain: string, inboundEventId: string) {
  await withTransaction("short", async (tx) => {
    await tx.session.deleteMany({ where: { shop: domain } });
    const shop = await tx.shop.findUnique({ where: { domain } });
    if (shop && shop.installState === "installed") {
      await tx.shop.update({
        where: { id: shop.id },
        data: { installState: "uninstalled", uninstalledAt: now() },
      });
      await tx.auditEvent.create({
        data: {
          shopId: shop.id,
          actorType: "shopify",
          action: "shop.uninstalled",
          subjectType: "shop",
          subjectId: shop.id,
          before: { installState: "installed" },
          after: { installState: "uninstalled" },
        },
      });
    }
  });
  await markInboundEvent(inboundEventId, { status: "processed" });
}
