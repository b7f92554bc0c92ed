// The creator's preferred rail (issue 15): one of the shop's enabled rails, stored on the creator
// with an audit event. A rail the shop does not enable is refused (400) and nothing is written.
import type { PayoutChannel } from "@prisma/client";
import { recordAuditEvent } from "../../audit/record-audit-event.server";
import { db } from "../../db.server";
import { withTransaction } from "../../db/transaction.server";
import { assertRailEnabled, offeredRails } from "../../rails/rail-choices.server";

export async function choosePreferredRail(shopId: string, creatorId: string, rail: string): Promise<PayoutChannel> {
  // Only what the portal offers: enabled and usable now (Stripe connected, store credit granted).
  const shop = await db().shop.findUniqueOrThrow({ where: { id: shopId } });
  const chosen = assertRailEnabled({ enabledRails: await offeredRails(shop) }, rail);
  return withTransaction("short", async (tx) => {
    const before = await tx.creator.findUniqueOrThrow({ where: { id: creatorId, shopId }, select: { preferredRail: true } });
    await tx.creator.update({ where: { id: creatorId, shopId }, data: { preferredRail: chosen } });
    await recordAuditEvent(tx, {
      shopId,
      actor: { type: "creator", id: creatorId },
      action: "creator.preferred_rail_chosen",
      subject: { type: "creator", id: creatorId },
      before: { preferredRail: before.preferredRail },
      after: { preferredRail: chosen },
    });
    return chosen;
  });
}
