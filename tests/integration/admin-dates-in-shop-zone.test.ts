// The admin shows every date in the shop's time zone (issue 12, item 4): a Tokyo shop's morning
// order is on the Tokyo date even though it was still the previous day in UTC, and a Los Angeles
// shop's evening order is on the LA date even though it was already the next day in UTC.
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inviteCreator } from "~/creators/invite-creator.server";
import { db } from "~/db.server";
import { recordReferralClick } from "~/portal/record-referral-click.server";
import { createCreator, createInstalledShop, createShop } from "../support/factories";
import { adminFetch } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

/** A shop in `timezone` with one creator whose one attributed order was placed at `orderedAt`. */
async function shopWithOrder(timezone: string, orderedAt: Date) {
  const shop = await createInstalledShop({ name: "Zone Co", timezone });
  const creator = await createCreator(shop.id, "Ava Chen");
  await db().attributedOrder.create({
    data: {
      shopId: shop.id,
      creatorId: creator.id,
      shopifyOrderId: String(5_600_000_000 + Math.floor(Math.random() * 1e6)),
      orderName: "#7001",
      attributionSource: "referral",
      currency: "USD",
      subtotalMinor: 10_000n,
      eligibleMinor: 10_000n,
      orderedAt,
      paidAt: orderedAt,
      orderState: {} as Prisma.InputJsonValue,
    },
  });
  return { shop, creator };
}

/** The "Date" cell of order #7001 in the creator page's "Attributed orders" table. */
async function shownOrderDate(shopDomain: string, creatorId: string): Promise<string> {
  const response = await adminFetch(app.url, shopDomain, `/app/creators/${creatorId}`);
  expect(response.status).toBe(200);
  const html = await response.text();
  const row = /#7001<\/t[dh]>\s*<td[^>]*>([^<]*)<\/td>/.exec(html);
  expect(row, "the order row is on the page").not.toBeNull();
  return row![1];
}

describe("admin dates in the shop's time zone", () => {
  it("shows a Tokyo shop's morning order (08:30 on the 11th in Tokyo, 23:30 on the 10th in UTC) on the 11th", async () => {
    const { shop, creator } = await shopWithOrder("Asia/Tokyo", new Date("2026-03-10T23:30:00Z"));
    expect(await shownOrderDate(shop.domain, creator.id)).toBe("2026-03-11");
  });

  it("shows a Los Angeles shop's evening order (21:30 on the 10th in LA, 04:30 on the 11th in UTC) on the 10th", async () => {
    const { shop, creator } = await shopWithOrder("America/Los_Angeles", new Date("2026-03-11T04:30:00Z"));
    expect(await shownOrderDate(shop.domain, creator.id)).toBe("2026-03-10");
  });

  it("shows a Los Angeles shop's evening order on the LA date in winter time too (before the March DST change)", async () => {
    const { shop, creator } = await shopWithOrder("America/Los_Angeles", new Date("2026-03-08T05:30:00Z")); // 21:30 PST on the 7th
    expect(await shownOrderDate(shop.domain, creator.id)).toBe("2026-03-07");
  });
});

describe("email dates in the shop's time zone", () => {
  it("tells a Tokyo shop's invited creator the Tokyo day the link expires", async () => {
    const shop = await createShop({ name: "Zone Co", timezone: "Asia/Tokyo" });
    const creator = await createCreator(shop.id, "Ava Chen", { status: "invited" });
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T23:30:00Z"; // 08:30 on the 11th in Tokyo
    try {
      const { expiresAt } = await inviteCreator(shop.id, creator.id, { type: "staff", id: "staff_mia" });
      expect(expiresAt.toISOString()).toBe("2026-03-24T23:30:00.000Z"); // 14 days later: the 25th in Tokyo
    } finally {
      delete process.env.CREATOR_PAYOUTS_CLOCK;
    }
    const email = await db().outboundEmail.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(email.textBody).toContain("The link works once and expires on 2026-03-25.");
  });
});

describe("referral clicks on the shop's day", () => {
  it("counts a Tokyo morning click on the Tokyo day, the day Reports filter clicks by", async () => {
    const shop = await createShop({ name: "Zone Co", timezone: "Asia/Tokyo" });
    const { referralCode } = await createCreator(shop.id, "Ava Chen");
    process.env.CREATOR_PAYOUTS_CLOCK = "2026-03-10T23:30:00Z"; // 08:30 on the 11th in Tokyo
    try {
      expect(await recordReferralClick(shop.id, { code: referralCode, visitorId: randomUUID() })).toBe(true);
    } finally {
      delete process.env.CREATOR_PAYOUTS_CLOCK;
    }
    const click = await db().referralClick.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(click.day.toISOString().slice(0, 10)).toBe("2026-03-11");
  });
});
