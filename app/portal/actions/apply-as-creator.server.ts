// Self-signup (DOMAIN.md §3, §7): when the shop allows it, a logged-in customer applies to the
// creator program; the merchant approves or declines (app/creators/decide-application.server.ts).
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAuditEvent } from "../../audit/record-audit-event.server";
import { DomainError } from "../../domain/errors";
import { optionalText, requiredText } from "../../forms/form-fields";
import { parseForm } from "../../forms/parse-form";
import { now } from "../../lib/clock.server";
import type { PortalCustomer } from "../portal-customer";
import { lockCustomerLinks } from "../../db/locks.server";
import { referralCodeCandidate } from "./referral-code";
import { withTransaction } from "../../db/transaction.server";
import { queueCreatorApplied } from "../../flow/flow-trigger-events.server";

export const applicationSchema = z.object({
  name: requiredText("Enter your name as you would like the shop to see it.", 120, "Keep your name under 120 characters."),
  socialHandle: optionalText(80, "Keep the handle under 80 characters."),
  message: optionalText(2000, "Keep the message under 2,000 characters."),
});

export async function applyAsCreator(
  shopId: string,
  customer: PortalCustomer,
  input: { name: string; socialHandle?: string; message?: string },
): Promise<{ creatorId: string }> {
  const values = parseForm(applicationSchema, input);
  const email = customer.email?.trim().toLowerCase();
  return withTransaction("short", async (tx) => {
    const shop = await tx.shop.findUnique({ where: { id: shopId }, select: { selfSignupEnabled: true, name: true } });
    if (!shop?.selfSignupEnabled) {
      throw new DomainError(
        "self_signup_disabled",
        "This shop is not taking creator applications. Ask the shop for an invitation instead.",
      );
    }
    if (!email) {
      throw new DomainError(
        "customer_email_missing",
        "Add an email address to your store account first: the shop answers your application by email.",
      );
    }
    await lockCustomerLinks(tx, shopId, customer.shopifyCustomerId);
    const linked = await tx.creator.findFirst({
      where: { shopId, shopifyCustomerId: customer.shopifyCustomerId },
      select: { status: true },
    });
    if (linked) {
      throw new DomainError(
        "customer_already_creator",
        linked.status === "applied"
          ? "You already applied: the shop will answer by email."
          : linked.status === "declined" || linked.status === "archived"
            ? "The shop already answered an application or membership from this account. Contact the shop if you would like to try again."
            : "Your store account already belongs to a creator of this shop. Open the creator portal.",
      );
    }
    const invited = await tx.creator.findFirst({
      where: { shopId, status: "invited", email: { equals: email, mode: "insensitive" } },
      select: { id: true },
    });
    if (invited) {
      throw new DomainError(
        "customer_already_creator",
        "The shop already invited this email address: accept the invitation from the email (or ask for a new one from its link).",
      );
    }

    let referralCode = referralCodeCandidate(values.name, randomBytes(5));
    for (let tries = 0; await tx.creator.findFirst({ where: { shopId, referralCode }, select: { id: true } }); tries++) {
      if (tries >= 5) throw new Error("applyAsCreator: could not find a free referral code");
      referralCode = referralCodeCandidate(values.name, randomBytes(6 + tries));
    }
    const creator = await tx.creator.create({
      data: {
        shopId,
        status: "applied",
        name: values.name,
        email,
        socialHandle: values.socialHandle ?? null,
        shopifyCustomerId: customer.shopifyCustomerId,
        referralCode,
        appliedAt: now(),
        applicationMessage: values.message ?? null,
      },
      select: { id: true },
    });
    await recordAuditEvent(tx, {
      shopId,
      actor: { type: "creator", id: creator.id },
      action: "creator.applied",
      subject: { type: "creator", id: creator.id },
      after: {
        status: "applied",
        name: values.name,
        email,
        socialHandle: values.socialHandle ?? null,
        referralCode,
        message: values.message ?? null,
      },
    });
    await queueCreatorApplied(tx, shopId, creator.id);
    return { creatorId: creator.id };
  });
}
