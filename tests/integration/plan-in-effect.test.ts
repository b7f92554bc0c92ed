// The deal page's "Orders earn by …" line (readPlanInEffect, one statement): the newest deal with
// a plan of its own, else the creator's plan, else the shop default, else none — the choice
// resolvePlan makes when an order arrives — with each plan's terms, scoped by shop.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { readPlanInEffect } from "~/plans/plan-in-effect.server";
import { createCreator, createShop, createShopWithTenPercentPlan } from "../support/factories";
import { useTestDatabase } from "../support/test-database";

const at = (iso: string) => new Date(iso);

describe("the plan in effect on the deal page", () => {
  beforeAll(async () => {
    await useTestDatabase();
  });

  it("takes the newest deal's plan, else the creator's, else the shop default, else none", async () => {
    const shop = await createShopWithTenPercentPlan();
    const flat = await db().commissionPlan.create({
      data: { shopId: shop.id, name: "Flat 5", kind: "flat", flatAmountMinor: 500n, flatCurrency: "USD" },
    });
    const spring = await db().commissionPlan.create({
      data: { shopId: shop.id, name: "Spring 15 %", kind: "percentage", rateBasisPoints: 1500 },
    });
    const ava = await createCreator(shop.id, "Ava Chen");

    expect(await readPlanInEffect(shop, ava.id)).toEqual({
      source: "shop_default",
      planId: shop.defaultPlanId,
      planName: "10 %",
      terms: "10 % of the eligible amount",
      dealId: null,
      dealTitle: null,
    });

    await db().creator.update({ where: { id: ava.id }, data: { commissionPlanId: flat.id } });
    expect(await readPlanInEffect(shop, ava.id)).toMatchObject({ source: "creator", planId: flat.id, planName: "Flat 5", dealId: null });
    expect((await readPlanInEffect(shop, ava.id)).terms).toMatch(/^\$5\.00 per order$/);

    // A deal without a plan changes nothing; the newest deal with one wins.
    await db().deal.create({ data: { shopId: shop.id, creatorId: ava.id, title: "No plan", createdAt: at("2026-03-01T00:00:00Z") } });
    const older = await db().deal.create({
      data: { shopId: shop.id, creatorId: ava.id, title: "Winter", commissionPlanId: flat.id, createdAt: at("2026-01-01T00:00:00Z") },
    });
    const newer = await db().deal.create({
      data: { shopId: shop.id, creatorId: ava.id, title: "Spring", commissionPlanId: spring.id, createdAt: at("2026-02-01T00:00:00Z") },
    });
    expect(await readPlanInEffect(shop, ava.id)).toEqual({
      source: "deal",
      planId: spring.id,
      planName: "Spring 15 %",
      terms: "15 % of the eligible amount",
      dealId: newer.id,
      dealTitle: "Spring",
    });
    expect(older.id).not.toBe(newer.id);

    // Another shop asking about Ava sees none of her deals or plans: only its own default (none here).
    const other = await createShop();
    expect(await readPlanInEffect(other, ava.id)).toEqual({
      source: "none",
      planId: null,
      planName: null,
      terms: null,
      dealId: null,
      dealTitle: null,
    });
  });
});
