// Accepting an emailed invitation from the portal: only the invited email, once, before it
// expires, and never for a customer who already is another creator; a fresh invitation goes to
// the invited address only.
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { inviteCreator } from "~/creators/invite-creator.server";
import { db } from "~/db.server";
import { acceptInvitation, requestNewInvitation } from "~/portal/actions/accept-invitation.server";
import type { PortalCustomer } from "~/portal/portal-customer";
import { createCreator, createShop, createShopWithTenPercentPlan, MIA } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const customer = (email: string | null, id = `${Math.floor(Math.random() * 1e12)}`): PortalCustomer => ({
  shopifyCustomerId: id,
  email,
  firstName: "Nia",
  lastName: "Okafor",
});

/** A shop and an invited creator; the token is read from the invitation email, as the creator would. */
async function invited(email = "nia.okafor@example.com") {
  const shop = await createShop();
  const creator = await createCreator(shop.id, "Nia Okafor", { email, referralCode: `NIA${randomUUID().slice(0, 6)}`, status: "invited" });
  await inviteCreator(shop.id, creator.id, MIA);
  return { shop, creator, token: await latestToken(shop.id) };
}

async function latestToken(shopId: string) {
  const email = await db().outboundEmail.findFirstOrThrow({ where: { shopId }, orderBy: { createdAt: "desc" } });
  return /invitations\/([A-Za-z0-9_-]+)/.exec(email.textBody)![1];
}

async function unchanged(shopId: string, change: () => Promise<unknown>, code: string) {
  const before = await db().creator.findMany({ where: { shopId }, orderBy: { id: "asc" } });
  const invitations = await db().creatorInvitation.findMany({ where: { shopId }, orderBy: { id: "asc" } });
  const events = await db().auditEvent.count({ where: { shopId } });
  await expect(change()).rejects.toMatchObject({ code });
  expect(await db().creator.findMany({ where: { shopId }, orderBy: { id: "asc" } })).toEqual(before);
  expect(await db().creatorInvitation.findMany({ where: { shopId }, orderBy: { id: "asc" } })).toEqual(invitations);
  expect(await db().auditEvent.count({ where: { shopId } })).toBe(events);
}

describe("portal: invitations", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });
  afterEach(() => {
    delete process.env.CREATOR_PAYOUTS_CLOCK;
  });

  it("links the customer whose email matches (any case): active, invitation used, audit event by the creator", async () => {
    const { shop, creator, token } = await invited();
    const nia = customer("Nia.Okafor@Example.com");
    expect(await acceptInvitation(shop.id, token, nia)).toEqual({ creatorId: creator.id });
    expect(await db().creator.findUniqueOrThrow({ where: { id: creator.id } })).toMatchObject({
      status: "active",
      shopifyCustomerId: nia.shopifyCustomerId,
    });
    expect((await db().creatorInvitation.findFirstOrThrow({ where: { creatorId: creator.id } })).usedAt).not.toBeNull();
    const event = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "creator.invitation_accepted" } });
    expect(event).toMatchObject({ actorType: "creator", actorId: creator.id, subjectId: creator.id });
  });

  it("states the commission terms of the plan that applies, as HTML and text", async () => {
    const shop = await createShopWithTenPercentPlan();
    const creator = await db().creator.create({
      data: {
        shopId: shop.id,
        name: "Nia <Okafor>",
        email: "nia@example.com",
        referralCode: `NIA${randomUUID().slice(0, 6)}`,
        status: "invited",
      },
    });
    await inviteCreator(shop.id, creator.id, MIA);
    const email = await db().outboundEmail.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(email.textBody).toContain("Your commission: 10% of the eligible order amount, paid after a 30-day hold.");
    expect(email.htmlBody).toContain("<p>Your commission: 10% of the eligible order amount, paid after a 30-day hold.</p>");
    expect(email.htmlBody).toContain("Hi Nia &lt;Okafor&gt;,");
  });

  it("refuses another email and names the invited one only masked", async () => {
    const { shop, token } = await invited();
    await unchanged(shop.id, () => acceptInvitation(shop.id, token, customer("someone@example.com")), "invitation_email_mismatch");
    await unchanged(shop.id, () => acceptInvitation(shop.id, token, customer(null)), "invitation_email_mismatch");
    await expect(acceptInvitation(shop.id, token, customer("x@example.com"))).rejects.toThrow("n•••@example.com");
  });

  it("refuses an expired invitation", async () => {
    const { shop, token } = await invited();
    process.env.CREATOR_PAYOUTS_CLOCK = new Date(Date.now() + 15 * 24 * 3600 * 1000).toISOString();
    await unchanged(shop.id, () => acceptInvitation(shop.id, token, customer("nia.okafor@example.com")), "invitation_expired");
  });

  it("refuses a used invitation, even to the customer who used it", async () => {
    const { shop, token } = await invited();
    const nia = customer("nia.okafor@example.com");
    await acceptInvitation(shop.id, token, nia);
    await unchanged(shop.id, () => acceptInvitation(shop.id, token, nia), "invitation_used");
  });

  it("refuses a customer already linked to another creator of the shop", async () => {
    const first = await invited("nia.okafor@example.com");
    const nia = customer("nia.okafor@example.com");
    await acceptInvitation(first.shop.id, first.token, nia);
    const second = await createCreator(first.shop.id, "Nia (second)", {
      email: "nia.okafor@example.com",
      referralCode: `NIB${randomUUID().slice(0, 6)}`,
      status: "invited",
    });
    await inviteCreator(first.shop.id, second.id, MIA);
    const token = await latestToken(first.shop.id);
    await unchanged(first.shop.id, () => acceptInvitation(first.shop.id, token, nia), "customer_already_creator");
  });

  it("refuses an unknown token, and a token of another shop", async () => {
    const { shop, token } = await invited();
    const other = await createShop();
    await unchanged(shop.id, () => acceptInvitation(shop.id, "not-a-token", customer("nia.okafor@example.com")), "invitation_not_found");
    await unchanged(other.id, () => acceptInvitation(other.id, token, customer("nia.okafor@example.com")), "invitation_not_found");
  });

  it("one of two tabs accepting at once wins; the other is told it was used", async () => {
    const { shop, token } = await invited();
    const nia = customer("nia.okafor@example.com");
    const results = await Promise.allSettled([acceptInvitation(shop.id, token, nia), acceptInvitation(shop.id, token, nia)]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "invitation_used" } });
    expect(await db().auditEvent.count({ where: { shopId: shop.id, action: "creator.invitation_accepted" } })).toBe(1);
  });

  describe("asking for a new invitation", () => {
    it("sends a fresh invitation to the invited email only, and the new link works", async () => {
      const { shop, creator, token } = await invited();
      process.env.CREATOR_PAYOUTS_CLOCK = new Date(Date.now() + 15 * 24 * 3600 * 1000).toISOString();
      expect(await requestNewInvitation(shop.id, token)).toEqual({ sentTo: "invited_email" });
      const emails = await db().outboundEmail.findMany({ where: { shopId: shop.id }, orderBy: { createdAt: "asc" } });
      expect(emails.map((e) => e.toAddress)).toEqual([creator.email, creator.email]);
      const fresh = await latestToken(shop.id);
      expect(fresh).not.toBe(token);
      await expect(acceptInvitation(shop.id, token, customer(creator.email))).rejects.toMatchObject({ code: "invitation_expired" });
      expect(await acceptInvitation(shop.id, fresh, customer(creator.email))).toEqual({ creatorId: creator.id });
    });

    it("refuses an unknown token, an accepted invitation and one that still works, sending nothing", async () => {
      const { shop, creator, token } = await invited();
      const count = () => db().outboundEmail.count({ where: { shopId: shop.id } });
      const sent = await count();
      await expect(requestNewInvitation(shop.id, "nope")).rejects.toMatchObject({ code: "invitation_not_found" });
      await expect(requestNewInvitation(shop.id, token)).rejects.toMatchObject({ code: "invitation_still_valid" });
      await acceptInvitation(shop.id, token, customer(creator.email));
      await expect(requestNewInvitation(shop.id, token)).rejects.toMatchObject({ code: "invitation_used" });
      expect(await count()).toBe(sent);
    });
  });
});
