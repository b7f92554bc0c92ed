// Test helpers shared by the payout-run tests (not used by the app): a pinned clock (10 March 2026),
// creators ready to be paid, and the February scenario whose figures the tests compute by hand.
import type { Creator } from "@prisma/client";
import { db } from "~/db.server";
import { createCreator, createShop, givePayable } from "./factories";

export const CLOCK = "2026-03-10T12:00:00Z";
export const FEBRUARY = { from: "2026-02-01", to: "2026-02-28" };
export const utc = (month: number, day: number, hour = 12) => new Date(Date.UTC(2026, month - 1, day, hour));

/** A creator who can be paid: active, with complete payout details. */
export async function createPayee(
  shopId: string,
  name: string,
  changes: Partial<Pick<Creator, "status" | "payoutMethod" | "payoutDetailsStatus">> = {},
) {
  const creator = await createCreator(shopId, name);
  return db().creator.update({ where: { id: creator.id }, data: { payoutDetailsStatus: "complete", ...changes } });
}

/**
 * February for a USD shop with a 20.00 EUR minimum (USD uses the 25.00 default; GBP has none):
 * - Ava  USD: 40.00 (3 Feb) + 100.00 (20 Feb) − 15.00 clawback (15 Jan: negatives always count) = 125.00, 3 items;
 *             7.00 on 2 March is after the range and stays payable.
 * - Ava  EUR: 30.00 (10 Feb) → paid, above the 20.00 EUR minimum.
 * - Ben  USD: 18.00 (5 Feb) + 5.00 left from 20 Jan = 23.00, 2 items (1 earlier) → below the 25.00 USD minimum.
 * - Cleo USD: 50.00, archived. Dan USD: 30.00, on Stripe with onboarding not finished (a Stripe payout
 *   cannot be sent; a creator with no details at all would be paid offline). Eve GBP: 40.00, no GBP minimum.
 * - Fay  USD: 60.00 on 9 Jan only → not in February's run at all.
 */
export async function februaryScenario() {
  const shop = await createShop();
  await db().payoutMinimum.create({ data: { shopId: shop.id, currency: "EUR", amountMinor: 2000n } });
  const ava = await createPayee(shop.id, "Ava Ames");
  const ben = await createPayee(shop.id, "Ben Brook");
  const cleo = await createPayee(shop.id, "Cleo Cole", { status: "archived" });
  const dan = await createPayee(shop.id, "Dan Dell", { payoutMethod: "stripe", payoutDetailsStatus: "pending" });
  const eve = await createPayee(shop.id, "Eve Endo");
  const fay = await createPayee(shop.id, "Fay Fox");
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 4000, payableSince: utc(2, 3) });
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 10000, payableSince: utc(2, 20) });
  await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -1500, payableSince: utc(1, 15) });
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 700, payableSince: utc(3, 2) });
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 3000, currency: "EUR", payableSince: utc(2, 10) });
  await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 1800, payableSince: utc(2, 5) });
  await givePayable(shop.id, ben.id, { kind: "commission", amountMinor: 500, payableSince: utc(1, 20) });
  await givePayable(shop.id, cleo.id, { kind: "fixed_fee", amountMinor: 5000, payableSince: utc(2, 12) });
  await givePayable(shop.id, dan.id, { kind: "commission", amountMinor: 3000, payableSince: utc(2, 14) });
  await givePayable(shop.id, eve.id, { kind: "fixed_fee", amountMinor: 4000, currency: "GBP", payableSince: utc(2, 8) });
  await givePayable(shop.id, fay.id, { kind: "commission", amountMinor: 6000, payableSince: utc(1, 9) });
  return { shop, ava, ben, cleo, dan, eve, fay };
}
