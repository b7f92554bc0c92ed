// Property: whatever mix of clicks, gift cards whose answer is lost after Shopify made them, Admin
// API 5xx (on the claim's shop read, the create or the look-up), definite refusals, job runs,
// sweeps and worker outages of 0–48 hours happens to a gift card payout, Shopify never holds more
// than one card for it (by its note), a payout the merchant may pay again holds none, and once the
// storms pass it ends paid by exactly one card with exactly one ledger movement
// (in_payout → paid_gift_card). The harness is the store credit rail's
// (tests/support/keyless-rail-property.testkit.ts).
//
// It fails when the look-up before retry is removed: with gift-card-rail.server.ts's lookUp
// answering null, the seeded example [click, send_drop, drain, due_now, drain] fails at once (shrunk
// 0 times): the card is made, its answer lost, nothing is found, and once the flight is over the
// attempt fails while Shopify holds its card, so a payout the merchant may pay again (and whose
// retry would make a second card) has one: "expected [ { …(3) } ] to have a length of +0 but got 1".
import { afterAll, beforeAll, describe, it } from "vitest";
import { db } from "~/db.server";
import { claimRailPayout } from "~/rails/claim-rail-payout.server";
import { giftCardRail } from "~/rails/gift-card/gift-card-rail.server";
import { MIA } from "../support/factories";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { fakeGiftCards, type FakeGiftCards } from "../support/fake-shopify-gift-cards";
import { assertExactlyOnePayment, propertyClock } from "../support/keyless-rail-property.testkit";
import { useTestDatabase } from "../support/test-database";

let admin: FakeShopifyAdmin;
let cards: FakeGiftCards;

beforeAll(async () => {
  cards = fakeGiftCards({ now: propertyClock });
  admin = await startFakeShopifyAdmin({ accessToken: "shpat_test_offline_token", giftCards: cards });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
  await useTestDatabase();
});
afterAll(async () => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await admin?.close();
});

let customerSeq = 8_600_000;

describe("exactly one gift card, whatever happens", () => {
  it("holds for random sequences of clicks, lost answers, 5xx, refusals, job runs, sweeps and outages of 0–48 hours", async () => {
    await assertExactlyOnePayment(
      {
        admin,
        scopes: "read_orders,read_customers,write_customers,read_gift_cards,write_gift_cards",
        async prepareCreator(creator) {
          await db().creator.update({ where: { id: creator.id }, data: { shopifyCustomerId: String(customerSeq++) } });
          return creator.id;
        },
        claim: (shopId, payoutId) => claimRailPayout(giftCardRail, shopId, payoutId, MIA),
        payments: (_creatorId, payoutId) =>
          cards.cards
            .filter((c) => c.note?.startsWith(`Creator Payouts payout ${payoutId} `))
            .map((c) => ({ reference: c.id, amount: c.initialValue, currencyCode: c.currencyCode })),
        dropNextAnswer: () => void (cards.dropAnswers += 1),
        refuseNextSend: () => void (cards.refuseNext += 1),
        calm() {
          cards.dropAnswers = 0;
          cards.refuseNext = 0;
        },
        payKind: "pay_gift_card",
      },
      { numRuns: 25 },
    );
  }, 300_000);
});
