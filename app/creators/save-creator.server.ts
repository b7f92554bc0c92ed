import { Prisma } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { invalidInput } from "../forms/field-errors";
import { seal } from "../lib/secret-box.server";
import { creatorTaxIdField } from "../lib/sealed-columns.server";
import { parseForm } from "../forms/parse-form";
import { creatorFormSchema } from "./creator-form-schema";
import { readMaskedTaxId } from "./masked-tax-id.server";
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
        locale: input.locale || null,
        postalAddress: input.postalAddress || null,
        taxCountry: input.taxCountry || null,
      };
      let saved = before
        ? await tx.creator.update({ where: { id: before.id }, data })
        : await tx.creator.create({ data: { shopId, status: "invited", ...data } });
      // The tax id is sealed to its row, so a new creator's is written once the row has its id.
      // Blank keeps the one on file; "remove" clears it.
      if (input.taxId || input.removeTaxId) {
        const taxIdCiphertext = input.taxId ? seal(input.taxId, creatorTaxIdField(saved)) : null;
        saved = await tx.creator.update({ where: { id: saved.id }, data: { taxIdCiphertext } });
      }
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
        before: before ? { ...auditView(before), discountCodes: existingCodes } : undefined,
        after: { ...auditView(saved), discountCodes: input.discountCodes },
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

type CreatorRow = Prisma.CreatorGetPayload<object>;

/** What the audit trail records of a creator's form fields: the tax id masked, never in clear. */
function auditView(creator: CreatorRow) {
  return {
    name: creator.name,
    email: creator.email,
    socialHandle: creator.socialHandle,
    referralCode: creator.referralCode,
    tags: creator.tags,
    notes: creator.notes,
    commissionPlanId: creator.commissionPlanId,
    locale: creator.locale,
    postalAddress: creator.postalAddress,
    taxCountry: creator.taxCountry,
    taxId: readMaskedTaxId(creator),
  };
}
