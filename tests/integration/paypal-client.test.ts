// The PayPal Payouts client against the fake PayPal over real HTTP: token caching, batch create
// and lookup, the 30-day sender_batch_id rule, lost answers, item states, refusals as sentences,
// webhook verification and bounded answers. Every request the client sent is checked against
// the shapes written from PayPal's OpenAPI document (fake.contractViolations).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { planPayPalBatches } from "~/rails/paypal/plan-paypal-batches";
import {
  clearPayPalTokenCache,
  createPayPalClient,
  PAYPAL_API_BASE_URLS,
  PayPalOutcomeUnknown,
  PayPalRefusal,
  type PayPalClient,
} from "~/rails/paypal/paypal-client.server";
import { payPalItemOutcome } from "~/rails/paypal/paypal-item-outcome";
import { FAKE_PAYPAL_MEMORY_MS, startFakePayPal, type FakePayPal } from "../support/fake-paypal";

let fake: FakePayPal;
let client: PayPalClient;

beforeAll(async () => {
  fake = await startFakePayPal();
  fake.credentials.set("client-good", "secret-good");
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  clearPayPalTokenCache();
  client = createPayPalClient({ environment: "sandbox", clientId: "client-good", clientSecret: "secret-good", apiOrigin: fake.url });
});
afterEach(() => {
  expect(fake.contractViolations).toEqual([]);
});

let runNumber = 0;
const plan = (count = 2, overrides: { receiver?: string } = {}) =>
  planPayPalBatches(
    Array.from({ length: count }, (_, i) => ({
      payoutId: `po_${runNumber}_${i}`,
      amountMinor: 2500 + i,
      currency: "USD",
      receiverEmail: overrides.receiver ?? `creator${i}@example.com`,
    })),
    { runId: `run${++runNumber}${Date.now()}` },
  )[0]!;
const batchesWithSenderId = (senderBatchId: string) =>
  [...fake.batches.values()].filter((b) => b.sender_batch_header.sender_batch_id === senderBatchId);

describe("PayPal client", () => {
  it("fetches one token and reuses it until PayPal stops accepting it", async () => {
    const before = fake.requests.filter((r) => r.path === "/v1/oauth2/token").length;
    const created = await client.createBatchPayout(plan().request);
    expect(created.kind).toBe("created");
    await client.getBatch(created.payoutBatchId!);
    expect(fake.requests.filter((r) => r.path === "/v1/oauth2/token").length).toBe(before + 1);
    fake.expireTokens();
    await client.getBatch(created.payoutBatchId!);
    expect(fake.requests.filter((r) => r.path === "/v1/oauth2/token").length).toBe(before + 2);
  });

  it("refuses credentials PayPal does not accept, with a sentence and without the secret", async () => {
    const wrong = createPayPalClient({
      environment: "sandbox",
      clientId: "client-good",
      clientSecret: "not-the-secret",
      apiOrigin: fake.url,
    });
    const error = await wrong.accessToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayPalRefusal);
    expect((error as Error).message).toMatch(/PayPal did not accept this client id and secret/);
    expect((error as Error).message).not.toContain("not-the-secret");
  });

  it("creates a batch (items keyed by payout id) and reads it and its items back", async () => {
    const batch = plan(3);
    const created = await client.createBatchPayout(batch.request);
    if (created.kind !== "created") throw new Error("expected created");
    expect(created.response.batch_header).toMatchObject({
      batch_status: "PENDING",
      sender_batch_header: { sender_batch_id: batch.senderBatchId },
    });
    expect(fake.requests.at(-1)).toMatchObject({ path: "/v1/payments/payouts", requestId: batch.senderBatchId });

    fake.processBatch(created.payoutBatchId);
    const { batch: read, items } = await client.getBatchItems(created.payoutBatchId);
    expect(read.batch_header).toMatchObject({ batch_status: "SUCCESS", amount: { currency: "USD", value: "75.03" } });
    expect(items.map((i) => [i.payout_item.sender_item_id, i.transaction_status, i.payout_item.amount.value])).toEqual([
      [batch.payoutIds[0], "SUCCESS", "25.00"],
      [batch.payoutIds[1], "SUCCESS", "25.01"],
      [batch.payoutIds[2], "SUCCESS", "25.02"],
    ]);
    const item = await client.getPayoutItem(items[1]!.payout_item_id);
    expect(item).toMatchObject({ payout_batch_id: created.payoutBatchId, transaction_status: "SUCCESS" });
  });

  it("reads a batch of more than one page", async () => {
    const batch = plan(1001);
    const created = await client.createBatchPayout(batch.request);
    const { items } = await client.getBatchItems(created.payoutBatchId!);
    expect(items.map((i) => i.payout_item.sender_item_id)).toEqual(batch.payoutIds);
  });

  it("a lost answer: the batch is looked up by resending it, and PayPal holds it once", async () => {
    const batch = plan();
    fake.inject(/^\/v1\/payments\/payouts$/, { kind: "drop" });
    const lost = await client.createBatchPayout(batch.request).catch((e: unknown) => e);
    expect(lost).toBeInstanceOf(PayPalOutcomeUnknown);
    expect(batchesWithSenderId(batch.senderBatchId)).toHaveLength(1);

    const found = await client.findOrCreateBatchPayout(batch.request, new Date());
    expect(found).toMatchObject({ kind: "created", payoutBatchId: batchesWithSenderId(batch.senderBatchId)[0]!.payout_batch_id });
    expect(batchesWithSenderId(batch.senderBatchId)).toHaveLength(1);
  });

  it("a reused sender_batch_id is refused by PayPal and comes back as the original batch", async () => {
    const batch = plan();
    const first = await client.createBatchPayout(batch.request);
    fake.honourRequestIds = false;
    try {
      const again = await client.createBatchPayout(batch.request);
      expect(again).toEqual({
        kind: "duplicate",
        payoutBatchId: first.payoutBatchId,
        sentence: expect.stringMatching(/already has this batch/),
      });
    } finally {
      fake.honourRequestIds = true;
    }
    expect(batchesWithSenderId(batch.senderBatchId)).toHaveLength(1);
  });

  it("after a 5xx nothing was created, and the resend creates the batch once", async () => {
    const batch = plan();
    fake.inject(/^\/v1\/payments\/payouts$/, { kind: "status", status: 503 });
    const error = await client.createBatchPayout(batch.request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayPalOutcomeUnknown);
    expect((error as Error).message).toMatch(/unavailable/);
    expect(batchesWithSenderId(batch.senderBatchId)).toHaveLength(0);
    expect((await client.findOrCreateBatchPayout(batch.request, new Date())).kind).toBe("created");
    expect(batchesWithSenderId(batch.senderBatchId)).toHaveLength(1);
  });

  it("does not resend a batch PayPal may have forgotten (first sent 29 days or more ago)", async () => {
    const batch = plan();
    const sent = fake.requests.length;
    const longAgo = new Date(Date.now() - FAKE_PAYPAL_MEMORY_MS + 24 * 3600 * 1000);
    await expect(client.findOrCreateBatchPayout(batch.request, longAgo)).rejects.toThrow(/remembers a batch id for 30 days only/);
    expect(fake.requests.length).toBe(sent);
  });

  it("a balance that does not cover the batch is a refusal with a sentence; nothing is stored", async () => {
    const batch = plan();
    const balance = fake.balance.USD!;
    fake.balance.USD = 10;
    try {
      const error = await client.createBatchPayout(batch.request).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PayPalRefusal);
      expect(error).toMatchObject({
        status: 422,
        errorName: "INSUFFICIENT_FUNDS",
        message: expect.stringMatching(/Add money to your PayPal balance/),
      });
    } finally {
      fake.balance.USD = balance;
    }
    expect(batchesWithSenderId(batch.senderBatchId)).toHaveLength(0);
  });

  it("the fake holds requests to PayPal's published shapes", async () => {
    const batch = plan();
    const malformed = {
      ...batch.request,
      items: [{ ...batch.request.items[0]!, amount: { value: "25.5.0", currency: "USD" }, colour: "red" }],
    };
    const error = await client.createBatchPayout(malformed as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PayPalRefusal);
    expect((error as Error).message).toMatch(/^PayPal refused the request \(items\.0\.amount\.value\)/);
    expect(fake.contractViolations).toHaveLength(1);
    fake.contractViolations.length = 0;
  });

  it("item states map to outcomes; an unclaimed item is canceled at PayPal and returns", async () => {
    const batch = plan(1, { receiver: "no-account@example.com" });
    fake.receiverRules.set("no-account@example.com", { status: "UNCLAIMED", errorName: "RECEIVER_UNREGISTERED" });
    const created = await client.createBatchPayout(batch.request);
    fake.processBatch(created.payoutBatchId!);
    const [item] = (await client.getBatchItems(created.payoutBatchId!)).items;
    const state = { status: item!.transaction_status, errorName: item!.errors?.name, since: new Date(item!.time_processed!) };
    expect(payPalItemOutcome(state, new Date())).toMatchObject({ kind: "waiting", reason: expect.stringMatching(/no PayPal account/) });
    expect(payPalItemOutcome(state, new Date(Date.now() + FAKE_PAYPAL_MEMORY_MS)).kind).toBe("cancel_unclaimed");

    const returned = await client.cancelUnclaimedItem(item!.payout_item_id);
    expect(payPalItemOutcome({ status: returned.transaction_status, since: new Date() }, new Date())).toEqual({
      kind: "failed",
      reason: expect.stringMatching(/returned to you/),
    });
    await expect(client.cancelUnclaimedItem(item!.payout_item_id)).rejects.toThrow(PayPalRefusal);

    fake.setItemStatus(batch.payoutIds[0]!, { status: "FAILED", errorName: "RECEIVER_ACCOUNT_LOCKED" });
    const failed = await client.getPayoutItem(item!.payout_item_id);
    expect(
      payPalItemOutcome({ status: failed.transaction_status, errorName: failed.errors?.name, since: new Date() }, new Date()),
    ).toMatchObject({
      kind: "failed",
      reason: expect.stringMatching(/locked or inactive/),
    });
  });

  it("verifies webhook deliveries through PayPal's endpoint: genuine, tampered, other webhook, no headers", async () => {
    const event = {
      id: "WH-7Y7254563A4550640-11V2185806837105M",
      event_version: "1.0",
      create_time: "2026-12-01T10:00:00.000Z",
      resource_type: "payouts_item",
      event_type: "PAYMENT.PAYOUTS-ITEM.SUCCEEDED",
      summary: "A payout item has succeeded",
      resource: { payout_item_id: "8AELMXH8UB2P8", transaction_status: "SUCCESS", payout_item: { sender_item_id: "po_1" } },
    };
    const delivery = fake.webhookDelivery(event, "WH1ABC");
    expect(await client.verifyWebhookSignature({ ...delivery, webhookId: "WH1ABC" })).toBe(true);
    const tampered = delivery.rawBody.replace("SUCCESS", "FAILED");
    expect(await client.verifyWebhookSignature({ headers: delivery.headers, rawBody: tampered, webhookId: "WH1ABC" })).toBe(false);
    const forOther = fake.webhookDelivery(event, "WH2OTHER");
    expect(await client.verifyWebhookSignature({ ...forOther, webhookId: "WH2OTHER" })).toBe(false);
    const sent = fake.requests.length;
    expect(await client.verifyWebhookSignature({ headers: new Headers(), rawBody: delivery.rawBody, webhookId: "WH1ABC" })).toBe(false);
    expect(await client.verifyWebhookSignature({ headers: delivery.headers, rawBody: "[1]", webhookId: "WH1ABC" })).toBe(false);
    expect(fake.requests.length).toBe(sent);
  });

  it("reads at most 8 MiB of an answer: a larger one is an unknown outcome", async () => {
    const huge = createServer((req, res) => {
      if (req.url === "/v1/oauth2/token") {
        res.writeHead(200, { "Content-Type": "application/json" });
        return res.end(JSON.stringify({ access_token: "t", token_type: "Bearer", expires_in: 3600 }));
      }
      res.writeHead(200, { "Content-Type": "application/json" }); // chunked: no Content-Length to refuse early
      const chunk = " ".repeat(64 * 1024);
      let sent = 0;
      const write = () => {
        while (sent < 10 * 1024 * 1024) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once("drain", write);
        }
        res.end("{}");
      };
      write();
    });
    await new Promise<void>((resolve) => huge.listen(0, "127.0.0.1", resolve));
    try {
      const origin = `http://127.0.0.1:${(huge.address() as AddressInfo).port}`;
      const bounded = createPayPalClient({ environment: "live", clientId: "a", clientSecret: "b", apiOrigin: origin });
      await expect(bounded.getBatch("ANY")).rejects.toThrow(/larger than the app reads/);
    } finally {
      huge.closeAllConnections();
      await new Promise((resolve) => huge.close(resolve));
    }
  });

  it("calls PayPal's sandbox or live API by the shop's mode", async () => {
    const urls: string[] = [];
    const recording = (async (input: RequestInfo | URL) => {
      urls.push(String(input));
      return new Response(JSON.stringify({ access_token: "t", token_type: "Bearer", expires_in: 3600 }), { status: 200 });
    }) as typeof fetch;
    await createPayPalClient({ environment: "sandbox", clientId: "s", clientSecret: "x", fetch: recording }).accessToken();
    await createPayPalClient({ environment: "live", clientId: "l", clientSecret: "x", fetch: recording }).accessToken();
    expect(urls).toEqual([`${PAYPAL_API_BASE_URLS.sandbox}/v1/oauth2/token`, `${PAYPAL_API_BASE_URLS.live}/v1/oauth2/token`]);
    expect(PAYPAL_API_BASE_URLS).toEqual({ sandbox: "https://api-m.sandbox.paypal.com", live: "https://api-m.paypal.com" });
  });
});
