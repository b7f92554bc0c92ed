// Faults survived, measured: three app processes on one database — two web servers that also
// work jobs (`scripts/start.ts`) and one worker alone (`scripts/worker.ts`) — take a storm of
// signed Shopify webhooks (repeats of the same X-Shopify-Webhook-Id, shuffled, retried until
// 200 as Shopify retries), a payout run started from the admin and Stripe payments of its
// payouts, all at once, while a seeded chaos loop SIGKILLs random processes at random moments
// and restarts them. Then the killing stops, time is fast-forwarded past the leases of the dead
// (see `fastForwardPastDeadLeases`), everything drains, and SQL checks the outcome: every
// delivery processed exactly once, each order's commission what its payloads deserve, every
// ledger transaction balanced, no payable item in two live payouts, one transfer per paid payout.
// Replay a run's random choices with CHAOS_SEED=<the printed seed>.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { pgPool } from "~/lib/pg-pool.server";
import { AppProcess, appEnvironment, assertBuildIsCurrent, freePort } from "../support/app-processes";
import { startFakeStripe, type FakeStripe } from "../support/fake-stripe";
import { orderPayload, refundPayload } from "../support/shopify-payloads";
import { adminFetch } from "../support/shopify-session";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { createStripeCreator, createStripeShop, givePayableUsd } from "../support/stripe-fixtures";
import { TEST_SHOPIFY_API_KEY, TEST_SHOPIFY_API_SECRET } from "../support/test-app";
import { useTestDatabase } from "../support/test-database";

const SEED = Number(process.env.CHAOS_SEED ?? Date.now() % 2 ** 31);
const CREATORS = 12;
const ORDERS = 36;
// Killing lasts CHAOS_MS, longer (up to CHAOS_MAX_MS) until MIN_KILLS processes have died: on a
// busy machine a restarted process takes a while to serve again, and only ready ones are killed.
const CHAOS_MS = 20_000;
const CHAOS_MAX_MS = 45_000;
const MIN_KILLS = 4;
const DRAIN_TIMEOUT_MS = 120_000;
const RATE_BASIS_POINTS = 1000; // the shop's default plan: 10 % of the line amounts
const PAYABLE_PER_CREATOR = [12_000, 3_000]; // two payable items each, paid by the run

/** mulberry32: a small seeded PRNG, so a failing run can be replayed from its seed. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!,
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [items[i], items[j]] = [items[j]!, items[i]!];
      }
      return items;
    },
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Delivery {
  topic: string;
  webhookId: string;
  body: string;
}

interface PlannedOrder {
  orderId: number;
  creatorId: string;
  expectedCommissionMinor: number;
}

let fake: FakeStripe;
let processes: AppProcess[] = [];

beforeAll(async () => {
  assertBuildIsCurrent();
  await useTestDatabase();
  Object.assign(process.env, {
    SHOPIFY_API_KEY: TEST_SHOPIFY_API_KEY,
    SHOPIFY_API_SECRET: TEST_SHOPIFY_API_SECRET,
    SCOPES: "read_orders,read_customers,read_discounts,read_products",
  });
  fake = await startFakeStripe();
});

afterAll(async () => {
  await Promise.all(processes.map((p) => p.kill("SIGKILL")));
  await fake?.close();
});

/** A Stripe-connected shop (10 % default plan, a year's hold) and creators with payable balances. */
async function seedShop() {
  const shop = await createStripeShop();
  const plan = await db().commissionPlan.create({
    data: { shopId: shop.id, name: "10 %", kind: "percentage", rateBasisPoints: RATE_BASIS_POINTS },
  });
  // Held commissions from the storm stay held: the run pays only the seeded payable items.
  await db().shop.update({ where: { id: shop.id }, data: { defaultPlanId: plan.id, holdPeriodDays: 365 } });
  const creators = [];
  for (let i = 0; i < CREATORS; i++) {
    const made = await createStripeCreator(shop.id, fake, `Creator ${String.fromCharCode(65 + i)} Chaos`);
    // Codes as the app stores them (upper case): a referral code and a discount code each.
    const creator = await db().creator.update({ where: { id: made.id }, data: { referralCode: `CHAOS${i}` } });
    await db().discountCode.create({ data: { shopId: shop.id, creatorId: creator.id, code: `CHAOSDC${i}` } });
    for (const amountMinor of PAYABLE_PER_CREATOR) await givePayableUsd(shop.id, creator.id, amountMinor);
    creators.push(creator);
  }
  return { shop, creators };
}

/**
 * Each order: created (paid, or pending then paid), orders/paid, sometimes a one-unit refund;
 * every delivery has its own webhook id, a quarter of them are delivered again with the same id,
 * and the whole lot is shuffled. The commission each order deserves is computed here.
 */
function planStorm(random: ReturnType<typeof seededRandom>, creators: { id: string; referralCode: string }[]) {
  const codeOf = (creatorIndex: number) => `CHAOSDC${creatorIndex}`;
  const orders: PlannedOrder[] = [];
  const deliveries: Delivery[] = [];
  const base = Date.now() - 3_600_000;
  const at = (minutes: number) => new Date(base + minutes * 60_000).toISOString();
  for (let i = 0; i < ORDERS; i++) {
    const orderId = 9_500_000_000 + i;
    const creator = creators[i % creators.length]!;
    // Half the orders come through the creator's link (cart attribute), half with their discount code.
    const credit = i % 2 === 0 ? { creatorRef: creator.referralCode } : { discountCodes: [codeOf(i % creators.length)] };
    const quantity = random.int(1, 3);
    const unitPriceMinor = 10 * random.int(50, 900); // whole tenths: 10 % of it is exact
    const lines = [{ lineId: orderId * 10, productId: 7001, quantity, unitPriceMinor }];
    const createdPaid = random.next() < 0.5;
    const order = (financialStatus: string, updatedMinute: number) =>
      JSON.stringify(orderPayload({ orderId, createdAt: at(0), updatedAt: at(updatedMinute), financialStatus, lines, ...credit }));
    deliveries.push({ topic: "orders/create", webhookId: randomUUID(), body: order(createdPaid ? "paid" : "pending", 0) });
    deliveries.push({ topic: "orders/paid", webhookId: randomUUID(), body: order("paid", 1) });
    const refunded = quantity >= 2 && random.next() < 0.4 ? 1 : 0;
    if (refunded) {
      const refund = refundPayload({
        refundId: orderId * 100,
        orderId,
        createdAt: at(2),
        lines: [{ lineId: orderId * 10, quantity: 1, subtotalMinor: unitPriceMinor }],
      });
      deliveries.push({ topic: "refunds/create", webhookId: randomUUID(), body: JSON.stringify(refund) });
    }
    orders.push({
      orderId,
      creatorId: creator.id,
      expectedCommissionMinor: ((quantity - refunded) * unitPriceMinor * RATE_BASIS_POINTS) / 10_000,
    });
  }
  const sends = [...deliveries, ...deliveries.filter(() => random.next() < 0.25)];
  return { orders, deliveries, sends: random.shuffle(sends) };
}

describe("chaos: three app processes SIGKILLed at random during a webhook storm, a payout run and Stripe payments", () => {
  it("loses nothing and does nothing twice", async () => {
    // One stream per activity: a seed replays the same storm and the same sequence of random
    // choices (timing, and so which process is up when a victim is picked, still varies).
    const [planRandom, sendRandom, clickRandom, chaosRandom] = [0, 1, 2, 3].map((stream) => seededRandom(SEED * 4 + stream));
    console.log(`chaos: seed=${SEED} (CHAOS_SEED=${SEED} replays this run's random choices)`);
    const { shop, creators } = await seedShop();
    const storm = planStorm(planRandom!, creators);

    // ---- three processes on one database
    let clock: string | undefined;
    const env = () =>
      appEnvironment({ STRIPE_API_ORIGIN: fake.url, JOB_WORKER_CONCURRENCY: "4", ...(clock ? { CREATOR_PAYOUTS_CLOCK: clock } : {}) });
    const web1 = new AppProcess({ name: "web-1", script: "scripts/start.ts", port: await freePort() }, env);
    const web2 = new AppProcess({ name: "web-2", script: "scripts/start.ts", port: await freePort() }, env);
    const worker = new AppProcess({ name: "worker", script: "scripts/worker.ts" }, env);
    processes = [web1, web2, worker];
    const servers = [web1, web2];
    const phases: string[] = [];
    let phaseStart = Date.now();
    const phase = (name: string) => {
      phases.push(`${name} ${((Date.now() - phaseStart) / 1000).toFixed(1)}s`);
      phaseStart = Date.now();
    };
    for (const p of processes) p.start();
    await Promise.all(processes.map((p) => p.ready(90_000)));
    phase("start");

    let chaosOver = false;
    let settled = false;
    const counts = { kills: 0, finalKills: 0, restarts: 0, requests: 0, retried: 0, runStarts: 0, payClicks: 0 };
    const unexpectedAnswers: string[] = [];
    const killed: string[] = [];

    // (a) the storm: each send is retried (any server, as a load balancer would) until a 200.
    const acked = new Map<string, number>();
    const queue = [...storm.sends];
    const sender = async () => {
      for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
        await sleep(sendRandom!.int(100, 700));
        for (;;) {
          const server = sendRandom!.pick(servers);
          counts.requests++;
          const status = await sendShopifyWebhook(server.url, {
            topic: delivery.topic,
            shop: shop.domain,
            body: delivery.body,
            webhookId: delivery.webhookId,
          })
            .then((response) => response.status)
            .catch(() => 0);
          if (status === 200) break;
          if (status !== 0 && status < 500) unexpectedAnswers.push(`${delivery.topic} ${delivery.webhookId}: ${status}`);
          counts.retried++;
          await sleep(200);
        }
        acked.set(delivery.webhookId, (acked.get(delivery.webhookId) ?? 0) + 1);
      }
    };
    const stormDone = Promise.all(Array.from({ length: 4 }, sender));

    // (b) a payout run, started from "Generate payouts" (a lost answer is clicked again).
    const runStarted = (async () => {
      for (;;) {
        counts.runStarts++;
        const status = await adminFetch(clickRandom!.pick(servers).url, shop.domain, "/app/payouts/runs/new", {
          method: "POST",
          body: new URLSearchParams({ from: "2025-12-01", to: "2026-02-28", creatorId: "", honourMinimum: "on", intent: "start" }),
        })
          .then((response) => response.status)
          .catch(() => 0);
        if (status === 302) return;
        await sleep(300);
      }
    })();

    // (c) two merchants selecting one or two ready payouts at a time and clicking "Pay with
    // Stripe" (on either server), so payments spread over the kills; they may pick the same ones.
    const payClicker = async () => {
      while (!settled) {
        await sleep(clickRandom!.int(500, 1_500));
        const ready = await db().payout.findMany({
          where: { shopId: shop.id, status: "ready" },
          select: { id: true },
          orderBy: { id: "asc" },
        });
        if (ready.length === 0) continue;
        const form = new URLSearchParams({ intent: "pay_stripe" });
        for (const { id } of clickRandom!.shuffle(ready).slice(0, clickRandom!.int(1, 2))) form.append("payoutId", id);
        const answered = await adminFetch(clickRandom!.pick(servers).url, shop.domain, "/app/payouts", { method: "POST", body: form })
          .then((response) => response.text().then(() => response.status === 200))
          .catch(() => false);
        if (answered) counts.payClicks++;
      }
    };
    const payDone = Promise.all([payClicker(), payClicker()]);

    // (d) chaos: SIGKILL a random ready process at a random moment, restart it after a pause.
    const chaosDone = (async () => {
      const started = Date.now();
      const goOn = () => Date.now() - started < CHAOS_MS || (counts.kills < MIN_KILLS && Date.now() - started < CHAOS_MAX_MS);
      await sleep(2_000); // the run's payouts exist by then, so payments meet the kills
      while (goOn()) {
        await sleep(chaosRandom!.int(1_000, 3_500));
        const victims = processes.filter((p) => p.isReady());
        if (victims.length === 0) continue;
        const victim = chaosRandom!.pick(victims);
        await victim.kill("SIGKILL");
        counts.kills++;
        killed.push(victim.spec.name);
        await sleep(chaosRandom!.int(200, 1_200));
        victim.start();
        counts.restarts++;
      }
      chaosOver = true;
    })();

    await chaosDone;
    phase("chaos");
    // Killing has stopped: the storm's retries and the run's start reach whoever is up.
    await withTimeout(Promise.all([stormDone, runStarted]), 90_000, "the storm or the run start did not finish within 90 s");
    expect(chaosOver).toBe(true);
    phase("storm end");
    const { rows: duringChaos } = await pgPool().query<{ processed: string; payouts: string; claimed: string; paid: string }>(
      `SELECT (SELECT count(*) FROM "InboundEvent" WHERE "shopDomain" = $2 AND "status" <> 'received') AS processed,
              (SELECT count(*) FROM "Payout" WHERE "shopId" = $1) AS payouts,
              (SELECT count(*) FROM "Payout" WHERE "shopId" = $1 AND "status" IN ('processing', 'paid')) AS claimed,
              (SELECT count(*) FROM "Payout" WHERE "shopId" = $1 AND "status" = 'paid') AS paid`,
      [shop.id, shop.domain],
    );

    // ---- drain: every process is killed once more and the dead's leases fast-forwarded; then a
    // worker and one web server (for the merchant's last clicks) finish everything.
    for (const p of processes) await p.kill("SIGKILL");
    counts.finalKills = processes.length;
    await fastForwardPastDeadLeases();
    // 15 minutes on, as after a real outage: the Stripe sweeper sees the dead's attempts as stuck.
    clock = new Date(Date.now() + 15 * 60_000).toISOString();
    for (const p of [worker, web1]) p.start();
    counts.restarts += 2;
    servers.splice(0, servers.length, web1);
    const drained = await drain(shop.id, DRAIN_TIMEOUT_MS);
    settled = true;
    await payDone;
    phase("drain");
    expect(
      drained.done,
      `not drained after ${DRAIN_TIMEOUT_MS} ms: ${JSON.stringify(drained.left)}\n${processes.map((p) => p.output().slice(-3000)).join("\n")}`,
    ).toBe(true);

    // ---- the outcome, in SQL
    const anomalies = [
      ...unexpectedAnswers.map((answer) => `a delivery answered ${answer}`),
      ...(await deliveryAnomalies(shop.domain, storm.deliveries, acked)),
      ...(await commissionAnomalies(shop.id, storm.orders)),
      ...(await ledgerAnomalies(shop.id)),
      ...(await payoutAnomalies(shop.id, creators)),
    ];
    const distinct = storm.deliveries.length;
    console.log(
      `chaos: seed=${SEED} deliveries=${distinct} (sends=${storm.sends.length}, http requests=${counts.requests}, retried=${counts.retried}) ` +
        `kills=${counts.kills} [${killed.join(" ")}] (+${counts.finalKills} before the drain) restarts=${counts.restarts} ` +
        `before the drain: inbound rows worked=${duringChaos[0]!.processed}, payouts=${duringChaos[0]!.payouts}, sent to Stripe=${duringChaos[0]!.claimed}, paid=${duringChaos[0]!.paid}; ` +
        `run clicks=${counts.runStarts} pay clicks answered=${counts.payClicks} ` +
        `transfers=${fake.transfers.length} anomalies=${anomalies.length} (${phases.join(", ")})`,
    );
    expect(anomalies).toEqual([]);
    expect(counts.kills).toBeGreaterThanOrEqual(1);
  }, 240_000);
});

/**
 * Every process is dead here. What their leases would do after enough time, done now:
 * inbound events a dead drain had claimed come back after their 5-minute lease, and
 * graphile-worker frees the jobs of crashed workers after 4 hours (its resetLockedAt, in SQL).
 */
async function fastForwardPastDeadLeases() {
  await pgPool().query(`UPDATE "InboundEvent" SET "nextAttemptAt" = now() WHERE "status" = 'received' AND "nextAttemptAt" > now()`);
  await pgPool().query(
    `UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL, run_at = LEAST(run_at, now()) WHERE locked_at IS NOT NULL OR run_at > now() AND attempts > 0`,
  );
  await pgPool().query(`UPDATE graphile_worker._private_job_queues SET locked_at = NULL, locked_by = NULL WHERE locked_at IS NOT NULL`);
}

/** Polls until no delivery waits, no run runs, no payout is unpaid and no job of ours is queued. */
async function drain(shopId: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let left: Record<string, number> = {};
  let lastSweep = 0;
  while (Date.now() < deadline) {
    if (Date.now() - lastSweep > 5_000) {
      lastSweep = Date.now();
      await pgPool().query(`SELECT graphile_worker.add_job('sweep_stripe_payouts', '{}'::json, job_key => 'chaos_sweep')`);
    }
    const { rows } = await pgPool().query<Record<string, string>>(
      `SELECT
         (SELECT count(*) FROM "InboundEvent" WHERE "status" = 'received') AS "received events",
         (SELECT count(*) FROM "PayoutRun" WHERE "shopId" = $1 AND "status" = 'running') AS "running runs",
         (SELECT count(*) FROM "Payout" WHERE "shopId" = $1 AND "status" NOT IN ('paid', 'canceled')) AS "unpaid payouts",
         (SELECT count(*) FROM graphile_worker.jobs WHERE task_identifier IN ('process_payout_run', 'pay_stripe_payout') AND attempts < max_attempts) AS "queued jobs"`,
      [shopId],
    );
    left = Object.fromEntries(Object.entries(rows[0]!).map(([key, value]) => [key, Number(value)]));
    if (Object.values(left).every((value) => value === 0)) return { done: true, left };
    await sleep(500);
  }
  return { done: false, left };
}

/** Every distinct delivery id: exactly one processed event, every other row a duplicate. */
async function deliveryAnomalies(shopDomain: string, deliveries: Delivery[], acked: Map<string, number>): Promise<string[]> {
  const { rows } = await pgPool().query<{ deliveryId: string; processed: string; duplicates: string; other: string }>(
    `SELECT "deliveryId",
            count(*) FILTER (WHERE "status" = 'processed') AS processed,
            count(*) FILTER (WHERE "status" = 'duplicate') AS duplicates,
            count(*) FILTER (WHERE "status" NOT IN ('processed', 'duplicate')) AS other
       FROM "InboundEvent" WHERE "source" = 'shopify' AND "shopDomain" = $1 GROUP BY "deliveryId"`,
    [shopDomain],
  );
  const byId = new Map(rows.map((row) => [row.deliveryId, row]));
  const anomalies: string[] = [];
  for (const delivery of deliveries) {
    const row = byId.get(delivery.webhookId);
    if (!row) {
      anomalies.push(`delivery ${delivery.webhookId} (${delivery.topic}) was acknowledged but not recorded`);
      continue;
    }
    if (Number(row.processed) !== 1 || Number(row.other) !== 0) {
      anomalies.push(
        `delivery ${delivery.webhookId} (${delivery.topic}): ${row.processed} processed, ${row.other} neither processed nor duplicate`,
      );
    }
    const recorded = Number(row.processed) + Number(row.duplicates) + Number(row.other);
    if (recorded < (acked.get(delivery.webhookId) ?? 0))
      anomalies.push(`delivery ${delivery.webhookId}: acknowledged ${acked.get(delivery.webhookId)} times, recorded ${recorded}`);
  }
  if (byId.size !== deliveries.length) anomalies.push(`${byId.size} delivery ids recorded, ${deliveries.length} sent`);
  return anomalies;
}

/** Each order: attributed to its creator, one commission, costing exactly what its payloads deserve. */
async function commissionAnomalies(shopId: string, orders: PlannedOrder[]): Promise<string[]> {
  const { rows } = await pgPool().query<{ shopifyOrderId: string; creatorId: string | null; commissions: string; posted: string | null }>(
    `SELECT o."shopifyOrderId", o."creatorId", count(DISTINCT c."id") AS commissions,
            -(SELECT SUM(e."amountMinor") FROM "LedgerTransaction" t JOIN "LedgerEntry" e ON e."transactionId" = t."id"
               WHERE t."shopId" = o."shopId" AND t."subjectType" = 'commission' AND t."subjectId" = min(c."id") AND e."account" = 'expense') AS posted
       FROM "AttributedOrder" o LEFT JOIN "Commission" c ON c."orderId" = o."id"
      WHERE o."shopId" = $1 GROUP BY o."id"`,
    [shopId],
  );
  const byOrder = new Map(rows.map((row) => [row.shopifyOrderId, row]));
  const anomalies: string[] = [];
  for (const order of orders) {
    const row = byOrder.get(String(order.orderId));
    if (!row) {
      anomalies.push(`order ${order.orderId}: no attributed order`);
      continue;
    }
    if (row.creatorId !== order.creatorId)
      anomalies.push(`order ${order.orderId}: credited to ${row.creatorId}, expected ${order.creatorId}`);
    if (Number(row.commissions) !== 1) anomalies.push(`order ${order.orderId}: ${row.commissions} commissions`);
    if (Number(row.posted ?? 0) !== order.expectedCommissionMinor) {
      anomalies.push(`order ${order.orderId}: commission posted ${row.posted ?? 0}, its payloads deserve ${order.expectedCommissionMinor}`);
    }
  }
  // The payable seeds' orders are not the storm's; only the storm's are checked above.
  return anomalies;
}

/** Every ledger transaction balanced per currency, with at least two entries. */
async function ledgerAnomalies(shopId: string): Promise<string[]> {
  const { rows } = await pgPool().query<{ id: string; entries: string; unbalanced: boolean }>(
    `SELECT t."id", count(e."id") AS entries,
            bool_or(sums.total <> 0) AS unbalanced
       FROM "LedgerTransaction" t
       LEFT JOIN "LedgerEntry" e ON e."transactionId" = t."id"
       LEFT JOIN LATERAL (SELECT SUM("amountMinor") AS total FROM "LedgerEntry" x WHERE x."transactionId" = t."id" GROUP BY x."currency") sums ON true
      WHERE t."shopId" = $1 GROUP BY t."id"`,
    [shopId],
  );
  return rows.flatMap((row) =>
    row.unbalanced || Number(row.entries) < 2
      ? [`ledger transaction ${row.id}: ${row.entries} entries${row.unbalanced ? ", not summing to zero" : ""}`]
      : [],
  );
}

/**
 * No payable item active in two live payouts; every paid payout has exactly one transfer at the
 * fake Stripe (its recorded one, for its amount) and one pay_stripe ledger transaction; no
 * transfer without a paid or processing payout; each creator paid exactly the seeded balance.
 */
async function payoutAnomalies(shopId: string, creators: { id: string; stripeAccountId: string | null }[]): Promise<string[]> {
  const anomalies: string[] = [];
  const { rows: doubles } = await pgPool().query<{ payableItemId: string; payouts: string }>(
    `SELECT i."payableItemId", count(DISTINCT i."payoutId") AS payouts
       FROM "PayoutItem" i JOIN "Payout" p ON p."id" = i."payoutId"
      WHERE i."shopId" = $1 AND i."state" = 'active' AND p."status" <> 'canceled'
      GROUP BY i."payableItemId" HAVING count(DISTINCT i."payoutId") > 1`,
    [shopId],
  );
  for (const row of doubles) anomalies.push(`payable item ${row.payableItemId} is in ${row.payouts} live payouts`);

  const { rows: payouts } = await pgPool().query<{
    id: string;
    status: string;
    stripeTransferId: string | null;
    amount: string;
    payTransactions: string;
  }>(
    `SELECT p."id", p."status"::text AS status, p."stripeTransferId",
            (SELECT COALESCE(SUM("amountMinor"), 0) FROM "PayoutItem" WHERE "payoutId" = p."id" AND "state" = 'active') AS amount,
            (SELECT count(*) FROM "LedgerTransaction" WHERE "shopId" = p."shopId" AND "kind" = 'pay_stripe' AND "subjectId" = p."id") AS "payTransactions"
       FROM "Payout" p WHERE p."shopId" = $1`,
    [shopId],
  );
  const byId = new Map(payouts.map((payout) => [payout.id, payout]));
  for (const payout of payouts) {
    const transfers = fake.transfers.filter((transfer) => transfer.transfer_group === payout.id);
    if (payout.status === "paid") {
      if (transfers.length !== 1) anomalies.push(`paid payout ${payout.id} has ${transfers.length} transfers`);
      else if (transfers[0]!.id !== payout.stripeTransferId || transfers[0]!.amount !== Number(payout.amount)) {
        anomalies.push(
          `paid payout ${payout.id} (${payout.amount}, ${payout.stripeTransferId}) does not match its transfer ${transfers[0]!.id} (${transfers[0]!.amount})`,
        );
      }
      if (Number(payout.payTransactions) !== 1)
        anomalies.push(`paid payout ${payout.id} has ${payout.payTransactions} pay_stripe ledger transactions`);
    } else if (transfers.length > 0 && payout.status !== "processing") {
      anomalies.push(`payout ${payout.id} is ${payout.status} but has ${transfers.length} transfers`);
    }
  }
  for (const transfer of fake.transfers) {
    if (!transfer.transfer_group || !byId.has(transfer.transfer_group)) anomalies.push(`transfer ${transfer.id} belongs to no payout`);
  }

  const seeded = PAYABLE_PER_CREATOR.reduce((sum, amount) => sum + amount, 0);
  for (const creator of creators) {
    const received = fake.transfers
      .filter((transfer) => transfer.destination === creator.stripeAccountId)
      .reduce((sum, transfer) => sum + transfer.amount, 0);
    if (received !== seeded) anomalies.push(`creator ${creator.id} received ${received} at Stripe, owed ${seeded}`);
  }
  const { rows: reserved } = await pgPool().query<{ total: string | null }>(
    `SELECT SUM("amountMinor") AS total FROM "LedgerEntry" WHERE "shopId" = $1 AND "account" = 'in_payout'`,
    [shopId],
  );
  if (Number(reserved[0]?.total ?? 0) !== 0) anomalies.push(`${reserved[0]!.total} left in in_payout with every payout paid`);
  return anomalies;
}
