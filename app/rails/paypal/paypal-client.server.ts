// A small typed client for PayPal's Payouts REST API over fetch. `@paypal/paypal-server-sdk`
// (PayPal's maintained SDK) covers Orders, Payments, Vault, Transaction Search and Subscriptions,
// not Payouts, and `@paypal/payouts-sdk` is archived: hence this client.
//
// - OAuth 2 client credentials; the token is cached per credentials until a minute before expiry
//   and fetched again once when PayPal answers 401 to a call made with it.
// - Every response body is read with a byte cap; a body past the cap is not parsed.
// - Outcomes are three: an answer, a definite refusal (PayPalRefusal: a 4xx, with a sentence), or
//   an unknown outcome (PayPalOutcomeUnknown: network error, timeout, 5xx, unreadable answer) —
//   after which a batch create must be looked up before anything new is sent.
// - A create sends the batch's sender_batch_id also as PayPal-Request-Id (kept 30 days by PayPal),
//   so a resend within 30 days returns the original batch; a reused sender_batch_id PayPal reports
//   as a duplicate comes back as { kind: "duplicate" } with the original batch's id.
import { createHash } from "node:crypto";
import type { z } from "zod";
import { now } from "~/lib/clock.server";
import { payPalErrorSentence, isDuplicateBatch } from "./paypal-error-sentence";
import {
  accessTokenResponseSchema,
  createPayoutResponseSchema,
  errorBodySchema,
  payoutBatchResponseSchema,
  payoutItemResponseSchema,
  verifyWebhookSignatureResponseSchema,
  type CreatePayoutRequest,
  type CreatePayoutResponse,
  type PayPalErrorBody,
  type PayPalPayoutBatch,
  type PayPalPayoutItem,
} from "./paypal-wire";

export type PayPalEnvironment = "sandbox" | "live";

export const PAYPAL_API_BASE_URLS: Record<PayPalEnvironment, string> = {
  sandbox: "https://api-m.sandbox.paypal.com",
  live: "https://api-m.paypal.com",
};

export interface PayPalClientConfig {
  environment: PayPalEnvironment;
  clientId: string;
  clientSecret: string;
  /** Tests only: a local fake's origin instead of PayPal's (see payPalClientForShop). */
  apiOrigin?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The largest answer read: a batch page of 1,000 items is about 1.5 MB. */
export const PAYPAL_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** PayPal keeps a sender_batch_id (and a PayPal-Request-Id) 30 days; resend only well within. */
export const PAYPAL_BATCH_MEMORY_DAYS = 30;
const RESEND_SAFETY_DAYS = 1;
const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN_MARGIN_MS = 60_000;

/** PayPal answered with a definite refusal (4xx); nothing was done. */
export class PayPalRefusal extends Error {
  constructor(
    readonly status: number,
    readonly errorName: string,
    readonly body: PayPalErrorBody | null,
    sentence: string,
  ) {
    super(sentence);
    this.name = "PayPalRefusal";
  }
}

/** The call may or may not have been done at PayPal (network error, timeout, 5xx, unreadable answer). */
export class PayPalOutcomeUnknown extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = "PayPalOutcomeUnknown";
  }
}

export type CreateBatchResult =
  | { kind: "created"; payoutBatchId: string; response: CreatePayoutResponse }
  | { kind: "duplicate"; payoutBatchId: string | null; sentence: string };

export interface WebhookTransmission {
  /** The delivery's request headers (case-insensitive lookup). */
  headers: Headers;
  /** The delivery's body exactly as received: PayPal verifies the event as it sent it. */
  rawBody: string;
  webhookId: string;
}

/**
 * Whether a batch first sent at `firstSentAt` may be sent again to learn its fate: only while
 * PayPal still remembers its sender_batch_id (30 days, less a day of margin). Past that, a resend
 * could pay twice and the batch must be reconciled by hand from PayPal's reports.
 */
export function mayResendBatch(firstSentAt: Date, at: Date): boolean {
  return at.getTime() - firstSentAt.getTime() < (PAYPAL_BATCH_MEMORY_DAYS - RESEND_SAFETY_DAYS) * DAY_MS;
}

/** Reads at most `maxBytes` of a body; null when it is longer (the rest is not read). */
export async function readBoundedText(response: Response, maxBytes: number): Promise<string | null> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel().catch(() => {});
    return null;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

interface CachedToken {
  accessToken: string;
  expiresAtMs: number;
}
// Per credentials (a hash: the secret itself is never a map key that could be dumped).
const tokenCache = new Map<string, CachedToken>();

export function clearPayPalTokenCache(): void {
  tokenCache.clear();
}

interface RawAnswer {
  status: number;
  json: unknown;
}

export class PayPalClient {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly cacheKey: string;

  constructor(private readonly config: PayPalClientConfig) {
    this.baseUrl = (config.apiOrigin ?? PAYPAL_API_BASE_URLS[config.environment]).replace(/\/+$/, "");
    this.fetchImpl = config.fetch ?? fetch;
    this.timeoutMs = config.timeoutMs ?? 30_000;
    this.cacheKey = createHash("sha256")
      .update(JSON.stringify([this.baseUrl, config.clientId, config.clientSecret]))
      .digest("hex");
  }

  get environment(): PayPalEnvironment {
    return this.config.environment;
  }

  /** An access token (cached until a minute before it expires). Throws PayPalRefusal for bad credentials. */
  async accessToken(options: { fresh?: boolean } = {}): Promise<string> {
    const cached = tokenCache.get(this.cacheKey);
    if (!options.fresh && cached && cached.expiresAtMs - TOKEN_MARGIN_MS > now().getTime()) return cached.accessToken;
    const basic = Buffer.from(`${this.config.clientId}:${this.config.clientSecret}`).toString("base64");
    const answer = await this.send("/v1/oauth2/token", {
      method: "POST",
      headers: { Authorization: `Basic ${basic}`, "Content-Type": "application/x-www-form-urlencoded", Accept: "application/json" },
      body: "grant_type=client_credentials",
    });
    if (answer.status !== 200) {
      // OAuth errors are {error, error_description}; 401 invalid_client is the usual one.
      const oauth = answer.json as { error?: string; error_description?: string } | null;
      const name = oauth?.error ?? (errorBodySchema.safeParse(answer.json).data?.name || "");
      if (answer.status >= 500) throw new PayPalOutcomeUnknown(payPalErrorSentence(answer.status, null), answer.status);
      const sentence = payPalErrorSentence(answer.status, {
        name: answer.status === 401 ? "invalid_client" : name,
        message: oauth?.error_description,
      });
      throw new PayPalRefusal(answer.status, name || "invalid_client", null, sentence);
    }
    const token = this.parse(accessTokenResponseSchema, answer, "an access token");
    tokenCache.set(this.cacheKey, { accessToken: token.access_token, expiresAtMs: now().getTime() + token.expires_in * 1000 });
    return token.access_token;
  }

  /** POST /v1/payments/payouts. A duplicate sender_batch_id is an answer, not an error. */
  async createBatchPayout(request: CreatePayoutRequest): Promise<CreateBatchResult> {
    const senderBatchId = request.sender_batch_header.sender_batch_id;
    const answer = await this.authorized("/v1/payments/payouts", {
      method: "POST",
      body: JSON.stringify(request),
      headers: senderBatchId ? { "PayPal-Request-Id": senderBatchId } : {},
    });
    if (answer.status === 201 || answer.status === 200) {
      const response = this.parse(createPayoutResponseSchema, answer, "a created batch");
      return { kind: "created", payoutBatchId: response.batch_header.payout_batch_id, response };
    }
    const body = errorBodySchema.safeParse(answer.json).data ?? null;
    if (answer.status === 400 && isDuplicateBatch(body)) {
      return { kind: "duplicate", payoutBatchId: originalBatchId(body), sentence: payPalErrorSentence(answer.status, body) };
    }
    throw this.failure(answer, body);
  }

  /**
   * Looks a batch up by its sender_batch_id, which PayPal allows only by sending the same batch
   * again within 30 days: a batch PayPal has gives its id back (nothing is paid again); a batch it
   * never received is created now — which is the send the lost one was meant to be. Refused past
   * PayPal's memory (see mayResendBatch).
   */
  async findOrCreateBatchPayout(request: CreatePayoutRequest, firstSentAt: Date): Promise<CreateBatchResult> {
    if (!mayResendBatch(firstSentAt, now())) {
      throw new PayPalRefusal(
        0,
        "BATCH_MEMORY_EXPIRED",
        null,
        `PayPal remembers a batch id for ${PAYPAL_BATCH_MEMORY_DAYS} days only, and this batch was first sent longer ago. Check the batch in your PayPal account's activity before paying these payouts again.`,
      );
    }
    return this.createBatchPayout(request);
  }

  /** GET /v1/payments/payouts/{id}: one page of the batch and its items. */
  async getBatch(payoutBatchId: string, page: { page?: number; pageSize?: number } = {}): Promise<PayPalPayoutBatch> {
    const query = new URLSearchParams({
      page: String(page.page ?? 1),
      page_size: String(page.pageSize ?? 1000),
      total_required: "true",
    });
    const answer = await this.authorized(`/v1/payments/payouts/${encodeURIComponent(payoutBatchId)}?${query}`, { method: "GET" });
    if (answer.status !== 200) throw this.failure(answer);
    return this.parse(payoutBatchResponseSchema, answer, "a batch");
  }

  /** Every item of a batch (PayPal pages by at most 1,000; a batch holds at most 15,000). */
  async getBatchItems(payoutBatchId: string): Promise<{ batch: PayPalPayoutBatch; items: PayPalPayoutItem[] }> {
    const first = await this.getBatch(payoutBatchId, { page: 1 });
    const items = [...first.items];
    const pages = Math.min(first.total_pages ?? 1, 15);
    for (let page = 2; page <= pages; page++) items.push(...(await this.getBatch(payoutBatchId, { page })).items);
    return { batch: first, items };
  }

  /** GET /v1/payments/payouts-item/{payout_item_id}. */
  async getPayoutItem(payoutItemId: string): Promise<PayPalPayoutItem> {
    const answer = await this.authorized(`/v1/payments/payouts-item/${encodeURIComponent(payoutItemId)}`, { method: "GET" });
    if (answer.status !== 200) throw this.failure(answer);
    return this.parse(payoutItemResponseSchema, answer, "a payout item");
  }

  /** POST /v1/payments/payouts-item/{id}/cancel: an UNCLAIMED item returns to the sender (RETURNED). */
  async cancelUnclaimedItem(payoutItemId: string): Promise<PayPalPayoutItem> {
    const answer = await this.authorized(`/v1/payments/payouts-item/${encodeURIComponent(payoutItemId)}/cancel`, { method: "POST" });
    if (answer.status !== 200) throw this.failure(answer);
    return this.parse(payoutItemResponseSchema, answer, "a canceled payout item");
  }

  /**
   * POST /v1/notifications/verify-webhook-signature with the delivery's headers and its body
   * spliced in byte for byte (re-serialising the event can change it and fail the check).
   * False for a delivery without PayPal's headers or with a body that is not a JSON object.
   */
  async verifyWebhookSignature({ headers, rawBody, webhookId }: WebhookTransmission): Promise<boolean> {
    const header = (name: string) => headers.get(name) ?? "";
    const fields = {
      auth_algo: header("paypal-auth-algo"),
      cert_url: header("paypal-cert-url"),
      transmission_id: header("paypal-transmission-id"),
      transmission_sig: header("paypal-transmission-sig"),
      transmission_time: header("paypal-transmission-time"),
      webhook_id: webhookId,
    };
    if (Object.values(fields).some((v) => v === "")) return false;
    try {
      const event: unknown = JSON.parse(rawBody);
      if (!event || typeof event !== "object" || Array.isArray(event)) return false;
    } catch {
      return false;
    }
    const body = `${JSON.stringify(fields).slice(0, -1)},"webhook_event":${rawBody}}`;
    const answer = await this.authorized("/v1/notifications/verify-webhook-signature", { method: "POST", body });
    if (answer.status !== 200) throw this.failure(answer);
    return this.parse(verifyWebhookSignatureResponseSchema, answer, "a verification").verification_status === "SUCCESS";
  }

  private async authorized(path: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<RawAnswer> {
    const call = async (token: string) =>
      this.send(path, {
        method: init.method,
        body: init.body,
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", Accept: "application/json", ...init.headers },
      });
    const answer = await call(await this.accessToken());
    // A 401 means the token was not accepted (expired early, revoked): nothing was done, so once more with a new one.
    if (answer.status === 401) return call(await this.accessToken({ fresh: true }));
    return answer;
  }

  private async send(path: string, init: RequestInit): Promise<RawAnswer> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.baseUrl + path, { ...init, signal: AbortSignal.timeout(this.timeoutMs), redirect: "error" });
    } catch (error) {
      const what = (error as Error).name === "TimeoutError" ? "did not answer in time" : "could not be reached";
      throw new PayPalOutcomeUnknown(`PayPal ${what}; the outcome is unknown and is looked up before anything is sent again.`, null);
    }
    let text: string | null;
    try {
      text = await readBoundedText(response, PAYPAL_MAX_RESPONSE_BYTES);
    } catch {
      throw new PayPalOutcomeUnknown(
        "PayPal's answer broke off; the outcome is unknown and is looked up before anything is sent again.",
        response.status,
      );
    }
    if (text === null)
      throw new PayPalOutcomeUnknown("PayPal's answer was larger than the app reads; the outcome is unknown.", response.status);
    let json: unknown = null;
    try {
      json = text === "" ? null : JSON.parse(text);
    } catch {
      json = null;
    }
    return { status: response.status, json };
  }

  private parse<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, answer: RawAnswer, what: string): T {
    const parsed = schema.safeParse(answer.json);
    if (!parsed.success)
      throw new PayPalOutcomeUnknown(`PayPal's answer was not ${what} the app can read; the outcome is unknown.`, answer.status);
    return parsed.data;
  }

  private failure(answer: RawAnswer, parsedBody?: PayPalErrorBody | null): Error {
    const body = parsedBody !== undefined ? parsedBody : (errorBodySchema.safeParse(answer.json).data ?? null);
    const sentence = payPalErrorSentence(answer.status, body);
    if (answer.status >= 500 || answer.status === 429 || answer.status === 408) return new PayPalOutcomeUnknown(sentence, answer.status);
    return new PayPalRefusal(answer.status, body?.name ?? `HTTP_${answer.status}`, body, sentence);
  }
}

/** The original batch's id from a duplicate refusal's HATEOAS link (…/v1/payments/payouts/{id}). */
function originalBatchId(body: PayPalErrorBody | null): string | null {
  for (const link of body?.links ?? []) {
    const match = /\/v1\/payments\/payouts\/([^/?#]+)/.exec(link.href);
    if (match) return decodeURIComponent(match[1]!);
  }
  return null;
}

export function createPayPalClient(config: PayPalClientConfig): PayPalClient {
  return new PayPalClient(config);
}
