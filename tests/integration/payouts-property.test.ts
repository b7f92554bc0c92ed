// The money model holds whatever the merchant does, in any order (DOMAIN.md §4): random sequences
// of payouts created (random custom amounts), sent, accepted, canceled, paid offline and trimmed
// item by item, with new earnings and clawbacks arriving in between. After every step the ledger
// and the payout tables must tell the same story.
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { isDomainError } from "~/domain/errors";
import { acceptPayoutReview } from "~/payouts/accept-payout-review.server";
import { cancelPayout } from "~/payouts/cancel-payout.server";
import { createPayout } from "~/payouts/create-payout.server";
import { markPayoutPaidOffline } from "~/payouts/mark-payout-paid-offline.server";
import { createCreator, createShop, givePayable, MIA, PAID_ON, type PayableSpec } from "../support/factories";
import { brokenMoneyInvariants, readMoneyInvariants } from "../support/money-invariants";
import { removePayoutItem } from "~/payouts/remove-payout-item.server";
import { sendDraftPayout } from "~/payouts/send-draft-payout.server";
import { useTestDatabase } from "../support/test-database";

const earning: fc.Arbitrary<PayableSpec> = fc
  .oneof(
    {
      arbitrary: fc.record({
        kind: fc.constantFrom("commission", "fixed_fee", "commission", "adjustment") as fc.Arbitrary<PayableSpec["kind"]>,
        amountMinor: fc.integer({ min: 1, max: 20_000 }),
      }),
      weight: 4,
    },
    { arbitrary: fc.record({ kind: fc.constant("clawback" as const), amountMinor: fc.integer({ min: -3_000, max: -1 }) }), weight: 1 },
    { arbitrary: fc.record({ kind: fc.constant("adjustment" as const), amountMinor: fc.integer({ min: -2_000, max: -1 }) }), weight: 1 },
  )
  .chain((spec) => fc.integer({ min: 1, max: 28 }).map((day) => ({ ...spec, payableSince: new Date(Date.UTC(2026, 0, day)) })));

type Step =
  | { op: "earn"; spec: PayableSpec }
  /** A custom amount as a percentage of what is payable now (over 100 % must be refused), or everything. */
  | { op: "create"; percentOfPayable: number | undefined; origin: "manual" | "run" }
  | { op: "send" | "accept" | "cancel" | "pay"; payout: number }
  | { op: "remove"; item: number; disposition: "return_to_payable" | "reject" };

const payoutStep = (op: "send" | "accept" | "cancel" | "pay") => fc.record({ op: fc.constant(op), payout: fc.nat(20) });
const step: fc.Arbitrary<Step> = fc.oneof(
  { arbitrary: earning.map((spec) => ({ op: "earn" as const, spec })), weight: 2 },
  {
    arbitrary: fc.record({
      op: fc.constant("create" as const),
      percentOfPayable: fc.option(fc.integer({ min: 1, max: 110 }), { nil: undefined, freq: 4 }),
      origin: fc.constantFrom("manual" as const, "run" as const, "run" as const),
    }),
    weight: 4,
  },
  { arbitrary: payoutStep("pay"), weight: 3 },
  { arbitrary: payoutStep("accept"), weight: 2 },
  { arbitrary: payoutStep("send"), weight: 1 },
  { arbitrary: payoutStep("cancel"), weight: 1 },
  {
    arbitrary: fc.record({
      op: fc.constant("remove" as const),
      item: fc.nat(40),
      disposition: fc.constantFrom("return_to_payable" as const, "reject" as const),
    }),
    weight: 2,
  },
);

async function run(shopId: string, creatorId: string, s: Step): Promise<void> {
  const payouts = await db().payout.findMany({ where: { shopId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } });
  const pick = (index: number) => payouts[index % payouts.length]?.id ?? "po_none";
  switch (s.op) {
    case "earn":
      await givePayable(shopId, creatorId, s.spec);
      return;
    case "create": {
      const { ledgerPayable } = await readMoneyInvariants(shopId, creatorId);
      const amountMinor =
        s.percentOfPayable === undefined ? undefined : Math.max(1, Math.round((ledgerPayable * s.percentOfPayable) / 100));
      await createPayout({ shopId, creatorId, currency: "USD", amountMinor, origin: s.origin, actor: MIA });
      return;
    }
    case "send":
      await sendDraftPayout(shopId, pick(s.payout), MIA);
      return;
    case "accept":
      await acceptPayoutReview(shopId, pick(s.payout), MIA);
      return;
    case "cancel":
      await cancelPayout(shopId, pick(s.payout), MIA);
      return;
    case "pay":
      await markPayoutPaidOffline(shopId, pick(s.payout), MIA, { method: "PayPal", reference: "PP-1", paidOn: PAID_ON });
      return;
    case "remove": {
      const items = await db().payoutItem.findMany({
        where: { shopId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: { id: true },
      });
      await removePayoutItem(shopId, items[s.item % Math.max(items.length, 1)]?.id ?? "pi_none", MIA, { disposition: s.disposition });
      return;
    }
  }
}

beforeAll(async () => {
  await useTestDatabase();
});

describe("payout money invariants", () => {
  it("hold after every step of any sequence of payout operations", async () => {
    let reviewShop = false;
    await fc.assert(
      fc.asyncProperty(
        fc.array(earning, { minLength: 2, maxLength: 6 }),
        fc.array(step, { minLength: 6, maxLength: 16 }),
        async (earnings, steps) => {
          reviewShop = !reviewShop; // half the runs go through the creator review step
          const shop = await createShop({ creatorReviewEnabled: reviewShop });
          const creator = await createCreator(shop.id);
          for (const spec of earnings) await givePayable(shop.id, creator.id, spec);
          for (const s of steps) {
            try {
              await run(shop.id, creator.id, s);
            } catch (error) {
              // Refusals are part of the product (nothing payable, wrong status…); anything else is a bug.
              if (!isDomainError(error)) throw error;
            }
            const invariants = await readMoneyInvariants(shop.id, creator.id);
            expect(brokenMoneyInvariants(invariants), `${JSON.stringify(s)} → ${JSON.stringify(invariants)}`).toEqual([]);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 180_000);
});
