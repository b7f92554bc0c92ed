// The creator's preferred rail (issue 15): one of the shop's enabled rails, stored on the creator
// with an audit event. A rail the shop does not enable is refused (400) and nothing is written.
import type { PayoutChannel } from "@prisma/client";
import { recordAuditEvent } from "../../audit/record-audit-event.server";
import { withTransaction } from "../../db/transaction.server";
import { assertRailEnabled } from "../../rails/rail-choices.server";

export async function choosePreferredRail(shopId: string, creatorId: string, rail: string): Promise<PayoutChannel> {
  return withTransaction("short", async (tx) => {
    const shop = await tx.shop.findUniqueOrThrow({ where: { id: shopId }, select: { enabledRails: true } });
    const chosen = assertRailEnabled(shop, rail);
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
