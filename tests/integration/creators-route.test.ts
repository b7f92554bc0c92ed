// Creating, inviting and bulk-changing creators through the admin routes.
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashInvitationToken } from "~/creators/invite-creator.server";
import { db } from "~/db.server";
import { drainJobs } from "../support/jobs";
import { adminFetch } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";
import { createCreator, createInstalledShop } from "../support/factories";

let app: TestApp;
const outbox = mkdtempSync(path.join(os.tmpdir(), "cp-outbox-"));

beforeAll(async () => {
  process.env.EMAIL_OUTBOX_DIR = outbox;
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const post = (shopDomain: string, pathname: string, form: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
  return adminFetch(app.url, shopDomain, pathname, { method: "POST", body });
};

describe("creators", () => {
  it("adds a creator with discount codes and emails a single-use invitation", async () => {
    const shop = await createInstalledShop();
    const response = await post(shop.domain, "/app/creators/new", {
      name: "Ava Chen",
      email: "Ava@Example.com",
      socialHandle: "@avacooks",
      referralCode: "ava10",
      discountCodes: "ava15, AVA20",
      tags: "food, featured",
      notes: "",
      sendInvitation: "true",
    });
    expect(response.status).toBe(302);
    const creator = await db().creator.findFirstOrThrow({
      where: { shopId: shop.id },
      include: { discountCodes: true, invitations: true },
    });
    expect(response.headers.get("location")).toContain(`/app/creators/${creator.id}`);
    expect(creator).toMatchObject({
      name: "Ava Chen",
      email: "ava@example.com",
      referralCode: "AVA10",
      status: "invited",
      tags: ["food", "featured"],
    });
    expect(creator.discountCodes.map((c) => c.code).sort()).toEqual(["AVA15", "AVA20"]);
    expect(creator.invitations).toHaveLength(1);

    await drainJobs();
    const files = readdirSync(outbox).filter((f) => f.endsWith(".eml"));
    const email = files.map((f) => readFileSync(path.join(outbox, f), "utf8")).find((m) => m.includes("ava@example.com"))!;
    expect(email).toContain("Subject: Trail Co invites you to its creator program");
    const token = /\/apps\/creator-payouts\/invitations\/([\w-]+)/.exec(email.replace(/=\r?\n/g, ""))![1];
    expect(hashInvitationToken(token)).toBe(creator.invitations[0].tokenHash);
    expect(email).not.toContain(creator.invitations[0].tokenHash);
    expect(await db().outboundEmail.count({ where: { shopId: shop.id, sentAt: { not: null } } })).toBe(1);
    expect(
      await db().auditEvent.findMany({ where: { shopId: shop.id }, select: { action: true }, orderBy: { occurredAt: "asc" } }),
    ).toEqual([{ action: "creator.created" }, { action: "creator.invited" }]);
  });

  it("explains invalid fields and a taken referral code, and saves nothing", async () => {
    const shop = await createInstalledShop();
    await createCreator(shop.id, "Ben", { email: "ben@example.com", referralCode: "BEN10", status: "invited" });
    const invalid = await post(shop.domain, "/app/creators/new", {
      name: "",
      email: "not-an-email",
      referralCode: "x",
      discountCodes: "",
      tags: "",
      notes: "",
    });
    const html = await invalid.text();
    for (const message of ["Enter the creator&#x27;s name.", "Enter an email address", "Use 3 to 24 letters"])
      expect(html).toContain(message);
    const taken = await post(shop.domain, "/app/creators/new", {
      name: "Bea",
      email: "bea@example.com",
      referralCode: "ben10",
      discountCodes: "",
      tags: "",
      notes: "",
    });
    expect(await taken.text()).toContain("Another creator already uses this referral code.");
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(1);
  });

  it("edits a creator: details, codes and an audit event with the old values", async () => {
    const shop = await createInstalledShop();
    const creator = await createCreator(shop.id, "Cat", { email: "cat@x.test", referralCode: "CAT1", status: "active" });
    await db().discountCode.create({ data: { shopId: shop.id, creatorId: creator.id, code: "CAT5" } });
    const page = await (await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}/edit`)).text();
    expect(page).toContain('value="CAT5"');
    const response = await post(shop.domain, `/app/creators/${creator.id}/edit`, {
      name: "Cat Lee",
      email: "cat@x.test",
      socialHandle: "@catlee",
      referralCode: "CAT1",
      discountCodes: "CAT10",
      tags: "",
      notes: "Moved to video",
    });
    expect(response.status).toBe(302);
    const saved = await db().creator.findUniqueOrThrow({ where: { id: creator.id }, include: { discountCodes: true } });
    expect(saved).toMatchObject({ name: "Cat Lee", socialHandle: "@catlee", notes: "Moved to video" });
    expect(saved.discountCodes.map((c) => c.code)).toEqual(["CAT10"]);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "creator.updated" } });
    expect(audit.before).toMatchObject({ name: "Cat", discountCodes: ["CAT5"] });
    const other = await createInstalledShop();
    expect((await adminFetch(app.url, other.domain, `/app/creators/${creator.id}/edit`)).status).toBe(404);
  });

  it("archives selected creators in bulk and reports the ones it could not change", async () => {
    const shop = await createInstalledShop();
    const other = await createInstalledShop();
    const [a, b] = await Promise.all(
      ["CAT1", "DAN1"].map((code) => createCreator(shop.id, code, { email: `${code}@x.test`, referralCode: code, status: "active" })),
    );
    const foreign = await createCreator(other.id, "Foreign", { email: "f@x.test", referralCode: "FOR1", status: "active" });
    const response = await post(shop.domain, "/app/creators?index", { bulk: "archive", creatorId: [a.id, b.id, foreign.id] });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("This creator does not exist in your shop.");
    expect((await db().creator.findMany({ where: { shopId: shop.id } })).map((c) => c.status)).toEqual(["archived", "archived"]);
    expect((await db().creator.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe("active");
  });
});
