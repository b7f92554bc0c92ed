// ISSUE13 item 2, over HTTP: a payout run, or a payout the merchant creates, satisfies the
// creator's open payout request it covers (approved, linked to the payout, audited, the creator
// emailed) or leaves it alone, and its preview says which. Nothing is stranded: no open request
// ever asks for more than is payable.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Actor } from "~/audit/actor";
import { db } from "~/db.server";
import { readCreatorBalances } from "~/ledger/read-balances.server";
import { requestPayout } from "~/payout-requests/request-payout.server";
import { processPayoutRun } from "~/payout-runs/process-payout-run.server";
import { startPayoutRun } from "~/payout-runs/start-payout-run.server";
import { createShop, givePayable, MIA } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { CLOCK, createPayee, FEBRUARY, utc } from "../support/payout-runs.testkit";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";

beforeAll(() => {
  process.env.CREATOR_PAYOUTS_CLOCK = CLOCK;
});
afterAll(() => {
  delete process.env.CREATOR_PAYOUTS_CLOCK;
});

const asCreator = (id: string): Actor => ({ type: "creator", id });
const FEBRUARY_FORM = { ...FEBRUARY, creatorId: "", honourMinimum: "on" };

/** Ava is owed `febMinor` from February (and `marchMinor` from 2 March) and asks to withdraw `requested`. */
async function avaWithWithdrawal(input: { febMinor: number; marchMinor?: number; requested: string }) {
  const shop = await createShop();
  await installShopSession(shop.domain);
  const ava = await createPayee(shop.id, "Ava Ames");
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: input.febMinor, payableSince: utc(2, 3) });
  if (input.marchMinor) await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: input.marchMinor, payableSince: utc(3, 2) });
  const { requestId } = await requestPayout(
    shop.id,
    { creatorId: ava.id, amount: input.requested, currency: "USD" },
    "creator",
    asCreator(ava.id),
  );
  return { shop, ava, requestId };
}

describeWithApp("payout runs and payout requests agree", (app) => {
  const post = (domain: string, path: string, form: Record<string, string>) =>
    adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(form) });

  it("a run approves the open withdrawal it covers, links it, emails the creator, and Home stops counting it", async () => {
    const { shop, ava, requestId } = await avaWithWithdrawal({ febMinor: 8000, requested: "50.00" });
    const home = await (await adminFetch(app.url, shop.domain, "/app")).text();
    expect(home).toContain("1 payout request waits for a decision");

    const preview = await (await post(shop.domain, "/app/payouts/runs/new", { ...FEBRUARY_FORM, intent: "preview" })).text();
    expect(preview).toContain("Approves the request for $50.00");

    const started = await post(shop.domain, "/app/payouts/runs/new", { ...FEBRUARY_FORM, intent: "start" });
    expect(started.status).toBe(302);
    await drainJobs();

    const payout = await db().payout.findFirstOrThrow({ where: { shopId: shop.id, creatorId: ava.id } });
    const request = await db().payoutRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request).toMatchObject({ status: "approved", payoutId: payout.id });
    expect(payout.runId).not.toBeNull();
    const audit = await db().auditEvent.findFirstOrThrow({
      where: { shopId: shop.id, subjectId: requestId, action: "payout_request.approved" },
    });
    expect(audit.after).toMatchObject({ payoutId: payout.id, amountMinor: 8000, requestedMinor: 5000 });
    const emails = await db().outboundEmail.findMany({ where: { shopId: shop.id }, select: { subject: true } });
    expect(emails.map((email) => email.subject)).toEqual(["Trail Co: your $50.00 withdrawal request was approved"]);

    const after = await (await adminFetch(app.url, shop.domain, "/app")).text();
    expect(after).not.toContain("payout request waits");
    // Approving it now says it was decided, not "Only $0.00 is payable now".
    const late = await post(shop.domain, `/app/creators/${ava.id}`, { intent: "approve_request", requestId });
    expect(late.status).toBe(409);
    expect(await late.text()).toContain("This payout request was already approved");
  });

  it("a run that would strand an open request leaves the creator alone and its preview says why", async () => {
    // February pays 40.00; the 80.00 request needs the 60.00 of March too: paying February alone would strand it.
    const { shop, ava, requestId } = await avaWithWithdrawal({ febMinor: 4000, marchMinor: 6000, requested: "80.00" });
    const preview = await (
      await post(shop.domain, "/app/payouts/runs/new", { ...FEBRUARY_FORM, honourMinimum: "", intent: "preview" })
    ).text();
    expect(preview).toContain("Excluded: an open payout request for 80.00 USD asks for more than this payout would leave payable");

    await post(shop.domain, "/app/payouts/runs/new", { ...FEBRUARY_FORM, honourMinimum: "", intent: "start" });
    await drainJobs();
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(0);
    const approved = await post(shop.domain, `/app/creators/${ava.id}`, { intent: "approve_request", requestId });
    expect(approved.status).toBe(200);
    expect(await db().payoutRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({ status: "approved" });
  });

  it("a payout the merchant creates while a request is open satisfies it, or is refused when it would strand it", async () => {
    const { shop, ava, requestId } = await avaWithWithdrawal({ febMinor: 9000, requested: "50.00" });
    const page = `/app/creators/${ava.id}`;

    const tooSmall = await post(shop.domain, page, { intent: "create_payout", amount: "45.00", currency: "USD", send: "send" });
    expect(tooSmall.status).toBe(422);
    expect(await tooSmall.text()).toContain("has an open payout request for 50.00 USD that this payout does not cover");
    expect(await db().payout.count({ where: { shopId: shop.id } })).toBe(0);

    const covering = await post(shop.domain, page, { intent: "create_payout", amount: "60.00", currency: "USD", send: "send" });
    expect(covering.status).toBe(200);
    const payout = await db().payout.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(payout.status).toBe("ready");
    expect(await db().payoutRequest.findUniqueOrThrow({ where: { id: requestId } })).toMatchObject({
      status: "approved",
      payoutId: payout.id,
    });
    const emails = await db().outboundEmail.findMany({ where: { shopId: shop.id }, select: { subject: true } });
    expect(emails.map((email) => email.subject)).toEqual(["Trail Co: your $50.00 withdrawal request was approved"]);
  });

  it("after any run, no open request asks for more than is payable", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            items: fc.array(fc.record({ amountMinor: fc.integer({ min: 100, max: 20_000 }), day: fc.integer({ min: 1, max: 9 }) }), {
              minLength: 1,
              maxLength: 3,
            }),
            requestShares: fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 3 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
        fc.integer({ min: 1, max: 9 }),
        fc.boolean(),
        async (creators, lastDay, honourMinimum) => {
          const shop = await createShop();
          const ids: string[] = [];
          for (const [index, spec] of creators.entries()) {
            const creator = await createPayee(shop.id, `Creator ${index}`);
            ids.push(creator.id);
            for (const item of spec.items) {
              await givePayable(shop.id, creator.id, {
                kind: "commission",
                amountMinor: item.amountMinor,
                payableSince: utc(3, item.day, 1),
              });
            }
            // Each request asks for a share of what is still free to request (requestPayout refuses more).
            let freeMinor = spec.items.reduce((sum, item) => sum + item.amountMinor, 0);
            for (const share of spec.requestShares) {
              const amountMinor = Math.floor((freeMinor * share) / 100);
              if (amountMinor <= 0) continue;
              await requestPayout(
                shop.id,
                { creatorId: creator.id, amount: (amountMinor / 100).toFixed(2), currency: "USD" },
                "creator",
                asCreator(creator.id),
              );
              freeMinor -= amountMinor;
            }
          }
          const { runId } = await startPayoutRun(shop.id, { from: "2026-03-01", to: `2026-03-0${lastDay}`, honourMinimum }, MIA);
          await processPayoutRun(runId);

          const balances = await readCreatorBalances(shop.id, ids);
          for (const creatorId of ids) {
            const open = await db().payoutRequest.aggregate({ where: { creatorId, status: "requested" }, _sum: { amountMinor: true } });
            const payable = balances.find((b) => b.creatorId === creatorId && b.currency === "USD")?.payable ?? 0;
            expect(Number(open._sum.amountMinor ?? 0n)).toBeLessThanOrEqual(payable);
          }
          // Every approved request is linked to a payout at least as large as it.
          const approved = await db().payoutRequest.findMany({ where: { shopId: shop.id, status: "approved" } });
          for (const request of approved) {
            const items = await db().payoutItem.aggregate({
              where: { payoutId: request.payoutId!, state: "active" },
              _sum: { amountMinor: true },
            });
            expect(Number(items._sum.amountMinor)).toBeGreaterThanOrEqual(Number(request.amountMinor));
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 120_000);
});
