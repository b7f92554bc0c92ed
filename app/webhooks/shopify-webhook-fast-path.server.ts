// Shopify webhooks served on node:http, before Express and the Remix request handler
// (scripts/app-server.ts). A flash sale sends thousands of deliveries a second, each worth one
// HMAC and one INSERT; through Remix each also paid for a fetch Request and its web stream,
// route matching and the response conversion, several times the work itself (README,
// Benchmarks). The answers are the Remix routes' own (both go through recordShopifyDelivery);
// anything this does not recognise (another path, another method) goes on to Remix unchanged.
import type { IncomingMessage, ServerResponse } from "node:http";
import { markShopUninstalled } from "../shops/mark-shop-uninstalled.server";
import { BODY_LIMITS } from "../http/bounded-body.server";
import { logger } from "../lib/logger.server";
import { recordShopifyDelivery, type ShopifyDelivery } from "./record-shopify-delivery.server";

interface TopicHandling {
  /** Worked in the request itself (see recordInboundEvent's `processInline`). */
  processInline?: boolean;
  /** Done after the first delivery is recorded, before the 200. */
  afterFirstDelivery?: (delivery: ShopifyDelivery & { recorded: { kind: "first" } }) => Promise<void>;
}

/** The paths of shopify.app.toml's subscriptions (each also a Remix route under app/routes/webhooks.*). */
export const FAST_SHOPIFY_WEBHOOKS: ReadonlyMap<string, TopicHandling> = new Map<string, TopicHandling>([
  ["/webhooks/orders/create", {}],
  ["/webhooks/orders/updated", {}],
  ["/webhooks/orders/paid", {}],
  ["/webhooks/orders/cancelled", {}],
  ["/webhooks/refunds/create", {}],
  ["/webhooks/customers/data_request", {}],
  ["/webhooks/customers/redact", {}],
  ["/webhooks/shop/redact", {}],
  // As webhooks.app.uninstalled.tsx: sessions go at once; the drain finishes it should this request die.
  [
    "/webhooks/app/uninstalled",
    { processInline: true, afterFirstDelivery: (delivery) => markShopUninstalled(delivery.shop, delivery.recorded.inboundEventId) },
  ],
]);

const LIMIT = BODY_LIMITS.shopifyWebhook;
const TOO_LARGE = `Request body too large: ${LIMIT.what} is at most ${LIMIT.size}.`;

function answer(response: ServerResponse, status: number, text?: string, extraHeaders: Record<string, string> = {}) {
  if (text === undefined) {
    response.writeHead(status, { "Content-Length": 0, ...extraHeaders });
    response.end();
    return;
  }
  const body = Buffer.from(text);
  response.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Content-Length": body.length, ...extraHeaders });
  response.end(body);
}

/** 413 with `Connection: close`: the rest of an oversize body is never read (as bodyTooLarge). */
const refuseTooLarge = (response: ServerResponse) => answer(response, 413, TOO_LARGE, { Connection: "close", "Cache-Control": "no-store" });

/** The body within the limit, or null once it has answered 413 (declared or counted as it streams in). */
function readBoundedBody(request: IncomingMessage, response: ServerResponse): Promise<Buffer | null> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > LIMIT.bytes) {
    refuseTooLarge(response);
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.length;
      if (total <= LIMIT.bytes) return void chunks.push(chunk);
      // Stop reading (not destroy: the sender must see the 413); the connection closes after it.
      request.off("data", onData);
      request.pause();
      refuseTooLarge(response);
      resolve(null);
    };
    request.on("data", onData);
    request.once("end", () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total)));
    request.once("error", reject);
  });
}

/**
 * Serves the request when it is a Shopify webhook delivery (POST to a subscribed path) and
 * answers true; otherwise touches nothing and answers false.
 */
export function serveShopifyWebhookFast(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.method !== "POST" || !request.url) return false;
  const path = request.url.includes("?") ? request.url.slice(0, request.url.indexOf("?")) : request.url;
  const handling = FAST_SHOPIFY_WEBHOOKS.get(path);
  if (!handling) return false;
  void receive(request, response, handling).catch((error: unknown) => {
    logger().error({ module: "webhooks", path, err: error }, "Shopify webhook could not be recorded");
    if (!response.headersSent) answer(response, 500, "The delivery could not be recorded; Shopify will deliver it again.");
    else response.destroy();
  });
  return true;
}

async function receive(request: IncomingMessage, response: ServerResponse, handling: TopicHandling) {
  const rawBody = await readBoundedBody(request, response);
  if (!rawBody) return;
  const headerOf = (name: string) => {
    const value = request.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
  const result = await recordShopifyDelivery(headerOf, rawBody, { processInline: handling.processInline });
  if ("refused" in result) return answer(response, result.refused.status, result.refused.text);
  if (result.recorded.kind === "first" && handling.afterFirstDelivery) {
    await handling.afterFirstDelivery({ ...result, recorded: result.recorded });
  }
  answer(response, 200);
}
