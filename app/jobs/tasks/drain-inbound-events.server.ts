// Inbound events are their own queue: recording a delivery is one INSERT, and this drain takes
// due events in batches and works them. A batch is taken inside its transaction (FOR UPDATE SKIP
// LOCKED): its order deliveries are worked and each event row gets its outcome in that
// transaction, so an order event's row is updated once, and the events of a worker that dies are
// due again the moment its transaction ends. Events left for the one-event path (other topics, a
// batch that failed) are leased instead, by moving nextAttemptAt 5 minutes ahead, so they too come
// back by themselves should the worker die.
import { Prisma } from "@prisma/client";
import type { Task } from "graphile-worker";
import type { DbTransaction } from "../../db.server";
import { withTransaction } from "../../db/transaction.server";
import { env } from "../../env.server";
import { pgPool } from "../../lib/pg-pool.server";
import { JOB } from "../job-names";
import { logger } from "../../lib/logger.server";
import { drainBatchSize, drainConcurrently, INBOUND_DRAIN } from "./inbound-drain-schedule.server";
import { processInboundEventById } from "./process-inbound-event.server";
import { workOrderEvents } from "./work-order-events.server";

export interface ClaimedInboundEvent {
  id: string;
  source: string;
  topic: string;
  shopDomain: string | null;
  receivedAt: Date;
  payloadId: string | null;
  payloadOrderId: string | null;
}

/** An event locked by the batch's transaction, with its body (the batch parses order bodies). */
export interface LockedInboundEvent extends ClaimedInboundEvent {
  payload: unknown;
}

// ORDER BY "nextAttemptAt": a new event's nextAttemptAt is its receivedAt (one now() per insert),
// and this order is the partial index's, so a claim reads LIMIT rows however long the backlog.
const CLAIM_EVENTS = {
  name: "claim_inbound_events",
  text: `
    UPDATE "InboundEvent" SET "nextAttemptAt" = now() + interval '5 minutes'
     WHERE "id" IN (SELECT "id" FROM "InboundEvent"
                     WHERE "status" = 'received' AND "nextAttemptAt" <= now()
                     ORDER BY "nextAttemptAt" LIMIT $1
                     FOR UPDATE SKIP LOCKED)
    RETURNING "id", "source"::text AS "source", "topic", "shopDomain", "receivedAt",
              "payload"->>'id' AS "payloadId", "payload"->>'order_id' AS "payloadOrderId"`,
};

/** Leases up to `limit` due events to the caller, oldest first. */
export async function claimInboundEvents(limit: number = INBOUND_DRAIN.batchSize): Promise<ClaimedInboundEvent[]> {
  const { rows } = await pgPool().query<ClaimedInboundEvent>({ ...CLAIM_EVENTS, values: [limit] });
  return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/**
 * Locks up to `limit` due events for the transaction, oldest first, without writing them: the
 * outcome is the one write of an order event's row (a lease UPDATE would add a row version and an
 * entry in every index of "InboundEvent" per event). Other drains skip the locked rows.
 */
async function lockDueEvents(tx: DbTransaction, limit: number): Promise<LockedInboundEvent[]> {
  const rows = await tx.$queryRaw<LockedInboundEvent[]>(Prisma.sql`
    SELECT "id", "source"::text AS "source", "topic", "shopDomain", "receivedAt", "payload",
           "payload"->>'id' AS "payloadId", "payload"->>'order_id' AS "payloadOrderId"
      FROM "InboundEvent"
     WHERE "status" = 'received' AND "nextAttemptAt" <= now()
     ORDER BY "nextAttemptAt" LIMIT ${limit}
       FOR UPDATE SKIP LOCKED`);
  return rows.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
}

/** Leases locked events to this worker for the one-event path (as claimInboundEvents does). */
async function leaseEvents(tx: DbTransaction, ids: readonly string[]) {
  await tx.$executeRaw(Prisma.sql`
    UPDATE "InboundEvent" SET "nextAttemptAt" = now() + interval '5 minutes' WHERE "id" = ANY(${ids}::text[])`);
}

/**
 * Events that must not run at the same time share a lane (worked one after another, oldest
 * first). The per-order advisory lock already keeps concurrent work correct; lanes only spare
 * it the waiting. Dispatched on source + topic.
 */
function laneOf(event: ClaimedInboundEvent): string {
  if (event.source === "shopify") {
    const orderId = event.topic === "refunds/create" ? event.payloadOrderId : event.topic.startsWith("orders/") ? event.payloadId : null;
    if (orderId) return `shopify:${event.shopDomain}:order:${orderId}`;
  }
  return `event:${event.id}`;
}

async function workInLanes(events: ClaimedInboundEvent[], concurrency: number) {
  const lanes = new Map<string, ClaimedInboundEvent[]>();
  for (const event of events) {
    const key = laneOf(event);
    const lane = lanes.get(key);
    if (lane) lane.push(event);
    else lanes.set(key, [event]);
  }
  const queue = [...lanes.values()];
  const worker = async () => {
    for (let lane = queue.shift(); lane; lane = queue.shift()) {
      for (const event of lane) {
        try {
          await processInboundEventById(event.id);
        } catch (error) {
          // The outcome could not be written: the lease brings the event back in 5 minutes.
          logger().warn(
            { module: "jobs", inboundEventId: event.id },
            `inbound event ${event.id}: ${error instanceof Error ? error.message : String(error)}`,
          );
        }
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, queue.length) }, worker));
}

/**
 * Takes one batch of due events and works it; returns how many were taken (0: none due). The order
 * deliveries are worked in the transaction that locked them; the rest are leased in it and worked
 * one by one after it commits. Should the batch fail as a whole (a lock timeout, the Admin API down
 * for a plan with collection rates), its transaction rolls back, and the due events are leased and
 * worked by the one-event path, which retries a failing one with backoff.
 */
export async function drainInboundEvents(options: { batchSize?: number; concurrency?: number } = {}): Promise<number> {
  // The default size depends on whether this process is answering requests right now.
  const limit = options.batchSize ?? drainBatchSize();
  let taken: { count: number; rest: ClaimedInboundEvent[] };
  try {
    taken = await withTransaction("orderDelivery", async (tx) => {
      const events = await lockDueEvents(tx, limit);
      const rest = events.length > 0 ? await workOrderEvents(tx, events) : [];
      if (rest.length > 0)
        await leaseEvents(
          tx,
          rest.map((event) => event.id),
        );
      return { count: events.length, rest };
    });
  } catch (error) {
    const events = await claimInboundEvents(limit);
    logger().warn(
      { module: "jobs", events: events.length },
      `inbound order batch handed to the one-event path: ${error instanceof Error ? error.message : String(error)}`,
    );
    taken = { count: events.length, rest: events };
  }
  if (taken.rest.length > 0) await workInLanes(taken.rest, options.concurrency ?? INBOUND_DRAIN.concurrency);
  return taken.count;
}

/**
 * The graphile-worker task: drains batches until none is due (or its time budget is spent), then
 * queues the next drain under one job key, so one drain job at most is pending. A cron line
 * re-queues it every minute should that chain ever break (job-names.ts).
 */
export const drainInboundEventsTask: Task = async (_payload, helpers) => {
  // Batches back to back, smaller while requests are in flight (inbound-drain-schedule.server.ts).
  const claimed = await drainConcurrently(() => drainInboundEvents(), {
    inFlight: env().INBOUND_DRAIN_BATCHES_IN_FLIGHT,
    budgetMs: INBOUND_DRAIN.jobBudgetMs,
  });
  await helpers.addJob(
    JOB.drainInboundEvents,
    {},
    {
      jobKey: JOB.drainInboundEvents,
      jobKeyMode: "replace",
      // eslint-disable-next-line layering/no-ambient-clock -- when the queue runs the next drain: real time, not business time
      runAt: new Date(Date.now() + (claimed > 0 ? 0 : INBOUND_DRAIN.idleDelayMs)),
    },
  );
};
