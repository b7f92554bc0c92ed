import type { CreatorStatus } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { DomainError } from "../domain/errors";
import { creatorStatusMachine } from "../domain/status/creator-status";
import { withTransaction } from "../db/transaction.server";
import { applyCreatorStatusToDiscounts } from "../discounts/creator-discounts.server";

/** The merchant's creator actions and the status each leads to. */
export const CREATOR_ACTIONS = {
  pause: "paused",
  resume: "active",
  archive: "archived",
  approve: "active",
  decline: "declined",
} as const satisfies Record<string, CreatorStatus>;

export type CreatorAction = keyof typeof CREATOR_ACTIONS;

/**
 * Moves one creator along the status machine (DOMAIN.md §3). A pause needs a reason: paused
 * creators earn nothing new and the reason is shown on their orders.
 */
export async function changeCreatorStatus(shopId: string, creatorId: string, action: CreatorAction, actor: Actor, reason?: string) {
  const to = CREATOR_ACTIONS[action];
  const trimmedReason = reason?.trim() || null;
  if (action === "pause" && !trimmedReason) {
    throw new DomainError("reason_required", "Say why the creator is paused (e.g. contract on hold): it is shown on their orders.", {
      fieldErrors: { reason: "Enter a reason." },
    });
  }
  return withTransaction("short", async (tx) => {
    const creator = await tx.creator.findFirst({ where: { id: creatorId, shopId } });
    if (!creator) throw new DomainError("creator_not_found", "This creator does not exist in your shop.");
    if (action === "approve" && creator.status !== "applied") {
      throw new DomainError("illegal_transition", `${creator.name} has not applied: only applications can be approved.`);
    }
    creatorStatusMachine.assertTransition(creator.status, to);
    const updated = await tx.creator.updateMany({
      where: { id: creator.id, shopId, status: creator.status },
      data: { status: to, statusReason: trimmedReason },
    });
    if (updated.count === 0) {
      throw new DomainError("creator_conflict", `${creator.name} was changed by someone else just now. Reload to see the latest.`);
    }
    await recordAuditEvent(tx, {
      shopId,
      actor,
      action: `creator.${action}`,
      subject: { type: "creator", id: creator.id },
      before: { status: creator.status, statusReason: creator.statusReason },
      after: { status: to, statusReason: trimmedReason },
    });
    return { name: creator.name, status: to };
  });
}

/** Bulk actions from the Creators index: each creator on its own, with a sentence per outcome. */
export async function changeCreatorStatuses(
  shop: { id: string; domain: string },
  creatorIds: string[],
  action: CreatorAction,
  actor: Actor,
  reason?: string,
) {
  const outcomes: { creatorId: string; ok: boolean; message: string }[] = [];
  for (const creatorId of creatorIds) {
    try {
      const result = await changeCreatorStatus(shop.id, creatorId, action, actor, reason);
      // Their codes in Shopify follow (deactivated unless active again); a refusal is said, not thrown.
      const discountProblem = await applyCreatorStatusToDiscounts(shop, creatorId, result.status === "active");
      outcomes.push({
        creatorId,
        ok: true,
        message: `${result.name} is now ${result.status}.${discountProblem ? ` ${discountProblem}` : ""}`,
      });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      outcomes.push({ creatorId, ok: false, message: error.message });
    }
  }
  return outcomes;
}
