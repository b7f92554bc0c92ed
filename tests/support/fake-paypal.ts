// A local HTTP server that speaks PayPal's Payouts wire format, for the app's PayPal client:
//  - POST /v1/oauth2/token: HTTP Basic client id/secret, grant_type=client_credentials; a bearer
//    token with expires_in (tokens can be expired by the test); 401 {error:"invalid_client"}.
//  - POST /v1/payments/payouts: the body is checked against the project's zod shapes written from
//    PayPal's OpenAPI document (app/rails/paypal/paypal-wire.ts; the document itself is not
//    shipped as a package, see /work/shared/CONTRACTS.md). A request that breaks them is answered
//    400 INVALID_REQUEST and recorded in `contractViolations`, which tests assert is empty.
//    A sender_batch_id used in the last 30 days (by the fake's clock) is refused 400 with a
//    SENDER_BATCH_ID detail and a link to the original batch, as PayPal does; a PayPal-Request-Id
//    seen in the last 30 days gets the first answer again. Balance per currency: not enough is
//    422 INSUFFICIENT_FUNDS and stores nothing.
//  - GET /v1/payments/payouts/{id} (page, page_size, total_required), GET and POST …/cancel of
//    /v1/payments/payouts-item/{id}; items move by `processBatch()` / `setItemStatus()`.
//  - POST /v1/notifications/verify-webhook-signature: deliveries made by `webhookDelivery()` are
//    signed as PayPal signs (SHA256withRSA over transmission id|time|webhook id|CRC32 of the body),
//    and verified by the fake with its public key; a registered webhook id is required.
//  - Injections: a 5xx happens before any work; a "drop" does the work, then destroys the socket.
import { generateKeyPairSync, randomBytes, randomUUID, sign, verify, type KeyObject } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { crc32 } from "node:zlib";
import {
  createPayoutRequestSchema,
  verifyWebhookSignatureRequestSchema,
  type PayPalTransactionStatus,
  type PayoutItemRequest,
} from "~/rails/paypal/paypal-wire";

type Json = Record<string, unknown>;

export interface FakePayPalItem {
  payout_item_id: string;
  transaction_id?: string;
  transaction_status: PayPalTransactionStatus;
  payout_batch_id: string;
  sender_batch_id: string;
  payout_item: PayoutItemRequest;
  time_processed?: string;
  errors?: { name: string; message: string };
}

export interface FakePayPalBatch {
  payout_batch_id: string;
  batch_status: "DENIED" | "PENDING" | "PROCESSING" | "SUCCESS" | "CANCELED";
  time_created: string;
  sender_batch_header: Json;
  items: FakePayPalItem[];
}

export type PayPalInjection = { kind: "status"; status: number } | { kind: "drop" };

export const FAKE_PAYPAL_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;

const payPalId = (length = 13) => Array.from(randomBytes(length), (b) => "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"[b % 32]).join("");

/** Item outcomes PayPal gives for a receiver, applied by processBatch(). */
export interface ReceiverRule {
  status: PayPalTransactionStatus;
  errorName?: string;
  errorMessage?: string;
}

export class FakePayPal {
  url = "";
  /** client id → secret */
  readonly credentials = new Map<string, string>([["sandbox-client", "sandbox-secret"]]);
  readonly webhookIds = new Set<string>(["WH1ABC"]);
  readonly batches = new Map<string, FakePayPalBatch>();
  readonly requests: { method: string; path: string; requestId: string | null }[] = [];
  readonly contractViolations: { path: string; issues: string[] }[] = [];
  /** Available balance per currency, in PayPal's decimal units (ample by default). */
  balance: Record<string, number> = { USD: 1_000_000, EUR: 1_000_000, JPY: 100_000_000, HUF: 100_000_000 };
  readonly receiverRules = new Map<string, ReceiverRule>();
  tokenLifetimeSeconds = 32_400;
  /** Off: PayPal-Request-Id is ignored, so a resend meets the sender_batch_id check instead. */
  honourRequestIds = true;
  now: () => number = () => Date.now();
  /** The next N new batches (not a resend PayPal remembers) are refused 422 INSUFFICIENT_FUNDS. */
  refuseNext = 0;

  private readonly tokens = new Map<string, { clientId: string; expiresAtMs: number }>();
  private readonly senderBatchIds = new Map<string, { batchId: string; atMs: number }>();
  private readonly requestIds = new Map<string, { atMs: number; status: number; body: Json }>();
  private readonly injections: { path: RegExp; method?: string; body?: RegExp; injection: PayPalInjection }[] = [];
  private readonly keys: { publicKey: KeyObject; privateKey: KeyObject } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /**
   * The next `times` requests to a matching path (and method, and raw JSON body, when given) get
   * `injection`. A body pattern (`mentioning(...)`) keeps the injection for the batch under test:
   * another test's job retried meanwhile (a batch resent as its look-up) does not use it up.
   */
  inject(path: RegExp, injection: PayPalInjection, times = 1, method?: "GET" | "POST", body?: RegExp) {
    for (let i = 0; i < times; i++) this.injections.push({ path, method, body, injection });
  }

  /** Forgets every injection not used yet, and any refusal armed with `refuseNext`. */
  clearInjections() {
    this.injections.length = 0;
    this.refuseNext = 0;
  }

  /** Every issued token stops working (as after PayPal expires or revokes them). */
  expireTokens() {
    this.tokens.clear();
  }

  /** Items still PENDING move to their receiver's rule (default SUCCESS); the batch completes. */
  processBatch(payoutBatchId: string) {
    const batch = this.batches.get(payoutBatchId)!;
    for (const item of batch.items) {
      if (item.transaction_status !== "PENDING") continue;
      const rule = this.receiverRules.get(item.payout_item.receiver) ?? { status: "SUCCESS" };
      this.applyStatus(item, rule);
    }
    batch.batch_status = "SUCCESS";
  }

  setItemStatus(senderItemId: string, rule: ReceiverRule): FakePayPalItem {
    const item = this.allItems().find((i) => i.payout_item.sender_item_id === senderItemId);
    if (!item) throw new Error(`no PayPal item with sender_item_id ${senderItemId}`);
    this.applyStatus(item, rule);
    return item;
  }

  allItems(): FakePayPalItem[] {
    return [...this.batches.values()].flatMap((b) => b.items);
  }

  /** A webhook delivery as PayPal makes it: headers and the exact body, signed with the fake's key. */
  webhookDelivery(event: Json, webhookId: string): { headers: Headers; rawBody: string } {
    const rawBody = JSON.stringify(event);
    const transmissionId = randomUUID();
    const transmissionTime = new Date(this.now()).toISOString();
    const signature = sign(
      "sha256",
      Buffer.from(this.signedText(transmissionId, transmissionTime, webhookId, rawBody)),
      this.keys.privateKey,
    );
    return {
      rawBody,
      headers: new Headers({
        "content-type": "application/json",
        "paypal-auth-algo": "SHA256withRSA",
        "paypal-cert-url": `${this.url}/v1/notifications/certs/CERT-fake-360caa42`,
        "paypal-transmission-id": transmissionId,
        "paypal-transmission-sig": signature.toString("base64"),
        "paypal-transmission-time": transmissionTime,
      }),
    };
  }

  private signedText(transmissionId: string, time: string, webhookId: string, rawBody: string): string {
    return `${transmissionId}|${time}|${webhookId}|${crc32(Buffer.from(rawBody, "utf8"))}`;
  }

  private applyStatus(item: FakePayPalItem, rule: ReceiverRule) {
    item.transaction_status = rule.status;
    item.time_processed = new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, "Z");
    if (rule.status !== "FAILED" && rule.status !== "BLOCKED") item.transaction_id ??= payPalId(17);
    if (rule.errorName) item.errors = { name: rule.errorName, message: rule.errorMessage ?? rule.errorName };
    else delete item.errors;
  }

  private send(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "Content-Type": "application/json", "Paypal-Debug-Id": payPalId(12).toLowerCase() });
    res.end(JSON.stringify(body));
  }

  private error(res: ServerResponse, status: number, name: string, message: string, extra: Json = {}) {
    this.send(res, status, { name, message, debug_id: payPalId(12).toLowerCase(), ...extra });
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const requestId = (req.headers["paypal-request-id"] as string | undefined) ?? null;
    this.requests.push({ method, path: url.pathname, requestId });

    const index = this.injections.findIndex(
      (c) => c.path.test(url.pathname) && (c.method === undefined || c.method === method) && (c.body === undefined || c.body.test(rawBody)),
    );
    const injection = index >= 0 ? this.injections.splice(index, 1)[0]!.injection : null;
    if (injection?.kind === "status") {
      return this.error(
        res,
        injection.status,
        injection.status === 503 ? "SERVICE_UNAVAILABLE" : "INTERNAL_SERVER_ERROR",
        "An internal server error occurred.",
      );
    }
    // "drop": the work is done below, then the connection is cut before the answer.
    const answer = (status: number, body: unknown) => (injection?.kind === "drop" ? req.socket.destroy() : this.send(res, status, body));
    const fail = (status: number, name: string, message: string, extra: Json = {}) =>
      answer(status, { name, message, debug_id: payPalId(12).toLowerCase(), ...extra });

    if (method === "POST" && url.pathname === "/v1/oauth2/token") return this.token(req, rawBody, answer);

    const token = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const session = this.tokens.get(token);
    if (!session || session.expiresAtMs <= this.now()) {
      return this.error(
        res,
        401,
        "AUTHENTICATION_FAILURE",
        "Authentication failed due to missing authorization header, or invalid authentication credentials.",
      );
    }

    let json: unknown = null;
    if (method === "POST" && rawBody) {
      try {
        json = JSON.parse(rawBody);
      } catch {
        return fail(400, "INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", {
          details: [{ issue: "MALFORMED_REQUEST_JSON", location: "body" }],
        });
      }
    }

    if (method === "POST" && url.pathname === "/v1/payments/payouts") {
      if (requestId && this.honourRequestIds) {
        const previous = this.requestIds.get(requestId);
        if (previous && this.now() - previous.atMs < FAKE_PAYPAL_MEMORY_MS) return answer(previous.status, previous.body);
      }
      const [status, body] = this.createBatch(json, url.pathname);
      if (requestId && status < 500) this.requestIds.set(requestId, { atMs: this.now(), status, body });
      return answer(status, body);
    }
    const batchMatch = /^\/v1\/payments\/payouts\/([^/]+)$/.exec(url.pathname);
    if (method === "GET" && batchMatch) {
      const batch = this.batches.get(decodeURIComponent(batchMatch[1]!));
      if (!batch) return fail(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.");
      return answer(200, this.batchBody(batch, url.searchParams));
    }
    const itemMatch = /^\/v1\/payments\/payouts-item\/([^/]+)(\/cancel)?$/.exec(url.pathname);
    if (itemMatch) {
      const item = this.allItems().find((i) => i.payout_item_id === decodeURIComponent(itemMatch[1]!));
      if (!item) return fail(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.");
      if (method === "GET" && !itemMatch[2]) return answer(200, this.itemBody(item));
      if (method === "POST" && itemMatch[2]) {
        if (item.transaction_status !== "UNCLAIMED") {
          return fail(400, "ITEM_INCORRECT_STATUS", "You can only cancel items that are in UNCLAIMED state.");
        }
        this.applyStatus(item, { status: "RETURNED" });
        return answer(200, this.itemBody(item));
      }
    }
    if (method === "POST" && url.pathname === "/v1/notifications/verify-webhook-signature") {
      const parsed = verifyWebhookSignatureRequestSchema.safeParse(json);
      if (!parsed.success)
        return this.violation(
          url.pathname,
          parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`),
          fail,
        );
      const request = parsed.data;
      // The event as sent (the parsed copy reorders keys): what PayPal computes the CRC32 over.
      const sentEvent = JSON.stringify((json as Json).webhook_event);
      const signed = this.signedText(request.transmission_id, request.transmission_time, request.webhook_id, sentEvent);
      const good =
        this.webhookIds.has(request.webhook_id) &&
        request.auth_algo === "SHA256withRSA" &&
        verify("sha256", Buffer.from(signed), this.keys.publicKey, Buffer.from(request.transmission_sig, "base64"));
      return answer(200, { verification_status: good ? "SUCCESS" : "FAILURE" });
    }
    return fail(404, "RESOURCE_NOT_FOUND", "The specified resource does not exist.");
  }

  private token(req: IncomingMessage, rawBody: string, answer: (status: number, body: unknown) => void) {
    const basic = (req.headers.authorization ?? "").replace(/^Basic /, "");
    const [clientId, ...rest] = Buffer.from(basic, "base64").toString("utf8").split(":");
    const secret = rest.join(":");
    if (new URLSearchParams(rawBody).get("grant_type") !== "client_credentials") {
      return answer(400, { error: "unsupported_grant_type", error_description: "Grant Type is NULL" });
    }
    if (!clientId || this.credentials.get(clientId) !== secret) {
      return answer(401, { error: "invalid_client", error_description: "Client Authentication failed" });
    }
    const accessToken = `A21AA${randomBytes(24).toString("base64url")}`;
    this.tokens.set(accessToken, { clientId, expiresAtMs: this.now() + this.tokenLifetimeSeconds * 1000 });
    answer(200, {
      scope: "https://uri.paypal.com/services/payments/payouts https://uri.paypal.com/services/payments/realtimepayment",
      access_token: accessToken,
      token_type: "Bearer",
      app_id: `APP-${payPalId(17)}`,
      expires_in: this.tokenLifetimeSeconds,
      nonce: `${new Date(this.now()).toISOString()}${randomBytes(8).toString("hex")}`,
    });
  }

  private violation(path: string, issues: string[], fail: (status: number, name: string, message: string, extra?: Json) => void) {
    this.contractViolations.push({ path, issues });
    return fail(400, "INVALID_REQUEST", "Request is not well-formed, syntactically incorrect, or violates schema.", {
      details: issues.map((issue) => ({
        field: issue.split(":")[0],
        issue: "INVALID_PARAMETER_SYNTAX",
        description: issue,
        location: "body",
      })),
    });
  }

  private createBatch(json: unknown, path: string): [number, Json] {
    const parsed = createPayoutRequestSchema.safeParse(json);
    const debug = () => payPalId(12).toLowerCase();
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      this.contractViolations.push({ path, issues });
      return [
        400,
        {
          name: "INVALID_REQUEST",
          message: "Request is not well-formed, syntactically incorrect, or violates schema.",
          debug_id: debug(),
          details: issues.map((issue) => ({
            field: issue.split(":")[0],
            issue: "INVALID_PARAMETER_SYNTAX",
            description: issue,
            location: "body",
          })),
        },
      ];
    }
    const request = parsed.data;
    const senderBatchId = request.sender_batch_header.sender_batch_id ?? "";
    const previous = senderBatchId ? this.senderBatchIds.get(senderBatchId) : undefined;
    if (previous && this.now() - previous.atMs < FAKE_PAYPAL_MEMORY_MS) {
      return [
        400,
        {
          name: "USER_BUSINESS_ERROR",
          message: "User business error.",
          debug_id: debug(),
          details: [{ field: "SENDER_BATCH_ID", location: "body", issue: `Batch with given sender_batch_id already exists` }],
          links: [{ href: `${this.url}/v1/payments/payouts/${previous.batchId}`, rel: "self", method: "GET" }],
        },
      ];
    }
    const needed = new Map<string, number>();
    for (const item of request.items) needed.set(item.amount.currency, (needed.get(item.amount.currency) ?? 0) + Number(item.amount.value));
    const refused = this.refuseNext > 0;
    if (refused) this.refuseNext -= 1;
    for (const [currency, amount] of needed) {
      if (refused || (this.balance[currency] ?? 0) < amount) {
        return [
          422,
          { name: "INSUFFICIENT_FUNDS", message: "Sender does not have sufficient funds. Please add funds and retry.", debug_id: debug() },
        ];
      }
    }
    for (const [currency, amount] of needed) this.balance[currency] = (this.balance[currency] ?? 0) - amount;
    const batchId = payPalId();
    const batch: FakePayPalBatch = {
      payout_batch_id: batchId,
      batch_status: "PENDING",
      time_created: new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, "Z"),
      sender_batch_header: request.sender_batch_header,
      items: request.items.map((item) => ({
        payout_item_id: payPalId(),
        transaction_status: "PENDING",
        payout_batch_id: batchId,
        sender_batch_id: senderBatchId,
        payout_item: { recipient_type: request.sender_batch_header.recipient_type, recipient_wallet: "PAYPAL", ...item },
      })),
    };
    this.batches.set(batchId, batch);
    if (senderBatchId) this.senderBatchIds.set(senderBatchId, { batchId, atMs: this.now() });
    return [
      201,
      {
        batch_header: { payout_batch_id: batchId, batch_status: "PENDING", sender_batch_header: request.sender_batch_header },
        links: [{ href: `${this.url}/v1/payments/payouts/${batchId}`, rel: "self", method: "GET", encType: "application/json" }],
      },
    ];
  }

  private itemBody(item: FakePayPalItem): Json {
    return {
      ...item,
      payout_item_fee: { currency: item.payout_item.amount.currency, value: "0.00" },
      links: [{ href: `${this.url}/v1/payments/payouts-item/${item.payout_item_id}`, rel: "item", method: "GET" }],
    };
  }

  private batchBody(batch: FakePayPalBatch, query: URLSearchParams): Json {
    const pageSize = Math.min(Math.max(Number(query.get("page_size") ?? 1000) || 1000, 1), 1000);
    const page = Math.max(Number(query.get("page") ?? 1) || 1, 1);
    const items = batch.items.slice((page - 1) * pageSize, page * pageSize);
    const total = batch.items.reduce((sum, i) => sum + Number(i.payout_item.amount.value), 0);
    const currency = batch.items[0]!.payout_item.amount.currency;
    return {
      ...(query.get("total_required") === "true"
        ? { total_items: batch.items.length, total_pages: Math.max(1, Math.ceil(batch.items.length / pageSize)) }
        : {}),
      batch_header: {
        payout_batch_id: batch.payout_batch_id,
        batch_status: batch.batch_status,
        time_created: batch.time_created,
        sender_batch_header: batch.sender_batch_header,
        funding_source: "BALANCE",
        amount: { currency, value: total.toFixed(currency === "JPY" || currency === "HUF" || currency === "TWD" ? 0 : 2) },
        fees: { currency, value: "0.00" },
      },
      items: items.map((item) => this.itemBody(item)),
      links: [
        { href: `${this.url}/v1/payments/payouts/${batch.payout_batch_id}?page_size=${pageSize}&page=${page}`, rel: "self", method: "GET" },
      ],
    };
  }
}

export async function startFakePayPal(): Promise<FakePayPal> {
  return new FakePayPal().start();
}
