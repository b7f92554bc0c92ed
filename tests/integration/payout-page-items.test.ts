// The payout page reads a payout's items a page at a time (issue 16 goal 5): a run can put
// thousands of items in one payout. Pages keep the order the whole payout reads (active first,
// negatives netted first, then oldest first), and the total is over every item.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { getPayoutOrThrow } from "~/payouts/read-payout.server";
import { removePayoutItem } from "~/payouts/remove-payout-item.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { adminFetch } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";

const minute = (n: number) => new Date(Date.UTC(2026, 0, 1, 0, n));
const reason = (n: number) => `bonus-${String(n).padStart(3, "0")}`;

describeWithApp("payout page items", (app) => {
  it("lists 100 items a page in chosen order, the total over all of them, and refuses a page that is not a whole number", async () => {
    const shop = await createInstalledShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    // 100 a page (issue 16 goal 5), so 101 items make two pages.
    const count = 101;
    for (let n = 1; n <= count; n++) {
      await givePayable(shop.id, ava.id, { kind: "adjustment", amountMinor: 100 + n, text: reason(n), payableSince: minute(n) });
    }
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    const totalMinor = Array.from({ length: count }, (_, i) => 100 + i + 1).reduce((a, b) => a + b, 0);
    const total = `$${(totalMinor / 100).toLocaleString("en-US", { minimumFractionDigits: 2 })}`;

    const first = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payout.payoutId}`)).text();
    for (let n = 1; n <= 100; n++) expect(first).toContain(reason(n));
    expect(first).not.toContain(reason(count));
    expect(first).toContain(total);
    expect(first).toContain(`Items 1–100 of ${count}`);

    const second = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payout.payoutId}?items=2`)).text();
    expect(second).toContain(reason(count));
    expect(second).not.toContain(reason(1));
    expect(second).toContain(total);
    // Past the last page: the last page.
    expect(await (await adminFetch(app.url, shop.domain, `/app/payouts/${payout.payoutId}?items=9`)).text()).toContain(reason(count));

    for (const bad of ["0", "abc", "-1", "1.5"]) {
      const refused = await adminFetch(app.url, shop.domain, `/app/payouts/${payout.payoutId}?items=${bad}`);
      expect(refused.status).toBe(400);
      expect(await refused.text()).toContain("The items page must be a whole number from 1.");
    }
  });
});

describe("a page of a payout's items", () => {
  it("reads the items in the order the whole payout reads, with the same amount", async () => {
    const shop = await createInstalledShop();
    const ava = await createCreator(shop.id, "Ava Ames");
    // Ties on payableSince (broken by the payable item's id), a negative item, kinds mixed.
    const specs = [
      { kind: "commission" as const, amountMinor: 1200, payableSince: minute(3) },
      { kind: "fixed_fee" as const, amountMinor: 3000, payableSince: minute(1) },
      { kind: "adjustment" as const, amountMinor: 500, payableSince: minute(1) },
      { kind: "clawback" as const, amountMinor: -400, payableSince: minute(9) },
      { kind: "adjustment" as const, amountMinor: 700, payableSince: minute(2) },
      { kind: "commission" as const, amountMinor: 900, payableSince: minute(2) },
      { kind: "adjustment" as const, amountMinor: 800, payableSince: minute(1) },
    ];
    for (const spec of specs) await givePayable(shop.id, ava.id, spec);
    const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
    // One item removed: it stays listed, after the active ones.
    const removed = await db().payoutItem.findFirstOrThrow({ where: { payoutId: payout.payoutId, amountMinor: 700n } });
    await removePayoutItem(shop.id, removed.id, MIA, { disposition: "return_to_payable" });

    const whole = await getPayoutOrThrow(shop.id, payout.payoutId);
    const page = await getPayoutOrThrow(shop.id, payout.payoutId, { itemsPage: 1 });
    expect(page.items.map((item) => item.payoutItemId)).toEqual(whole.items.map((item) => item.payoutItemId));
    expect(page.items).toEqual(whole.items);
    expect(page.amountMinor).toBe(whole.amountMinor);
    expect(page.amountMinor).toBe(1200 + 3000 + 500 - 400 + 900 + 800);
    expect(page.itemsPage).toEqual({ page: 1, pageSize: 100, itemCount: specs.length });
    expect(whole.items.at(-1)!.payoutItemId).toBe(removed.id);
  });
});
