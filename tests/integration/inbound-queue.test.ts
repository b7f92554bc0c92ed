// Inbound events as their own queue: signed deliveries over HTTP to the running app, claimed
// and worked by the inbound drain (app/jobs/tasks/drain-inbound-events.server.ts).
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import { Logger, runOnce } from "graphile-worker";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { JOB } from "~/jobs/job-names";
import { TASK_LIST } from "~/jobs/task-list.server";
import { claimInboundEvents, drainInboundEvents } from "~/jobs/tasks/drain-inbound-events.server";
import { drainConcurrently } from "~/jobs/tasks/inbound-drain-schedule.server";
import { INBOUND_RETRY } from "~/jobs/tasks/process-inbound-event.server";
import { drainJobs } from "../support/jobs";
import { outcomeOf } from "../support/order-histories";
import { orderPayload, type OrderSpec } from "../support/shopify-payloads";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { startTestApp, type TestApp } from "../support/test-app";
import { executeAsOwner } from "../support/test-database";
import { createCreator, createShopWithTenPercentPlan } from "../support/factories";

let app: TestApp;
let nextOrderId = 9_300_000_000;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function createShopWithCreator(): Promise<Shop> {
  const shop = await createShopWithTenPercentPlan({ name: "Queue Co" });
  await createCreator(shop.id, "Creator MAYA", { referralCode: "MAYA", email: `maya-${shop.id}@creators.test` });
  return shop;
}

function order(): OrderSpec {
  const orderId = nextOrderId++;
  return {
    orderId,
    createdAt: "2026-10-03T14:21:09-04:00",
    updatedAt: "2026-10-03T14:21:09-04:00",
    lines: [{ lineId: orderId * 10 + 1, productId: 7001, quantity: 1, unitPriceMinor: 4500, discountMinor: 675 }],
    creatorRef: "MAYA",
  };
}

async function deliverOrder(shop: Shop, spec: OrderSpec) {
  const webhookId = randomUUID();
  const response = await sendShopifyWebhook(app.url, {
    topic: "orders/create",
    shop: shop.domain,
    body: JSON.stringify(orderPayload(spec)),
    webhookId,
  });
  expect(response.status).toBe(200);
  return db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } });
}

/** Seconds from the database's now() to the event's next attempt. */
async function secondsUntilNextAttempt(id: string): Promise<number> {
  const [row] = await db().$queryRaw<{ seconds: number }[]>`
    SELECT extract(epoch FROM "nextAttemptAt" - now())::float8 AS seconds FROM "InboundEvent" WHERE "id" = ${id}`;
  return row.seconds;
}

/** Lets time pass for one event: its lease or backoff ends now. */
async function makeDue(id: string) {
  await db().$executeRaw`UPDATE "InboundEvent" SET "nextAttemptAt" = now() - interval '1 second' WHERE "id" = ${id}`;
}

async function commissionCount(shop: Shop) {
  return db().commission.count({ where: { shopId: shop.id } });
}

describe("the inbound queue", () => {
  it("picks up again an event claimed by a worker that died, once its 5-minute lease has run out", async () => {
    const shop = await createShopWithCreator();
    const event = await deliverOrder(shop, order());

    // A worker claims the event, then dies before working it.
    const claimed = await claimInboundEvents(100);
    expect(claimed.map((e) => e.id)).toContain(event.id);
    expect(await secondsUntilNextAttempt(event.id)).toBeGreaterThan(290);

    // While the lease runs, nobody else works it.
    await drainJobs();
    expect(await db().inboundEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "received" });
    expect(await commissionCount(shop)).toBe(0);

    await makeDue(event.id);
    await drainJobs();
    expect(await db().inboundEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "processed", attempts: 0 });
    expect(await commissionCount(shop)).toBe(1);
  });

  it("retries a failing event with exponential backoff and gives it up as failed, with the reason, after 10 attempts", async () => {
    const shop = await createShopWithCreator();
    // The order's store refuses writes for this shop only (a fault the app cannot fix by itself);
    // the app's role cannot create triggers, the owner can.
    await executeAsOwner(`
      CREATE FUNCTION refuse_orders_of_one_shop() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'order store unavailable'; END $$`);
    await executeAsOwner(`
      CREATE TRIGGER refuse_orders BEFORE INSERT ON "AttributedOrder" FOR EACH ROW
      WHEN (NEW."shopId" = '${shop.id}') EXECUTE FUNCTION refuse_orders_of_one_shop()`);
    try {
      const event = await deliverOrder(shop, order());
      const delays: number[] = [];
      for (let attempt = 1; attempt <= INBOUND_RETRY.maxAttempts; attempt++) {
        if (attempt > 1) await makeDue(event.id);
        await drainJobs();
        const after = await db().inboundEvent.findUniqueOrThrow({ where: { id: event.id } });
        expect(after.attempts).toBe(attempt);
        expect(after.reason).toMatch(new RegExp(`^failed \\(attempt ${attempt} of 10\\): .*order store unavailable`));
        if (attempt < INBOUND_RETRY.maxAttempts) {
          expect(after).toMatchObject({ status: "received", processedAt: null });
          delays.push(Math.round(await secondsUntilNextAttempt(event.id)));
        } else {
          expect(after).toMatchObject({ status: "failed", processedAt: expect.any(Date) });
        }
      }
      // 10 s, doubling, capped at an hour.
      expect(delays).toEqual([10, 20, 40, 80, 160, 320, 640, 1280, 2560]);
      // Given up: no longer due, whatever the time.
      await makeDue(event.id);
      await drainJobs();
      expect(await db().inboundEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "failed", attempts: 10 });
      expect(await commissionCount(shop)).toBe(0);
    } finally {
      await executeAsOwner(`DROP TRIGGER refuse_orders ON "AttributedOrder"`);
      await executeAsOwner(`DROP FUNCTION refuse_orders_of_one_shop()`);
    }
  });

  it("works the events of several orders in one drain, each exactly once", async () => {
    const shop = await createShopWithCreator();
    const specs = Array.from({ length: 12 }, order);
    // Each order delivered twice under different webhook ids: the business key dedupes.
    for (const spec of [...specs, ...specs]) await deliverOrder(shop, spec);
    await drainJobs();
    const statuses = await db().inboundEvent.groupBy({ by: ["status"], where: { shopId: shop.id }, _count: true });
    expect(statuses).toEqual([{ status: "processed", _count: 24 }]);
    expect(await commissionCount(shop)).toBe(12);
  });

  it("works an order event in the transaction that takes it: its row is written once, with the outcome, and never leased", async () => {
    const shop = await createShopWithCreator();
    const event = await deliverOrder(shop, order());
    await drainJobs();
    const after = await db().inboundEvent.findUniqueOrThrow({ where: { id: event.id } });
    expect(after).toMatchObject({ status: "processed", attempts: 0 });
    // A lease would have moved it 5 minutes ahead (an UPDATE of the row, and an entry in each of its indexes).
    expect(after.nextAttemptAt).toEqual(event.nextAttemptAt);
    expect(await commissionCount(shop)).toBe(1);
  });

  it("writes a worked event's outcome on the page the event was recorded on (WAL: only the changed bytes are logged)", async () => {
    const shop = await createShopWithCreator();
    // Enough rows for several full pages: without room left on a page, an outcome moves to another one.
    const events = [];
    for (let i = 0; i < 60; i++) events.push(await deliverOrder(shop, order()));
    const pageOf = async () =>
      new Map(
        (
          await db().$queryRaw<{ id: string; page: number }[]>`
            SELECT "id", (ctid::text::point)[0]::int AS page FROM "InboundEvent" WHERE "shopId" = ${shop.id}`
        ).map((row) => [row.id, row.page]),
      );
    const recordedOn = await pageOf();
    await drainJobs();
    const workedOn = await pageOf();
    const stayed = events.filter((event) => workedOn.get(event.id) === recordedOn.get(event.id)).length;
    // The page's last row or two may not fit beside its neighbours' new versions.
    expect(stayed / events.length).toBeGreaterThanOrEqual(0.8);
    expect(await commissionCount(shop)).toBe(60);
  });

  it("keeps a batch's events to the batch while it runs: another drain skips them, and the order is worked once", async () => {
    const shop = await createShopWithCreator();
    const spec = order();
    const event = await deliverOrder(shop, spec);
    // Another transaction holds the order's lock, so the first drain waits inside its batch, its events locked.
    const holder = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await holder.connect();
    try {
      await holder.query("BEGIN");
      await holder.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [`order:${shop.id}:${spec.orderId}`]);
      const first = drainInboundEvents();
      for (let waited = 0; ; waited += 50) {
        const { rows } = await holder.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock' AND wait_event = 'advisory'`,
        );
        if (rows[0]!.waiting > 0) break;
        if (waited > 10_000) throw new Error("the first drain never reached the order's lock");
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await drainInboundEvents();
      expect(await db().inboundEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({
        status: "received",
        nextAttemptAt: event.nextAttemptAt,
      });
      await holder.query("COMMIT");
      expect(await first).toBeGreaterThanOrEqual(1);
    } finally {
      await holder.end();
    }
    expect(await db().inboundEvent.findUniqueOrThrow({ where: { id: event.id } })).toMatchObject({ status: "processed" });
    expect(await commissionCount(shop)).toBe(1);
  });

  it("works every delivery exactly once with two batches in flight, with the money of one delivery at a time", async () => {
    // Each order is created, then updated to two units; the two deliveries of an order land in
    // different batches, so the two batches in flight meet on the same orders (per-order locks).
    let orderIds: number[] = [];
    const deliverHistory = async (shop: Shop) => {
      const specs = Array.from({ length: 12 }, () => order());
      orderIds = specs.map((spec) => spec.orderId);
      for (const spec of specs) await deliverOrder(shop, spec);
      for (const spec of specs) {
        const updated = {
          ...spec,
          updatedAt: "2026-10-03T15:00:00-04:00",
          lines: spec.lines.map((line) => ({ ...line, quantity: 2, discountMinor: 1350 })),
        };
        const response = await sendShopifyWebhook(app.url, {
          topic: "orders/updated",
          shop: shop.domain,
          body: JSON.stringify(orderPayload(updated)),
          webhookId: randomUUID(),
        });
        expect(response.status).toBe(200);
      }
    };
    // The order row, the commission's status and its ledger balances (creators differ by shop).
    const money = async (shop: Shop, orderIds: number[]) =>
      Promise.all(
        orderIds.map(async (orderId) => {
          const { order: row, commission, balances } = await outcomeOf(shop, orderId);
          return { row, status: commission?.status, balances };
        }),
      );

    const oneAtATime = await createShopWithCreator();
    await deliverHistory(oneAtATime);
    while ((await drainInboundEvents({ batchSize: 1 })) > 0);

    const twoInFlight = await createShopWithCreator();
    nextOrderId -= 12; // the same order ids, in another shop
    await deliverHistory(twoInFlight);
    await drainConcurrently(() => drainInboundEvents({ batchSize: 5 }), { inFlight: 2, budgetMs: 60_000 });

    const events = await db().inboundEvent.findMany({ where: { shopDomain: twoInFlight.domain }, select: { status: true } });
    expect(events.map((e) => e.status)).toEqual(Array.from({ length: 24 }, () => "processed"));
    expect(await commissionCount(twoInFlight)).toBe(12);
    expect(await money(twoInFlight, orderIds)).toEqual(await money(oneAtATime, orderIds));
    expect((await money(twoInFlight, orderIds)).every((o) => o.row?.eligibleMinor === 7650n)).toBe(true);
    expect(await db().$queryRaw<unknown[]>`SELECT * FROM account_balance_drift(${twoInFlight.id})`).toEqual([]);
  });

  it("keeps one pending drain job: the drain task re-queues itself under a fixed job key", async () => {
    const jobKey = JOB.drainInboundEvents;
    const pendingDrains = async () =>
      (await db().$queryRaw<{ count: bigint }[]>`SELECT count(*) AS count FROM graphile_worker.jobs WHERE key = ${jobKey}`)[0].count;
    const addDrain = () =>
      db().$executeRaw`SELECT graphile_worker.add_job(${jobKey}, '{}'::json, job_key => ${jobKey}, job_key_mode => 'replace')`;
    await addDrain();
    await addDrain();
    expect(await pendingDrains()).toBe(1n);
    const shop = await createShopWithCreator();
    await deliverOrder(shop, order());
    await runOnce({
      connectionString: process.env.DATABASE_URL!,
      taskList: TASK_LIST,
      logger: new Logger(() => () => {}),
      concurrency: 1,
    });
    expect(await commissionCount(shop)).toBe(1);
    expect(await pendingDrains()).toBe(1n);
    const [next] = await db().$queryRaw<{ seconds: number }[]>`
      SELECT extract(epoch FROM run_at - now())::float8 AS seconds FROM graphile_worker.jobs WHERE key = ${jobKey}`;
    expect(next.seconds).toBeLessThan(1); // about 250 ms after the drain went idle
    await db().$executeRaw`SELECT graphile_worker.remove_job(${jobKey})`;
  });
});
