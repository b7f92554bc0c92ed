// Paying one payout through PayPal Payouts, over HTTP against the fake PayPal (tests/support/
// fake-paypal.ts, which checks every request against PayPal's wire shapes): a batch of one item
// with sender_batch_id payout_<id>_a<attempt> and sender_item_id = the payout id, to the creator's
// PayPal email. The item's outcome is read back (job, then the sweeper's polls): SUCCESS settles
// in_payout → paid_paypal once; FAILED fails the payout with PayPal's reason. A lost answer is
// looked up by sending the same batch again (PayPal returns the original), never paid twice; a
// retry is a new attempt with its own batch. Refusals come before any call.
import { randomUUID } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { creatorPayoutDetailsField, shopSecretField } from "~/lib/sealed-columns.server";
import { sealPayoutDetails } from "~/creators/payout-details.server";
import { db } from "~/db.server";
import { seal } from "~/lib/secret-box.server";
import { createPayout } from "~/payouts/create-payout.server";
import { clearPayPalTokenCache } from "~/rails/paypal/paypal-client.server";
import { claimRailBatch } from "~/rails/claim-rail-batch.server";
import { batchingRail } from "~/rails/pay-rail-batch.server";
import { pollRailBatches, sweepRailAttempts } from "~/rails/sweep-rail-attempts.server";
import { createCreator, createInstalledShop, givePayable, MIA } from "../support/factories";
import { startFakePayPal, type FakePayPal } from "../support/fake-paypal";
import { drainJobs } from "../support/jobs";
import { mentioning } from "../support/mentioning";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";

const app = useTestApp();
let paypal: FakePayPal;
const EMAIL = "ava.paypal@example.com";

beforeAll(async () => {
  paypal = await startFakePayPal();
  process.env.PAYPAL_API_ORIGIN = paypal.url;
});
afterEach(() => {
  paypal.honourRequestIds = true;
  paypal.receiverRules.clear();
  expect(paypal.contractViolations).toEqual([]);
});
afterAll(async () => {
  delete process.env.PAYPAL_API_ORIGIN;
  clearPayPalTokenCache();
  await paypal?.close();
});

/** A shop with PayPal connected (sandbox, the fake's credentials) and a creator owed 125.50 with a PayPal email. */
async function setup(options: { connected?: boolean; email?: string | null; currency?: string } = {}) {
  const shop = await createInstalledShop();
  if (options.connected !== false) {
    await db().shop.update({
      where: { id: shop.id },
      data: {
        paypalClientId: "sandbox-client",
        paypalClientSecretCiphertext: seal("sandbox-secret", shopSecretField(shop.id, "paypalClientSecretCiphertext")),
        paypalEnvironment: "sandbox",
        paypalWebhookId: "WH1ABC",
        paypalConnectedAt: new Date(),
      },
    });
  }
  const creator = await createCreator(shop.id, "Ava Ames");
  const email = options.email === undefined ? EMAIL : options.email;
  if (email) {
    await db().creator.update({
      where: { id: creator.id },
      data: {
        payoutMethod: "paypal",
        payoutDetailsStatus: "complete",
        payoutDetailsCiphertext: sealPayoutDetails({ method: "paypal", paypalEmail: email }, creatorPayoutDetailsField(creator)),
      },
    });
  }
  const currency = options.currency ?? "USD";
  await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: 12_550, currency });
  const payout = await createPayout({ shopId: shop.id, creatorId: creator.id, currency, origin: "run", actor: MIA });
  return { shop, creator, payoutId: payout.payoutId };
}

const pay = (domain: string, payoutId: string) =>
  adminFetch(app.url, domain, `/app/payouts/${payoutId}`, { method: "POST", body: new URLSearchParams({ intent: "pay_paypal" }) });
const payoutRow = (payoutId: string) =>
  db().payout.findUniqueOrThrow({ where: { id: payoutId }, include: { attempts: { orderBy: { attempt: "asc" } } } });
const batchesFor = (payoutId: string) =>
  [...paypal.batches.values()].filter((b) => b.items.some((i) => i.payout_item.sender_item_id === payoutId));
const sweep = () => sweepRailAttempts({ stuckAfterMs: 0 });

async function ledger(shopId: string, account: "paid_paypal" | "in_payout", creatorId: string | null, currency = "USD") {
  const sum = await db().ledgerEntry.aggregate({ where: { shopId, account, creatorId, currency }, _sum: { amountMinor: true } });
  return Number(sum._sum.amountMinor ?? 0n);
}

/** The payout's batch is processed at PayPal (items move to their receiver's rule). */
function processAtPayPal(payoutId: string) {
  for (const batch of batchesFor(payoutId)) paypal.processBatch(batch.payout_batch_id);
}

describe("paying a payout with PayPal", () => {
  it("sends one batch of one item, waits while PENDING, and settles in_payout → paid_paypal once on SUCCESS", async () => {
    const { shop, creator, payoutId } = await setup();
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain("Pay with PayPal");
    const answer = await pay(shop.domain, payoutId);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("the PayPal payment is on its way");
    const claimed = await payoutRow(payoutId);
    expect(claimed).toMatchObject({ status: "processing", channel: "paypal" });
    // The exact request is stored before any call.
    expect(claimed.attempts).toMatchObject([
      {
        attempt: 1,
        rail: "paypal",
        status: "pending",
        idempotencyKey: `payout_${payoutId}_a1`,
        params: {
          sender_batch_header: { sender_batch_id: `payout_${payoutId}_a1`, recipient_type: "EMAIL" },
          items: [{ receiver: EMAIL, amount: { value: "125.50", currency: "USD" }, sender_item_id: payoutId }],
        },
      },
    ]);
    expect(batchesFor(payoutId)).toHaveLength(0);

    await drainJobs();
    // Sent; the item is PENDING at PayPal, so the payout waits (still reserved, nothing posted).
    expect(batchesFor(payoutId)).toHaveLength(1);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });
    // The sweep acts on every shop: what it did with this payout's attempt.
    expect((await sweep())[claimed.attempts[0]!.id]).toBe("try_later");
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(0);

    processAtPayPal(payoutId);
    await sweep();
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    const item = batchesFor(payoutId)[0]!.items[0]!;
    expect(paid.attempts[0]).toMatchObject({ status: "succeeded", railReference: item.payout_item_id });
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(0);
    // Sweeping again changes nothing: one batch, one movement.
    await sweep();
    expect(batchesFor(payoutId)).toHaveLength(1);
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
    const audit = await db().auditEvent.findMany({ where: { shopId: shop.id, subjectId: payoutId }, select: { action: true } });
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["payout.paypal_claimed", "payout.paid_paypal"]));
    const paidPage = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(paidPage).toContain(item.payout_item_id);
  });

  it.each([
    ["PayPal-Request-Id", true],
    ["the sender_batch_id duplicate check", false],
  ])("looks a lost answer up by resending the same batch (PayPal answers via %s): one batch, paid once", async (_, honour) => {
    paypal.honourRequestIds = honour;
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    // PayPal makes the batch, then the answer is lost (this payout's batch: another test's batch
    // resent meanwhile as its look-up does not use the drop up).
    paypal.inject(/^\/v1\/payments\/payouts$/, { kind: "drop" }, 1, "POST", mentioning(`payout_${payoutId}_a1`));
    await drainJobs();
    expect(batchesFor(payoutId)).toHaveLength(1);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });
    processAtPayPal(payoutId);
    await sweep();
    expect(batchesFor(payoutId)).toHaveLength(1);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "paid" });
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
  });

  it("a 5xx leaves the attempt pending and it is resent as stored; after a FAILED item the retry is attempt 2 with its own batch", async () => {
    const { shop, payoutId } = await setup();
    paypal.receiverRules.set(EMAIL, { status: "FAILED", errorName: "RECEIVER_UNREGISTERED", errorMessage: "Receiver is unregistered" });
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    paypal.inject(/^\/v1\/payments\/payouts$/, { kind: "status", status: 503 }, 1, "POST", mentioning(`payout_${payoutId}_a1`));
    await drainJobs();
    expect(batchesFor(payoutId)).toHaveLength(0);
    await sweep();
    expect(batchesFor(payoutId)).toHaveLength(1);
    processAtPayPal(payoutId);
    await sweep();
    const failed = await payoutRow(payoutId);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.attempts).toMatchObject([{ attempt: 1, status: "failed", errorCode: "paypal_item_failed" }]);

    paypal.receiverRules.clear();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    processAtPayPal(payoutId);
    await sweep();
    const paid = await payoutRow(payoutId);
    expect(paid.status).toBe("paid");
    expect(paid.attempts.map((a) => [a.attempt, a.status, a.idempotencyKey])).toEqual([
      [1, "failed", `payout_${payoutId}_a1`],
      [2, "succeeded", `payout_${payoutId}_a2`],
    ]);
    const batches = batchesFor(payoutId);
    expect(batches.map((b) => b.sender_batch_header.sender_batch_id).sort()).toEqual([`payout_${payoutId}_a1`, `payout_${payoutId}_a2`]);
    expect(batches.flatMap((b) => b.items).filter((i) => i.transaction_status === "SUCCESS")).toHaveLength(1);
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
  });

  it("fails the payout with PayPal's reason when the item FAILED; the money stays reserved", async () => {
    const { shop, creator, payoutId } = await setup();
    paypal.receiverRules.set(EMAIL, { status: "FAILED", errorName: "RECEIVER_UNREGISTERED", errorMessage: "Receiver is unregistered" });
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    processAtPayPal(payoutId);
    await sweep();
    const failed = await payoutRow(payoutId);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toBeTruthy();
    expect(failed.attempts[0]).toMatchObject({ status: "failed", errorMessage: failed.statusReason });
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(0);
    expect(await ledger(shop.id, "in_payout", creator.id)).toBe(12_550);
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).toContain(failed.statusReason!.replace(/'/g, "&#x27;").slice(0, 30));
  });
});

describe("refusals before any call to PayPal", () => {
  it.each([
    ["PayPal is not connected", { connected: false }, 409, "PayPal is not connected for this shop"],
    ["the creator has no PayPal email", { email: null }, 422, "Ava Ames has no PayPal email"],
    ["PayPal cannot pay the currency", { currency: "INR" }, 422, "PayPal Payouts cannot pay in INR"],
  ] as const)("%s: a sentence, nothing sent, the payout stays ready", async (_, options, status, sentence) => {
    const { shop, payoutId } = await setup(options);
    // No job runs during the click (the test app has no worker): nothing at all reaches PayPal.
    const before = paypal.requests.length;
    const refused = await pay(shop.domain, payoutId);
    expect(paypal.requests.length).toBe(before);
    expect(refused.status).toBe(status);
    expect(await refused.text()).toContain(sentence);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", attempts: [] });
    // Nor later: the drain may run another test's job, so only this payout's batches are counted.
    await drainJobs();
    expect(paypal.requests.filter((r) => r.requestId?.startsWith(`payout_${payoutId}_`))).toEqual([]);
  });

  it("does not offer Pay with PayPal when PayPal is not connected", async () => {
    const { shop, payoutId } = await setup({ connected: false });
    const page = await (await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`)).text();
    expect(page).not.toContain("Pay with PayPal");
  });
});

describe("PayPal webhook /webhooks/paypal", () => {
  /** An item event as PayPal sends it, about the payout's item in its (only) batch. */
  function itemEvent(payoutId: string, eventType = "PAYMENT.PAYOUTS-ITEM.SUCCEEDED", status = "SUCCESS") {
    const item = batchesFor(payoutId)[0]!.items[0]!;
    return {
      id: `WH-${item.payout_item_id}-${eventType}`,
      event_type: eventType,
      resource: {
        payout_item_id: item.payout_item_id,
        transaction_status: status,
        payout_batch_id: item.payout_batch_id,
        sender_batch_id: item.sender_batch_id,
        payout_item: { amount: item.payout_item.amount, receiver: item.payout_item.receiver, sender_item_id: payoutId },
      },
    };
  }
  const deliver = (delivery: { headers: Headers; rawBody: string }) =>
    fetch(`${app.url}/webhooks/paypal`, { method: "POST", headers: delivery.headers, body: delivery.rawBody });

  it("settles on a verified item event only after re-reading the item from PayPal", async () => {
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    // Verified, but PayPal's item is still PENDING: the event's own word is not taken.
    // (A different PayPal event from the later one: PayPal gives every event its own id.)
    const early = await deliver(paypal.webhookDelivery({ ...itemEvent(payoutId), id: "WH-EARLY-PENDING" }, "WH1ABC"));
    expect(early.status).toBe(200);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });

    paypal.setItemStatus(payoutId, { status: "SUCCESS" });
    // Signed for another webhook, or changed on the way: refused, nothing settled.
    expect((await deliver(paypal.webhookDelivery(itemEvent(payoutId), "WH2OTHER"))).status).toBe(401);
    const good = paypal.webhookDelivery(itemEvent(payoutId), "WH1ABC");
    expect((await deliver({ headers: good.headers, rawBody: good.rawBody.replace("SUCCESS", "FAILED") })).status).toBe(401);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });

    expect((await deliver(good)).status).toBe(200);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "paid" });
    // Delivered twice: settled once.
    expect((await deliver(good)).status).toBe(200);
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
  });

  it("fails the payout on a verified FAILED item event with PayPal's reason", async () => {
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    paypal.setItemStatus(payoutId, { status: "FAILED", errorName: "RECEIVER_UNREGISTERED", errorMessage: "Receiver is unregistered" });
    const answer = await deliver(paypal.webhookDelivery(itemEvent(payoutId, "PAYMENT.PAYOUTS-ITEM.FAILED", "FAILED"), "WH1ABC"));
    expect(answer.status).toBe(200);
    const failed = await payoutRow(payoutId);
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed.attempts[0]).toMatchObject({ status: "failed", errorCode: "paypal_item_failed" });
  });

  it("refuses a body that is not a PayPal event (400) or is too large (413)", async () => {
    const notJson = await fetch(`${app.url}/webhooks/paypal`, { method: "POST", body: "hello" });
    expect(notJson.status).toBe(400);
    const huge = await fetch(`${app.url}/webhooks/paypal`, { method: "POST", body: "x".repeat(300 * 1024) });
    expect(huge.status).toBe(413);
  });
});

// ---- A payout run on PayPal: one batch per run (issue 15 item 4) ----

/** N creators who prefer PayPal, with PayPal emails, each owed 30.00 + i cents, in a shop with PayPal connected and enabled. */
async function payPalRunShop(count: number) {
  const { shop } = await setup({ email: null });
  await db().shop.update({ where: { id: shop.id }, data: { enabledRails: ["paypal", "offline"] } });
  const creators = [];
  for (let i = 0; i < count; i++) {
    const creator = await createCreator(shop.id, `Run Creator ${i}`, { preferredRail: "paypal" });
    await db().creator.update({
      where: { id: creator.id },
      data: {
        payoutMethod: "paypal",
        payoutDetailsStatus: "complete",
        payoutDetailsCiphertext: sealPayoutDetails(
          { method: "paypal", paypalEmail: `run${i}.${creator.id}@example.com` },
          creatorPayoutDetailsField(creator),
        ),
      },
    });
    await givePayable(shop.id, creator.id, { kind: "fixed_fee", amountMinor: 3_000 + i, currency: "USD" });
    creators.push(creator);
  }
  return { shop, creators };
}

/** "Pay all due" on the Payouts list: a run over every creator, paid on each one's rail. */
async function payAllDue(domain: string) {
  const started = await adminFetch(app.url, domain, "/app/payouts", {
    method: "POST",
    body: new URLSearchParams({ intent: "pay_all_due", requestKey: randomUUID().replaceAll("-", "") }),
  });
  expect(started.status).toBe(302);
  await drainJobs();
}

const runPayouts = (shopId: string, creatorIds: string[]) =>
  db().payout.findMany({
    where: { shopId, creatorId: { in: creatorIds } },
    include: { attempts: true },
    orderBy: { id: "asc" },
  });
/** The reconciliation export's lines as [rail, result, payout]. */
async function reconciliationLines(domain: string): Promise<string[][]> {
  const answer = await adminFetch(app.url, domain, "/app/exports/reconciliation.csv");
  expect(answer.status).toBe(200);
  const [, ...lines] = parseCsv((await answer.text()).replace(/^\uFEFF/, "")) as string[][];
  return lines.map((cells) => [cells[0]!, cells[1]!, cells[7]!]);
}
/** Create calls for one run's batches (their PayPal-Request-Id is the sender_batch_id run_<run>_b<n>), not another test's. */
const batchCreates = (runId: string) =>
  paypal.requests.filter((r) => r.method === "POST" && r.path === "/v1/payments/payouts" && r.requestId?.startsWith(`run_${runId}_`))
    .length;
const batchesOfRun = (runId: string) =>
  [...paypal.batches.values()].filter((b) => String(b.sender_batch_header.sender_batch_id).startsWith(`run_${runId}_`));

describe("a payout run on PayPal: one batch per run", () => {
  it("claims every PayPal payout of the run with its own attempt row, sends ONE batch (run id + batch number, payout ids as item ids), and settles per item from the poll", async () => {
    const { shop, creators } = await payPalRunShop(4);
    await payAllDue(shop.domain);

    const payouts = await runPayouts(
      shop.id,
      creators.map((c) => c.id),
    );
    expect(payouts).toHaveLength(4);
    const runId = payouts[0]!.runId!;
    expect(payouts.every((p) => p.status === "processing" && p.channel === "paypal")).toBe(true);
    // One batch at PayPal, one create call, holding every payout as an item.
    expect(batchCreates(runId)).toBe(1);
    const batches = batchesOfRun(runId);
    expect(batches).toHaveLength(1);
    expect(batches[0]!.sender_batch_header.sender_batch_id).toBe(`run_${runId}_b1`);
    expect(batches[0]!.items.map((i) => i.payout_item.sender_item_id)).toEqual(payouts.map((p) => p.id));
    // Each payout its own attempt row with its exact item, naming the batch (and PayPal's id of it once answered).
    for (const payout of payouts) {
      expect(payout.attempts).toMatchObject([
        {
          attempt: 1,
          rail: "paypal",
          status: "pending",
          batchKey: `run_${runId}_b1`,
          railBatchId: batches[0]!.payout_batch_id,
          idempotencyKey: `run_${runId}_b1:${payout.id}`,
          params: { sender_batch_header: { sender_batch_id: `run_${runId}_b1` }, items: [{ sender_item_id: payout.id }] },
        },
      ]);
    }
    const run = await db().payoutRun.findUniqueOrThrow({ where: { id: runId } });
    expect((run.summary as { rails?: unknown }).rails).toEqual({ paypal: { sent: 4, errors: [] } });
    // Reconciliation reads the batch by the id PayPal gave: its items show while PayPal has not paid them.
    const pendingAtPayPal = await reconciliationLines(shop.domain);
    for (const payout of payouts) expect(pendingAtPayPal).toContainEqual(["PayPal Payouts", "Not paid at the rail", payout.id]);

    // PayPal pays three and fails one; the poll settles each item on its own, looking the batch up by its id.
    paypal.receiverRules.set(batches[0]!.items[2]!.payout_item.receiver, {
      status: "FAILED",
      errorName: "RECEIVER_UNREGISTERED",
      errorMessage: "Receiver is unregistered",
    });
    paypal.processBatch(batches[0]!.payout_batch_id);
    // The poll acts on every shop's batches: what it did with this run's.
    expect((await pollRailBatches({ stuckAfterMs: 0 }))[`run_${runId}_b1`]).toEqual({ paid: 3, failed: 1, waiting: 0 });
    expect(batchCreates(runId)).toBe(1);
    const settled = await runPayouts(
      shop.id,
      creators.map((c) => c.id),
    );
    expect(settled.map((p) => p.status)).toEqual(["paid", "paid", "failed", "paid"]);
    expect(settled[2]!.statusReason).toBeTruthy();
    const owed = (creatorId: string) => 3_000 + creators.findIndex((c) => c.id === creatorId);
    expect(await ledger(shop.id, "paid_paypal", null)).toBe([0, 1, 3].reduce((sum, i) => sum + owed(settled[i]!.creatorId), 0));
    expect(await ledger(shop.id, "in_payout", settled[2]!.creatorId)).toBe(owed(settled[2]!.creatorId));
    // Polled again: nothing changes, nothing is sent.
    expect((await pollRailBatches({ stuckAfterMs: 0 }))[`run_${runId}_b1`]).toBeUndefined();
    expect(batchCreates(runId)).toBe(1);
  });

  it("splits the run's batch at the item limit (batch numbers 1, 2); a payout PayPal cannot take is refused alone, the others claimed", async () => {
    const { shop, creators } = await payPalRunShop(3);
    const noEmail = await createCreator(shop.id, "Nora NoEmail", { preferredRail: "paypal" });
    await givePayable(shop.id, noEmail.id, { kind: "fixed_fee", amountMinor: 4_000, currency: "USD" });
    const payouts = [];
    for (const creator of [...creators, noEmail])
      payouts.push(await createPayout({ shopId: shop.id, creatorId: creator.id, currency: "USD", origin: "run", actor: MIA }));
    const run = await db().payoutRun.create({
      data: {
        shopId: shop.id,
        status: "completed",
        payableFrom: new Date("2026-01-01"),
        payableTo: new Date("2026-01-31"),
        honourMinimum: false,
        summary: {},
        createdBy: "test",
      },
    });
    const rail = batchingRail("paypal");
    const result = await claimRailBatch(
      { ...rail, batch: { ...rail.batch, maxItems: 2 } },
      shop.id,
      run.id,
      payouts.map((p) => p.payoutId),
      MIA,
    );
    expect(result).toEqual({
      claimed: 3,
      batchKeys: [`run_${run.id}_b1`, `run_${run.id}_b2`],
      errors: [expect.stringContaining("Nora NoEmail has no PayPal email")],
    });
    // The refused payout is untouched (rolled back to its savepoint): still ready, no attempt, no audit of a claim.
    const refusedId = payouts[3]!.payoutId;
    expect(await payoutRow(refusedId)).toMatchObject({ status: "ready", attempts: [] });
    expect(await db().auditEvent.count({ where: { subjectId: refusedId, action: "payout.paypal_claimed" } })).toBe(0);
    await drainJobs();
    expect(batchesOfRun(run.id).map((b) => [b.sender_batch_header.sender_batch_id, b.items.length])).toEqual([
      [`run_${run.id}_b1`, 2],
      [`run_${run.id}_b2`, 1],
    ]);
  });

  it.each([
    ["PayPal-Request-Id", true],
    ["the sender_batch_id duplicate refusal and its link", false],
  ])(
    "a lost batch answer is looked up (PayPal answers via %s) and the batch is never made twice; later polls only GET it by id",
    async (_, honour) => {
      paypal.honourRequestIds = honour;
      const { shop, creators } = await payPalRunShop(3);
      // PayPal makes the batch, then the answer is lost (this run's batch: its items name the creators).
      paypal.inject(/^\/v1\/payments\/payouts$/, { kind: "drop" }, 1, "POST", mentioning(creators[0]!.id));
      await payAllDue(shop.domain);
      const payouts = await runPayouts(
        shop.id,
        creators.map((c) => c.id),
      );
      const runId = payouts[0]!.runId!;
      expect(batchesOfRun(runId)).toHaveLength(1);
      expect(payouts.every((p) => p.status === "processing" && p.attempts[0]!.railBatchId === null)).toBe(true);
      // The job's retry (run here as the poll) looks the batch up: PayPal pays nothing again and names the batch.
      await pollRailBatches({ stuckAfterMs: 0 });
      expect(batchCreates(runId)).toBe(2);
      expect(batchesOfRun(runId)).toHaveLength(1);
      const batch = batchesOfRun(runId)[0]!;
      const looked = await runPayouts(
        shop.id,
        creators.map((c) => c.id),
      );
      expect(looked.every((p) => p.attempts[0]!.railBatchId === batch.payout_batch_id)).toBe(true);
      // From now on the batch is read by its id: no more create calls, whatever happens.
      paypal.processBatch(batch.payout_batch_id);
      await pollRailBatches({ stuckAfterMs: 0 });
      await pollRailBatches({ stuckAfterMs: 0 });
      expect(batchCreates(runId)).toBe(2);
      expect(
        (
          await runPayouts(
            shop.id,
            creators.map((c) => c.id),
          )
        ).map((p) => p.status),
      ).toEqual(["paid", "paid", "paid"]);
      expect(await ledger(shop.id, "paid_paypal", null)).toBe(3_000 + 3_001 + 3_002);
      expect(batch.items.filter((i) => i.transaction_status === "SUCCESS")).toHaveLength(3);
    },
  );

  it("PayPal (the fake) refuses a replayed sender_batch_id: the same batch sent again makes no second batch", async () => {
    const { shop, creators } = await payPalRunShop(2);
    await payAllDue(shop.domain);
    const payouts = await runPayouts(
      shop.id,
      creators.map((c) => c.id),
    );
    const runId = payouts[0]!.runId!;
    const attempts = payouts.map((p) => p.attempts[0]!);
    const request = {
      sender_batch_header: (attempts[0]!.params as { sender_batch_header: unknown }).sender_batch_header,
      items: attempts.map((a) => (a.params as { items: unknown[] }).items[0]),
    };
    const token = await fetch(`${paypal.url}/v1/oauth2/token`, {
      method: "POST",
      headers: { Authorization: `Basic ${Buffer.from("sandbox-client:sandbox-secret").toString("base64")}` },
      body: "grant_type=client_credentials",
    }).then((r) => r.json() as Promise<{ access_token: string }>);
    const replay = await fetch(`${paypal.url}/v1/payments/payouts`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token.access_token}`, "Content-Type": "application/json", "PayPal-Request-Id": randomUUID() },
      body: JSON.stringify(request),
    });
    expect(replay.status).toBe(400);
    const body = (await replay.json()) as { name: string; details: { field: string }[]; links: { href: string }[] };
    expect(body).toMatchObject({ name: "USER_BUSINESS_ERROR", details: [{ field: "SENDER_BATCH_ID" }] });
    expect(body.links[0]!.href).toContain(batchesOfRun(runId)[0]!.payout_batch_id);
    expect(batchesOfRun(runId)).toHaveLength(1);
  });

  it("an item unclaimed for 30 days is canceled at PayPal and fails its payout with the reason; the money stays reserved", async () => {
    const { shop, creators } = await payPalRunShop(2);
    await payAllDue(shop.domain);
    const payouts = await runPayouts(
      shop.id,
      creators.map((c) => c.id),
    );
    const batch = batchesOfRun(payouts[0]!.runId!)[0]!;
    paypal.setItemStatus(payouts[0]!.id, {
      status: "UNCLAIMED",
      errorName: "RECEIVER_UNREGISTERED",
      errorMessage: "Receiver is unregistered",
    });
    paypal.setItemStatus(payouts[1]!.id, { status: "SUCCESS" });
    // Unclaimed for a day: still waiting (the creator may claim it).
    await pollRailBatches({ stuckAfterMs: 0 });
    expect(
      (
        await runPayouts(
          shop.id,
          creators.map((c) => c.id),
        )
      ).map((p) => p.status),
    ).toEqual(["processing", "paid"]);

    const later = new Date(Date.now() + 31 * 24 * 60 * 60 * 1000);
    process.env.CREATOR_PAYOUTS_CLOCK = later.toISOString();
    try {
      await pollRailBatches({ stuckAfterMs: 0 });
    } finally {
      delete process.env.CREATOR_PAYOUTS_CLOCK;
    }
    const after = await runPayouts(
      shop.id,
      creators.map((c) => c.id),
    );
    expect(after.map((p) => p.status)).toEqual(["failed", "paid"]);
    expect(after[0]!.statusReason).toMatch(/^Unclaimed after 30 days: /);
    expect(after[0]!.attempts[0]).toMatchObject({ status: "failed", errorCode: "paypal_item_unclaimed" });
    expect(batch.items.find((i) => i.payout_item.sender_item_id === payouts[0]!.id)!.transaction_status).toBe("RETURNED");
    const owed = (creatorId: string) => 3_000 + creators.findIndex((c) => c.id === creatorId);
    expect(await ledger(shop.id, "in_payout", payouts[0]!.creatorId)).toBe(owed(payouts[0]!.creatorId));
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(owed(payouts[1]!.creatorId));
  });

  it("a verified item webhook settles its item of the run's batch; the delivery is recorded as an inbound event", async () => {
    const { shop, creators } = await payPalRunShop(2);
    await payAllDue(shop.domain);
    const payouts = await runPayouts(
      shop.id,
      creators.map((c) => c.id),
    );
    const item = paypal.setItemStatus(payouts[1]!.id, { status: "SUCCESS" });
    const event = {
      id: `WH-RUN-${item.payout_item_id}`,
      event_type: "PAYMENT.PAYOUTS-ITEM.SUCCEEDED",
      resource: {
        payout_item_id: item.payout_item_id,
        transaction_status: "SUCCESS",
        payout_batch_id: item.payout_batch_id,
        sender_batch_id: item.sender_batch_id,
        payout_item: { amount: item.payout_item.amount, receiver: item.payout_item.receiver, sender_item_id: payouts[1]!.id },
      },
    };
    const answer = await fetch(`${app.url}/webhooks/paypal`, { method: "POST", ...deliveryInit(paypal.webhookDelivery(event, "WH1ABC")) });
    expect(answer.status).toBe(200);
    expect(
      (
        await runPayouts(
          shop.id,
          creators.map((c) => c.id),
        )
      ).map((p) => p.status),
    ).toEqual(["processing", "paid"]);
    expect(
      await db().inboundEvent.findMany({
        where: { source: "paypal", deliveryId: event.id },
        select: { status: true, shopId: true, topic: true },
      }),
    ).toEqual([{ status: "processed", shopId: shop.id, topic: "PAYMENT.PAYOUTS-ITEM.SUCCEEDED" }]);
  });
});

const deliveryInit = (delivery: { headers: Headers; rawBody: string }) => ({ headers: delivery.headers, body: delivery.rawBody });

describe("PayPal webhook deliveries recorded as inbound events", () => {
  async function paidOnePayout() {
    const { shop, payoutId } = await setup();
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    await drainJobs();
    const item = paypal.setItemStatus(payoutId, { status: "SUCCESS" });
    const event = (id: string, payout = payoutId) => ({
      id,
      event_type: "PAYMENT.PAYOUTS-ITEM.SUCCEEDED",
      resource: {
        payout_item_id: item.payout_item_id,
        transaction_status: "SUCCESS",
        payout_batch_id: item.payout_batch_id,
        sender_batch_id: item.sender_batch_id,
        payout_item: { amount: item.payout_item.amount, receiver: item.payout_item.receiver, sender_item_id: payout },
      },
    });
    return { shop, payoutId, event };
  }
  const post = (delivery: { headers: Headers; rawBody: string }) =>
    fetch(`${app.url}/webhooks/paypal`, { method: "POST", ...deliveryInit(delivery) });
  const recorded = (deliveryId: string) =>
    db().inboundEvent.findMany({
      where: { source: "paypal", deliveryId },
      select: { status: true, reason: true },
      orderBy: { receivedAt: "asc" },
    });

  it("records a verified event once per PayPal event id: a repeat is recorded as a duplicate and settles nothing again", async () => {
    const { shop, payoutId, event } = await paidOnePayout();
    const delivery = paypal.webhookDelivery(event("WH-ONCE-1"), "WH1ABC");
    expect((await post(delivery)).status).toBe(200);
    expect((await post(delivery)).status).toBe(200);
    const rows = await recorded("WH-ONCE-1");
    expect(rows.map((r) => r.status)).toEqual(["processed", "duplicate"]);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "paid" });
    expect(await ledger(shop.id, "paid_paypal", null)).toBe(12_550);
  });

  it("a forged delivery is answered 401 and writes nothing", async () => {
    const { payoutId, event } = await paidOnePayout();
    const before = await db().inboundEvent.count({ where: { source: "paypal" } });
    const good = paypal.webhookDelivery(event("WH-FORGED-1"), "WH1ABC");
    expect((await post({ headers: good.headers, rawBody: good.rawBody.replace("SUCCEEDED", "FAILED") })).status).toBe(401);
    expect((await post(paypal.webhookDelivery(event("WH-FORGED-2"), "WH-NOT-OURS"))).status).toBe(401);
    expect(await db().inboundEvent.count({ where: { source: "paypal" } })).toBe(before);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });
  });

  it("a verified event the app cannot use (its item is an earlier attempt's) is answered 200 and recorded rejected with the reason", async () => {
    const { shop, payoutId, event } = await paidOnePayout();
    // Attempt 1 is failed at PayPal and retried: attempt 2 is a new batch; a late event about attempt 1's item settles nothing.
    paypal.setItemStatus(payoutId, { status: "FAILED", errorName: "RECEIVER_UNREGISTERED", errorMessage: "Receiver is unregistered" });
    await sweep();
    expect(await payoutRow(payoutId)).toMatchObject({ status: "failed" });
    expect((await pay(shop.domain, payoutId)).status).toBe(200);
    const late = await post(paypal.webhookDelivery(event("WH-LATE-1"), "WH1ABC"));
    expect(late.status).toBe(200);
    expect(await recorded("WH-LATE-1")).toEqual([{ status: "rejected", reason: "the event is about an earlier attempt's PayPal item" }]);
    expect(await payoutRow(payoutId)).toMatchObject({ status: "processing" });
  });
});

describe("Pay with Stripe when the Stripe rail is off", () => {
  it("the payout page's Pay with Stripe and bulk Pay with Stripe refuse with a sentence naming the fix, writing nothing", async () => {
    const { shop, payoutId } = await setup();
    await db().shop.update({ where: { id: shop.id }, data: { enabledRails: ["paypal", "offline"] } });
    const one = await adminFetch(app.url, shop.domain, `/app/payouts/${payoutId}`, {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_stripe" }),
    });
    expect(one.status).toBe(409);
    expect(await one.text()).toContain("Turn it on in Settings → Payout rails");
    const bulk = await adminFetch(app.url, shop.domain, "/app/payouts", {
      method: "POST",
      body: new URLSearchParams({ intent: "pay_stripe", payoutId }),
    });
    expect(await bulk.text()).toContain("Turn it on in Settings → Payout rails");
    expect(await payoutRow(payoutId)).toMatchObject({ status: "ready", attempts: [] });
  });
});
