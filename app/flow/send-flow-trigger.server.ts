// The `send_flow_trigger` job: sends one recorded Flow event with `flowTriggerReceive` through the
// Admin GraphQL door. Never sent twice once Shopify took it (the row says `sent`); Shopify's
// userErrors (a shop without Flow, a trigger no workflow uses yet) are recorded as `refused` and
// not retried; a network error, throttling or a 5xx is retried by the queue with backoff, and the
// last try records `failed`. Nothing here reaches a merchant's request: it runs in the worker.
import type { Task } from "graphile-worker";
import { db } from "../db.server";
import { isDomainError } from "../domain/errors";
import { now } from "../lib/clock.server";
import { logger } from "../lib/logger.server";
import { adminGraphql } from "../lib/shopify-admin-graphql.server";
import { FLOW_TRIGGER_RECEIVE } from "./flow-operations";
import { FLOW_TRIGGER_ATTEMPTS } from "./queue-flow-trigger.server";

interface FlowTriggerReceiveData {
  flowTriggerReceive: { userErrors: { field: string[] | null; message: string }[] } | null;
}

export type FlowSendOutcome = "sent" | "refused" | "failed" | "retry" | "already_done";

/** Errors after which another try cannot succeed: the app has no access to the shop. */
const DEFINITE_ERROR_CODES = new Set(["shopify_access_denied"]);

export async function sendFlowTrigger(
  flowTriggerEventId: string,
  attempt: number,
  maxAttempts = FLOW_TRIGGER_ATTEMPTS,
): Promise<FlowSendOutcome> {
  const event = await db().flowTriggerEvent.findUnique({
    where: { id: flowTriggerEventId },
    include: { shop: { select: { domain: true, installState: true } } },
  });
  if (!event || event.status !== "pending") return "already_done";
  const finish = async (status: "sent" | "refused" | "failed", lastError: string | null) => {
    await db().flowTriggerEvent.updateMany({
      where: { id: event.id, status: "pending" },
      data: { status, lastError, attempts: attempt, sentAt: status === "sent" ? now() : null },
    });
    if (status !== "sent") logger().warn({ module: "flow", handle: event.handle, shop: event.shop.domain, status }, lastError ?? "");
    return status;
  };
  if (event.shop.installState !== "installed") return finish("failed", "The app is not installed on the shop.");
  const session = await db().session.findFirst({ where: { shop: event.shop.domain, isOnline: false }, select: { accessToken: true } });
  try {
    const data = await adminGraphql<FlowTriggerReceiveData>(
      { shopDomain: event.shop.domain, accessToken: session?.accessToken },
      FLOW_TRIGGER_RECEIVE,
      { purpose: `start the Shopify Flow trigger "${event.handle}"`, variables: { handle: event.handle, payload: event.payload } },
    );
    const userErrors = data.flowTriggerReceive?.userErrors ?? [];
    if (userErrors.length > 0) return finish("refused", userErrors.map((error) => error.message).join("; "));
    return finish("sent", null);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (isDomainError(error) && DEFINITE_ERROR_CODES.has(error.code)) return finish("failed", message);
    if (attempt >= maxAttempts) return finish("failed", message);
    await db().flowTriggerEvent.updateMany({ where: { id: event.id, status: "pending" }, data: { attempts: attempt, lastError: message } });
    return "retry";
  }
}

export const sendFlowTriggerTask: Task = async (raw, helpers) => {
  const { flowTriggerEventId } = raw as { flowTriggerEventId: string };
  const outcome = await sendFlowTrigger(flowTriggerEventId, helpers.job.attempts, helpers.job.max_attempts);
  // Throwing hands the job back to the queue, which tries again later with backoff.
  if (outcome === "retry") throw new Error(`Flow trigger ${flowTriggerEventId} not sent yet; retrying.`);
};
