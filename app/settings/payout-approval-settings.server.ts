// Settings → "Two-person approval": per currency, the amount above which a payout needs a second
// approval (`approvalThreshold_<CUR>`, empty: off), and which staff members may approve
// (`approver_<staffId>` checkboxes, chosen from listShopStaff).
import type { Shop } from "@prisma/client";
import type { Actor } from "../audit/actor";
import { recordAuditEvent } from "../audit/record-audit-event.server";
import { db } from "../db.server";
import { withTransaction } from "../db/transaction.server";
import { isDomainError } from "../domain/errors";
import { parseMoney, toDecimalString } from "../domain/money";
import { invalidInput } from "../forms/field-errors";
import { listShopStaff, type StaffMember } from "./list-shop-staff.server";
import { now } from "../lib/clock.server";

export interface PayoutApprovalSettingsView {
  thresholds: { currency: string; amount: string }[];
  staff: (StaffMember & { approver: boolean })[];
}

/** `currencies`: the shop currency and the others creators earn in (as the minimums list them). */
export async function readPayoutApprovalSettings(shop: Shop, currencies: readonly string[]): Promise<PayoutApprovalSettingsView> {
  const [thresholds, approvers, staff] = await Promise.all([
    db().payoutApprovalThreshold.findMany({ where: { shopId: shop.id } }),
    db().payoutApprover.findMany({ where: { shopId: shop.id }, select: { staffId: true } }),
    listShopStaff(shop),
  ]);
  const approverIds = new Set(approvers.map((a) => a.staffId));
  const all = [...new Set([...currencies, ...thresholds.map((t) => t.currency)])];
  return {
    thresholds: all.map((currency) => {
      const set = thresholds.find((t) => t.currency === currency);
      return { currency, amount: set ? toDecimalString({ amountMinor: Number(set.amountMinor), currency }) : "" };
    }),
    staff: staff.map((member) => ({ ...member, approver: approverIds.has(member.id) })),
  };
}

const checked = (value: unknown) => value === "on" || value === "true";

export async function savePayoutApprovalSettings(shop: Shop, form: Record<string, unknown>, actor: Actor): Promise<void> {
  const fieldErrors: Record<string, string> = {};
  const thresholds: { currency: string; amountMinor: number | null }[] = [];
  for (const [field, raw] of Object.entries(form)) {
    const match = /^approvalThreshold_([A-Z]{3})$/.exec(field);
    if (!match) continue;
    const input = String(raw ?? "").trim();
    if (!input) {
      thresholds.push({ currency: match[1], amountMinor: null });
      continue;
    }
    try {
      // parseMoney holds the amount to the business maximum (amount_over_limit) and the currency's decimals.
      const { amountMinor } = parseMoney(input, match[1]);
      if (amountMinor <= 0) fieldErrors[field] = "Enter an amount greater than zero, or leave it empty for no second approval.";
      else thresholds.push({ currency: match[1], amountMinor });
    } catch (error) {
      fieldErrors[field] = isDomainError(error) ? error.message : `Enter an amount in ${match[1]}, e.g. 5000.00.`;
    }
  }
  const staff = await listShopStaff(shop);
  const known = new Map(staff.map((member) => [member.id, member]));
  const chosen: StaffMember[] = [];
  for (const [field, value] of Object.entries(form)) {
    const match = /^approver_(.+)$/.exec(field);
    if (!match || !checked(value)) continue;
    const member = known.get(match[1]);
    if (!member) fieldErrors.approvers = "Choose approvers from the staff listed here.";
    else chosen.push(member);
  }
  const enabled = thresholds.some((t) => t.amountMinor !== null);
  if (enabled && chosen.length < 1) fieldErrors.approvers ??= "Choose at least one approver, or leave every amount empty.";
  if (Object.keys(fieldErrors).length > 0) throw invalidInput(fieldErrors);

  await withTransaction("short", async (tx) => {
    const before = {
      thresholds: await tx.payoutApprovalThreshold.findMany({ where: { shopId: shop.id }, select: { currency: true, amountMinor: true } }),
      approvers: (await tx.payoutApprover.findMany({ where: { shopId: shop.id }, select: { staffId: true } })).map((a) => a.staffId),
    };
    for (const { currency, amountMinor } of thresholds) {
      if (amountMinor === null) await tx.payoutApprovalThreshold.deleteMany({ where: { shopId: shop.id, currency } });
      else
        await tx.payoutApprovalThreshold.upsert({
          where: { shopId_currency: { shopId: shop.id, currency } },
          create: { shopId: shop.id, currency, amountMinor: BigInt(amountMinor) },
          update: { amountMinor: BigInt(amountMinor) },
        });
    }
    await tx.payoutApprover.deleteMany({ where: { shopId: shop.id, staffId: { notIn: chosen.map((member) => member.id) } } });
    for (const member of chosen) {
      await tx.payoutApprover.upsert({
        where: { shopId_staffId: { shopId: shop.id, staffId: member.id } },
        create: {
          shopId: shop.id,
          staffId: member.id,
          name: member.name,
          email: member.email,
          addedBy: actor.id ?? actor.type,
          addedAt: now(),
        },
        update: { name: member.name, email: member.email },
      });
    }
    await recordAuditEvent(tx, {
      shopId: shop.id,
      actor,
      action: "settings.payout_approval_updated",
      subject: { type: "shop", id: shop.id },
      before: {
        thresholds: before.thresholds.map((t) => ({ currency: t.currency, amountMinor: Number(t.amountMinor) })),
        approvers: before.approvers,
      },
      after: { thresholds, approvers: chosen.map((member) => member.id) },
    });
  });
}
