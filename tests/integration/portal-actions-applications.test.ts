// Self-signup from the portal and the merchant's answer: only when the shop takes applications,
// one creator per customer, and the applicant is emailed the decision.
import { beforeAll, describe, expect, it } from "vitest";
import { decideApplication } from "~/creators/decide-application.server";
import { db } from "~/db.server";
import { applyAsCreator } from "~/portal/actions/apply-as-creator.server";
import type { PortalCustomer } from "~/portal/portal-customer";
import { createCreator, createShop, MIA } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

let customerNumber = 7000;
const customer = (email: string | null = "zoe.lee@example.com"): PortalCustomer => ({
  shopifyCustomerId: String(customerNumber++),
  email,
  firstName: "Zoë",
  lastName: "Lee",
});

async function shopTakingApplications(selfSignupEnabled = true) {
  const shop = await createShop();
  return db().shop.update({ where: { id: shop.id }, data: { selfSignupEnabled } });
}

const APPLICATION = { name: "Zoë Lee", socialHandle: "@zoeruns", message: "I run trail ultras and review gear." };

describe("portal: applications", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("refuses when the shop does not take applications, writing nothing", async () => {
    const shop = await shopTakingApplications(false);
    await expect(applyAsCreator(shop.id, customer(), APPLICATION)).rejects.toMatchObject({ code: "self_signup_disabled" });
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await db().auditEvent.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("creates an applied creator linked to the customer, with a referral code and the message", async () => {
    const shop = await shopTakingApplications();
    const zoe = customer("Zoe.Lee@Example.com");
    const { creatorId } = await applyAsCreator(shop.id, zoe, APPLICATION);
    const creator = await db().creator.findUniqueOrThrow({ where: { id: creatorId } });
    expect(creator).toMatchObject({
      shopId: shop.id,
      status: "applied",
      name: "Zoë Lee",
      email: "zoe.lee@example.com",
      socialHandle: "@zoeruns",
      shopifyCustomerId: zoe.shopifyCustomerId,
      applicationMessage: "I run trail ultras and review gear.",
    });
    expect(creator.appliedAt).not.toBeNull();
    expect(creator.referralCode).toMatch(/^ZOE[A-Z0-9]{5}$/);
    const event = await db().auditEvent.findFirstOrThrow({ where: { subjectId: creatorId } });
    expect(event).toMatchObject({ action: "creator.applied", actorType: "creator", actorId: creatorId });
  });

  it("refuses a second application, a customer without email, an invited email and a bad name", async () => {
    const shop = await shopTakingApplications();
    const zoe = customer();
    await applyAsCreator(shop.id, zoe, APPLICATION);
    await expect(applyAsCreator(shop.id, zoe, APPLICATION)).rejects.toMatchObject({
      code: "customer_already_creator",
      message: "You already applied: the shop will answer by email.",
    });
    await expect(applyAsCreator(shop.id, customer(null), APPLICATION)).rejects.toMatchObject({ code: "customer_email_missing" });
    const invited = await createCreator(shop.id, "Ivy", {
      email: "ivy@example.com",
      referralCode: `IVY${customerNumber}`,
      status: "invited",
    });
    await expect(applyAsCreator(shop.id, customer("IVY@example.com"), APPLICATION)).rejects.toMatchObject({
      code: "customer_already_creator",
    });
    await expect(applyAsCreator(shop.id, customer("new@example.com"), { name: "  " })).rejects.toMatchObject({
      details: { fieldErrors: { name: expect.any(String) } },
    });
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(2);
    expect(invited.status).toBe("invited");
  });

  it("approves: active, audit event, welcome email to the applicant", async () => {
    const shop = await shopTakingApplications();
    const { creatorId } = await applyAsCreator(shop.id, customer(), APPLICATION);
    expect(await decideApplication(shop.id, creatorId, "approve", MIA, "Welcome aboard")).toEqual({ status: "active" });
    expect((await db().creator.findUniqueOrThrow({ where: { id: creatorId } })).status).toBe("active");
    const email = await db().outboundEmail.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(email).toMatchObject({ toAddress: "zoe.lee@example.com", subject: "Trail Co: welcome to the creator program" });
    expect(email.textBody).toContain("Welcome aboard");
    expect(email.textBody).toContain(`https://${shop.domain}/apps/creator-payouts/portal`);
    expect(
      (await db().auditEvent.findFirstOrThrow({ where: { subjectId: creatorId, action: "creator.application_approved" } })).actorId,
    ).toBe("staff_mia");
  });

  it("declines with the note emailed; a decided application or a non-applicant cannot be decided again", async () => {
    const shop = await shopTakingApplications();
    const { creatorId } = await applyAsCreator(shop.id, customer(), APPLICATION);
    expect(await decideApplication(shop.id, creatorId, "decline", MIA, "We are full this season.")).toEqual({ status: "declined" });
    const email = await db().outboundEmail.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(email.subject).toBe("Trail Co: your creator program application");
    expect(email.textBody).toContain("We are full this season.");
    await expect(decideApplication(shop.id, creatorId, "approve", MIA)).rejects.toMatchObject({ code: "not_an_application" });
    const active = await createCreator(shop.id, "Ava Ames");
    await expect(decideApplication(shop.id, active.id, "decline", MIA)).rejects.toMatchObject({ code: "not_an_application" });
    const other = await createShop();
    await expect(decideApplication(other.id, creatorId, "approve", MIA)).rejects.toMatchObject({ code: "creator_not_found" });
    expect(await db().outboundEmail.count({ where: { shopId: shop.id } })).toBe(1);
  });
});
