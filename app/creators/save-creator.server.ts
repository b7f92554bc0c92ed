import { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { invalidInput } from "../forms/field-errors";
import { parseForm } from "../forms/parse-form";
import { creatorFormSchema } from "./creator-form-schema";
import { withTransaction } from "../db/transaction.server";
import { shopPlanIdOrThrow } from "../plans/plans.server";

export type SaveCreatorResult = { ok: true; creatorId: string };

function uniqueViolationTarget(error: unknown): string | null {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
    return JSON.stringify(error.meta ?? {});
  }
  return null;
}

/**
 * Creates a creator (status `invited` until they accept) or edits one; one audit event each.
 * Bad input, or a referral or discount code another creator holds, throws `invalid_input`.
 */
export async function saveCreator(
  shopId: string,
  form: Record<string, unknown>,
  actor: Actor,
  creatorId?: string,
): Promise<SaveCreatorResult> {
  const input = parseForm(creatorFormSchema, form);
  try {
    const id = await withTransaction("short", async (tx) => {
      const before = creatorId ? await tx.creator.findFirst({ where: { id: creatorId, shopId }, include: { discountCodes: true } }) : null;
      if (creatorId && !before) throw new Response("Creator not found", { status: 404 });
      const commissionPlanId = await shopPlanIdOrThrow(tx, shopId, input.commissionPlanId);
      const data = {
        name: input.name,
        email: input.email,
        socialHandle: input.socialHandle || null,
        referralCode: input.referralCode,
        tags: input.tags,
        notes: input.notes || null,
        commissionPlanId,
      };
      const saved = before
        ? await tx.creator.update({ where: { id: before.id }, data })
        : await tx.creator.create({ data: { shopId, status: "invited", ...data } });
      const existingCodes = before?.discountCodes.map((c) => c.code) ?? [];
      const removed = existingCodes.filter((c) => !input.discountCodes.includes(c));
      if (removed.length) await tx.discountCode.deleteMany({ where: { shopId, creatorId: saved.id, code: { in: removed } } });
      for (const code of input.discountCodes.filter((c) => !existingCodes.includes(c))) {
        await tx.discountCode.create({ data: { shopId, creatorId: saved.id, code } });
      }
      await recordAuditEvent(tx, {
        shopId,
        actor,
        action: before ? "creator.updated" : "creator.created",
        subject: { type: "creator", id: saved.id },
        before: before
          ? {
              ...data,
              name: before.name,
              email: before.email,
              referralCode: before.referralCode,
              commissionPlanId: before.commissionPlanId,
              discountCodes: existingCodes,
            }
          : undefined,
        after: { ...data, discountCodes: input.discountCodes },
      });
      return saved.id;
    });
    return { ok: true, creatorId: id };
  } catch (error) {
    const target = uniqueViolationTarget(error);
    if (target?.includes("referralCode")) throw invalidInput({ referralCode: "Another creator already uses this referral code." });
    if (target?.includes("code")) throw invalidInput({ discountCodes: "One of these discount codes already belongs to another creator." });
    throw error;
  }
}
