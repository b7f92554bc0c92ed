// The dry run of a payout run (DOMAIN §2 "Payout run", §4 minimums): who would be paid, how much,
// and why anyone is left out — computed by hand in tests/support/payout-runs.testkit.ts. A preview writes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { previewPayoutRun } from "~/payout-runs/preview-payout-run.server";
import { processPayoutRun } from "~/payout-runs/process-payout-run.server";
import { startPayoutRun } from "~/payout-runs/start-payout-run.server";
import { createShop, givePayable, MIA } from "../support/factories";
import { rowCounts } from "../support/money-invariants";
import { useTestDatabase } from "../support/test-database";
import { CLOCK, createPayee, FEBRUARY, februaryScenario, utc } from "../support/payout-runs.testkit";

beforeAll(async () => {
  await useTestDatabase();
  process.env.CREATOR_PAYOUTS_CLOCK = CLOCK;
});
afterAll(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

const row = (r: {
  creatorName: string;
  currency: string;
  amountMinor: number;
  itemCount: number;
  earlierItemCount: number;
  excluded: { reason: string } | null;
}) => [r.creatorName, r.currency, r.amountMinor, r.itemCount, r.earlierItemCount, r.excluded?.reason ?? null];

describe("previewing a payout run", () => {
  it("shows every creator balance of the range with its amount, items and the reason it is left out", async () => {
    const { shop } = await februaryScenario();
    const before = await rowCounts(shop.id);

    const preview = await previewPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: true });

    expect(preview.rows.map(row)).toEqual([
      ["Ava Ames", "EUR", 3000, 1, 0, null],
      ["Ava Ames", "USD", 12500, 3, 0, null],
      ["Ben Brook", "USD", 2300, 2, 1, "below the 25.00 USD minimum"],
      ["Cleo Cole", "USD", 5000, 1, 0, "creator archived"],
      ["Dan Dell", "USD", 3000, 1, 0, "Stripe onboarding not finished"],
      ["Eve Endo", "GBP", 4000, 1, 0, "no minimum set for GBP"],
    ]);
    expect(preview.totals).toEqual([
      { currency: "EUR", payoutCount: 1, amountMinor: 3000, excludedCount: 0 },
      { currency: "GBP", payoutCount: 0, amountMinor: 0, excludedCount: 1 },
      { currency: "USD", payoutCount: 1, amountMinor: 12500, excludedCount: 3 },
    ]);
    expect(preview.minimums).toEqual({ EUR: 2000, GBP: null, USD: 2500 });
    expect(await rowCounts(shop.id)).toEqual(before);
    expect(await db().payoutRun.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("overriding the minimum includes small balances and currencies without one, never archived or unpayable creators", async () => {
    const { shop } = await februaryScenario();

    const preview = await previewPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: false });

    expect(preview.rows.filter((r) => !r.excluded).map((r) => [r.creatorName, r.currency, r.amountMinor])).toEqual([
      ["Ava Ames", "EUR", 3000],
      ["Ava Ames", "USD", 12500],
      ["Ben Brook", "USD", 2300],
      ["Eve Endo", "GBP", 4000],
    ]);
    expect(preview.totals.find((total) => total.currency === "USD")).toEqual({
      currency: "USD",
      payoutCount: 2,
      amountMinor: 14800,
      excludedCount: 2,
    });
  });

  it("previews one creator on their own", async () => {
    const { shop, ben } = await februaryScenario();
    const preview = await previewPayoutRun(shop.id, { ...FEBRUARY, creatorId: ben.id, honourMinimum: false });
    expect(preview.rows.map(row)).toEqual([["Ben Brook", "USD", 2300, 2, 1, null]]);
  });

  it("reads the range in the shop's time zone", async () => {
    const shop = await createShop({ timezone: "America/New_York" });
    const ava = await createPayee(shop.id, "Ava Ames");
    // 28 Feb 23:30 in New York is 1 March in UTC: still February for this shop.
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 3000, payableSince: new Date("2026-03-01T04:30:00Z") });
    // 1 Feb 00:30 UTC is still 31 January in New York.
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 9900, payableSince: new Date("2026-02-01T00:30:00Z") });

    const february = await previewPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: true });

    // The January item is an earlier leftover the payout takes along, not a reason to be in the run.
    expect(february.rows.map(row)).toEqual([["Ava Ames", "USD", 12900, 2, 1, null]]);
    const january = await previewPayoutRun(shop.id, { from: "2026-01-01", to: "2026-01-31", honourMinimum: true });
    expect(january.rows.map(row)).toEqual([["Ava Ames", "USD", 9900, 1, 0, null]]);
  });

  it("says when clawbacks leave nothing to pay", async () => {
    const shop = await createShop();
    const ava = await createPayee(shop.id, "Ava Ames");
    await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 3000, payableSince: utc(2, 3) });
    await givePayable(shop.id, ava.id, { kind: "clawback", amountMinor: -4200, payableSince: utc(3, 1) });
    const preview = await previewPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: false });
    expect(preview.rows.map(row)).toEqual([["Ava Ames", "USD", -1200, 2, 0, "nothing payable: owes 12.00 USD from clawbacks"]]);
  });
});

describe("refusing a bad run request", () => {
  it.each([
    [
      "an inverted range",
      { from: "2026-02-28", to: "2026-02-01" },
      "to",
      "The range ends before it starts: pick an end date on or after the start date.",
    ],
    [
      "an end in the future",
      { from: "2026-03-01", to: "2026-03-11" },
      "to",
      "The range cannot end after today (2026-03-10): items that become payable later go into a later run.",
    ],
    ["a date that does not exist", { from: "2026-02-30", to: "2026-03-01" }, "from", "Enter a real date, like 2026-03-31."],
  ])("explains %s and writes nothing", async (_case, range, field, message) => {
    const { shop } = await februaryScenario();
    const before = await rowCounts(shop.id);
    // One call at a time: both started at once, the second's refusal could arrive while the first
    // was awaited, before anything handled it (an unhandled rejection that fails the run).
    for (const call of [
      () => previewPayoutRun(shop.id, { ...range, honourMinimum: true }),
      () => startPayoutRun(shop.id, { ...range, honourMinimum: true }, MIA),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "invalid_payout_run", details: { fieldErrors: { [field]: message } } });
    }
    expect(await rowCounts(shop.id)).toEqual(before);
    expect(await db().payoutRun.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("refuses another shop's creator", async () => {
    const { shop } = await februaryScenario();
    const other = await createShop();
    const stranger = await createPayee(other.id, "Sam Stranger");
    const before = await rowCounts(shop.id);
    await expect(startPayoutRun(shop.id, { ...FEBRUARY, creatorId: stranger.id, honourMinimum: true }, MIA)).rejects.toMatchObject({
      code: "invalid_payout_run",
      message: "Check the run settings: This creator does not exist in this shop. Pick one from the list.",
    });
    expect(await rowCounts(shop.id)).toEqual(before);
    expect(await db().payoutRun.count({ where: { shopId: shop.id } })).toBe(0);
  });
});

describe("a creator with no payout details in a run (ISSUE13 item 1)", () => {
  it("is included with a note to pay offline; a Stripe creator without finished onboarding is not", async () => {
    const shop = await createShop();
    const dev = await createPayee(shop.id, "Dev Patel", { status: "invited", payoutDetailsStatus: "missing" });
    const sam = await createPayee(shop.id, "Sam Stripe", { payoutMethod: "stripe", payoutDetailsStatus: "missing" });
    await givePayable(shop.id, dev.id, { kind: "commission", amountMinor: 3000, payableSince: utc(2, 14) });
    await givePayable(shop.id, sam.id, { kind: "commission", amountMinor: 3000, payableSince: utc(2, 14) });

    const preview = await previewPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: true });

    expect(preview.rows.map((r) => [r.creatorName, r.excluded?.reason ?? null, r.note])).toEqual([
      ["Dev Patel", null, "no payout details: pay offline by a method you agree on"],
      ["Sam Stripe", "Stripe onboarding not started", null],
    ]);
    expect(preview.totals).toEqual([{ currency: "USD", payoutCount: 1, amountMinor: 3000, excludedCount: 1 }]);
  });
});

describe("a run judges each creator on their own rail (issue 15)", () => {
  it("includes a creator paid with PayPal who has a PayPal email; leaves out, with the reason, one on PayPal without an email and one on Stripe without an account", async () => {
    const shop = await createShop();
    await db().shop.update({ where: { id: shop.id }, data: { enabledRails: ["stripe", "paypal", "offline"] } });
    const pia = await createPayee(shop.id, "Pia PayPal", { payoutMethod: "paypal" });
    const pete = await createPayee(shop.id, "Pete NoEmail", { payoutDetailsStatus: "missing" });
    const sol = await createPayee(shop.id, "Sol NoStripe", { payoutMethod: "paypal" });
    const tia = await createPayee(shop.id, "Tia Stripe", { payoutMethod: "stripe" });
    await db().creator.update({ where: { id: pia.id }, data: { preferredRail: "paypal" } });
    await db().creator.update({ where: { id: pete.id }, data: { preferredRail: "paypal" } });
    await db().creator.update({ where: { id: sol.id }, data: { preferredRail: "stripe" } });
    await db().creator.update({ where: { id: tia.id }, data: { preferredRail: "stripe", stripeAccountId: "acct_tia" } });
    for (const creator of [pia, pete, sol, tia]) {
      await givePayable(shop.id, creator.id, { kind: "commission", amountMinor: 3000, payableSince: utc(2, 14) });
    }

    const preview = await previewPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: true });

    expect(preview.rows.map((r) => [r.creatorName, r.rail, r.excluded?.reason ?? null, r.note])).toEqual([
      [
        "Pete NoEmail",
        "paypal",
        "paid with PayPal but has no PayPal email in their payout details: ask them to add it in the portal",
        null,
      ],
      ["Pia PayPal", "paypal", null, null],
      ["Sol NoStripe", "stripe", "paid with Stripe but has no Stripe account: ask them to finish Stripe onboarding in the portal", null],
      ["Tia Stripe", "stripe", null, null],
    ]);

    // The run pays exactly the rows the preview includes.
    const { runId } = await startPayoutRun(shop.id, { ...FEBRUARY, honourMinimum: true }, MIA);
    await processPayoutRun(runId);
    const paid = await db().payout.findMany({ where: { shopId: shop.id }, select: { creatorId: true } });
    expect(paid.map((p) => p.creatorId).sort()).toEqual([pia.id, tia.id].sort());
  });
});
