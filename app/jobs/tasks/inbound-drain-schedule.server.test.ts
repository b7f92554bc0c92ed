import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import { httpRequestsInFlight, trackHttpRequest } from "../../lib/http-requests-in-flight.server";
import { drainBatchSize, drainConcurrently, INBOUND_DRAIN } from "./inbound-drain-schedule.server";

/** A backlog of `events` due events, taken by batches of at most `size`; records how many batches ran at once. */
function fakeBacklog(events: number, size: number) {
  const state = { left: events, batches: 0, inFlight: 0, maxInFlight: 0 };
  const drainBatch = async () => {
    state.inFlight += 1;
    state.maxInFlight = Math.max(state.maxInFlight, state.inFlight);
    const taken = Math.min(size, state.left);
    state.left -= taken;
    if (taken > 0) state.batches += 1;
    // A batch's statements: the other loop runs meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    state.inFlight -= 1;
    return taken;
  };
  return { state, drainBatch };
}

describe("the inbound drain's schedule", () => {
  it("takes full batches when no request is in flight, smaller ones while one is, and full ones again after it", () => {
    expect(httpRequestsInFlight()).toBe(0);
    expect(drainBatchSize()).toBe(INBOUND_DRAIN.batchSize);

    const response = new EventEmitter() as unknown as ServerResponse;
    trackHttpRequest(response);
    expect(httpRequestsInFlight()).toBe(1);
    expect(drainBatchSize()).toBe(INBOUND_DRAIN.busyBatchSize);
    expect(INBOUND_DRAIN.busyBatchSize).toBeGreaterThan(0); // it never stops: it takes less at a time
    expect(INBOUND_DRAIN.busyBatchSize).toBeLessThan(INBOUND_DRAIN.batchSize);

    response.emit("close");
    expect(httpRequestsInFlight()).toBe(0);
    expect(drainBatchSize()).toBe(INBOUND_DRAIN.batchSize);
  });

  it("keeps the configured number of batches in flight, so one computes while another waits on PostgreSQL", async () => {
    for (const inFlight of [1, 2]) {
      const { state, drainBatch } = fakeBacklog(1_000, 100);
      await drainConcurrently(drainBatch, { inFlight, budgetMs: 60_000 });
      expect(state.maxInFlight).toBe(inFlight);
      expect(state.left).toBe(0);
    }
  });

  it("drains a backlog batch after batch until nothing is due, and says the queue is empty", async () => {
    const { state, drainBatch } = fakeBacklog(1_050, 100);
    const lastTaken = await drainConcurrently(drainBatch, { inFlight: 2, budgetMs: 60_000 });
    expect(state.left).toBe(0);
    expect(state.batches).toBe(11);
    expect(lastTaken).toBe(0);
  });

  it("stops at its time budget and says work is left (the job re-queues itself at once)", async () => {
    const { state, drainBatch } = fakeBacklog(1_000, 100);
    const lastTaken = await drainConcurrently(drainBatch, { inFlight: 2, budgetMs: 0 });
    expect(state.batches).toBe(2); // one batch a loop
    expect(lastTaken).toBe(100);
  });
});
