// A local HTTP server that speaks enough of Stripe's API wire format for the app's SDK client:
// form-encoded requests with bracketed nesting, JSON objects, error bodies
// {error:{type,code,message}}, Bearer API keys, and Idempotency-Key semantics for POSTs:
//  - same key + same parameters → the first answer again (errors included), header Idempotent-Replayed;
//  - same key + other parameters → 400 idempotency_error;
//  - a key is forgotten 24 hours after its first answer, by the fake's own clock (`now`, which a
//    test may drive): Stripe prunes keys "at least 24 hours old" and then makes a new request of a
//    reused key, so the fake forgets at the earliest moment Stripe may;
//  - an injected 5xx happens "before the endpoint runs", so nothing is saved for its key;
//  - an injected network drop processes the request (and saves it) and then destroys the socket.
// Endpoints: POST /v1/transfers, GET /v1/transfers (newest first; filters transfer_group,
// destination and created (an integer, or created[gt|gte|lt|lte]); limit 1–100, default 10,
// starting_after, has_more), GET /v1/transfers/:id,
// GET /v1/balance, GET /v1/account, POST /v1/accounts, GET /v1/accounts/:id, POST /v1/account_links.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

type Json = Record<string, unknown>;

export interface FakeTransfer {
  id: string;
  object: "transfer";
  amount: number;
  amount_reversed: number;
  currency: string;
  destination: string;
  transfer_group: string | null;
  metadata: Record<string, string>;
  description: string | null;
  reversed: boolean;
  created: number;
  livemode: boolean;
}

export interface FakeAccount {
  id: string;
  object: "account";
  type: "express";
  country: string;
  email: string | null;
  details_submitted: boolean;
  payouts_enabled: boolean;
  charges_enabled: boolean;
  capabilities: Record<string, string>;
  requirements: { currently_due: string[]; eventually_due: string[]; past_due: string[]; disabled_reason: string | null };
  metadata: Record<string, string>;
  created: number;
}

interface SavedAnswer {
  paramsKey: string;
  savedAtMs: number;
  status: number;
  body: Json;
}

export type Injection =
  | { kind: "status"; status: number; type?: string; code?: string; message?: string }
  | { kind: "drop" }
  /** Answers normally, after a pause (a slow Stripe). */
  | { kind: "delay"; ms: number };

/** How long Stripe is sure to keep an idempotency key; it may prune it any time after. */
export const FAKE_STRIPE_KEY_LIFETIME_MS = 24 * 60 * 60 * 1000;

const id = (prefix: string) => `${prefix}_${randomBytes(8).toString("hex")}`;

/** Matches the form body of a request for one payout: its transfer group. */
export const forTransferGroup = (payoutId: string) => new RegExp(`(^|&)transfer_group=${encodeURIComponent(payoutId)}(&|$)`);

/** Parses Stripe's form encoding (a[b][c]=v, a[0]=v) into nested objects. */
export function parseStripeForm(body: string): Json {
  const out: Json = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, "").split("[");
    let node: Json = out;
    path.forEach((part, index) => {
      if (index === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Json;
    });
  }
  return out;
}

export class FakeStripe {
  readonly transfers: FakeTransfer[] = [];
  readonly accounts = new Map<string, FakeAccount>();
  readonly accountCreateParams: Json[] = [];
  /** Every request; `transferGroup` (a POST's form field or a list's query) names the payout it is for. */
  readonly requests: { method: string; path: string; idempotencyKey: string | null; transferGroup: string | null }[] = [];
  /** Available balance per lower-case currency. */
  balance: Record<string, number> = { usd: 10_000_000 };
  validKeys = new Set<string>(["sk_test_good"]);
  platform = { id: "acct_platform", name: "Trail Co Payments" };
  /** The fake's clock (ms since the epoch): key expiry and `created` read it. Tests may drive it. */
  now: () => number = () => Date.now();
  private readonly saved = new Map<string, SavedAnswer>();
  private readonly injections: { path: RegExp; method?: string; body?: RegExp; injection: Injection }[] = [];
  private server?: Server;
  url = "";

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
   * The next `times` requests to a matching path (and method, and raw form body, when given) get
   * `injection` instead of the normal answer. A body pattern keeps the injection for one payout's
   * requests: another test's job retried meanwhile does not use it up.
   */
  inject(path: RegExp, injection: Injection, times = 1, method?: "GET" | "POST", body?: RegExp) {
    for (let i = 0; i < times; i++) this.injections.push({ path, method, body, injection });
  }

  clearInjections() {
    this.injections.length = 0;
  }

  addAccount(overrides: Partial<FakeAccount> = {}): FakeAccount {
    const account: FakeAccount = {
      id: id("acct"),
      object: "account",
      type: "express",
      country: "US",
      email: null,
      details_submitted: false,
      payouts_enabled: false,
      charges_enabled: false,
      capabilities: { transfers: "inactive" },
      requirements: {
        currently_due: ["external_account", "tos_acceptance.date"],
        eventually_due: [],
        past_due: [],
        disabled_reason: "requirements.past_due",
      },
      metadata: {},
      created: Math.floor(Date.now() / 1000),
      ...overrides,
    };
    this.accounts.set(account.id, account);
    return account;
  }

  /** The creator finished onboarding: transfers active, nothing due. */
  activateAccount(accountId: string): FakeAccount {
    const account = this.accounts.get(accountId)!;
    Object.assign(account, {
      details_submitted: true,
      payouts_enabled: true,
      capabilities: { ...account.capabilities, transfers: "active" },
      requirements: { currently_due: [], eventually_due: [], past_due: [], disabled_reason: null },
    });
    return account;
  }

  private send(res: ServerResponse, status: number, body: Json, replayed = false) {
    res.writeHead(status, {
      "Content-Type": "application/json",
      "Request-Id": id("req"),
      ...(replayed ? { "Idempotent-Replayed": "true" } : {}),
    });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake");
    const method = req.method ?? "GET";
    const idempotencyKey = method === "POST" ? ((req.headers["idempotency-key"] as string | undefined) ?? null) : null;
    const transferGroup = (method === "POST" ? new URLSearchParams(rawBody) : url.searchParams).get("transfer_group");
    this.requests.push({ method, path: url.pathname, idempotencyKey, transferGroup });

    const key = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    if (!this.validKeys.has(key)) {
      return this.send(res, 401, {
        error: { type: "invalid_request_error", message: "Invalid API Key provided: " + key.slice(0, 8) + "****" },
      });
    }

    const injectionIndex = this.injections.findIndex(
      (candidate) =>
        candidate.path.test(url.pathname) &&
        (candidate.method === undefined || candidate.method === method) &&
        (candidate.body === undefined || candidate.body.test(rawBody)),
    );
    let injection = injectionIndex >= 0 ? this.injections.splice(injectionIndex, 1)[0]!.injection : null;
    if (injection?.kind === "delay") {
      const { ms } = injection;
      await new Promise((resolve) => setTimeout(resolve, ms));
      injection = null;
    }
    if (injection?.kind === "status" && injection.status >= 500) {
      return this.send(res, injection.status, {
        error: { type: "api_error", message: injection.message ?? "Something went wrong on Stripe's end." },
      });
    }

    const paramsKey = `${method} ${url.pathname} ${[...new URLSearchParams(rawBody)]
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join("&")}`;
    let answer: SavedAnswer;
    let replayed = false;
    let previous = idempotencyKey ? this.saved.get(idempotencyKey) : undefined;
    if (previous && this.now() - previous.savedAtMs >= FAKE_STRIPE_KEY_LIFETIME_MS) {
      this.saved.delete(idempotencyKey!); // pruned: this request is a new one
      previous = undefined;
    }
    if (previous) {
      if (previous.paramsKey !== paramsKey) {
        return this.send(res, 400, {
          error: {
            type: "idempotency_error",
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          },
        });
      }
      answer = previous;
      replayed = true;
    } else {
      answer =
        injection?.kind === "status"
          ? {
              paramsKey,
              savedAtMs: this.now(),
              status: injection.status,
              body: {
                error: { type: injection.type ?? "invalid_request_error", code: injection.code, message: injection.message ?? "Refused." },
              },
            }
          : { paramsKey, savedAtMs: this.now(), ...this.route(method, url, parseStripeForm(rawBody)) };
      if (idempotencyKey) this.saved.set(idempotencyKey, answer);
    }
    if (injection?.kind === "drop") {
      req.socket.destroy();
      return;
    }
    this.send(res, answer.status, answer.body, replayed);
  }

  private route(method: string, url: URL, params: Json): { status: number; body: Json } {
    const path = url.pathname;
    if (method === "POST" && path === "/v1/transfers") return this.createTransfer(params);
    if (method === "GET" && path === "/v1/transfers") return this.listTransfers(url.searchParams);
    const transfer = path.match(/^\/v1\/transfers\/([\w]+)$/);
    if (method === "GET" && transfer) {
      const found = this.transfers.find((t) => t.id === transfer[1]);
      return found ? { status: 200, body: found as unknown as Json } : missing("transfer", transfer[1]!);
    }
    if (method === "GET" && path === "/v1/balance") {
      const available = Object.entries(this.balance).map(([currency, amount]) => ({ currency, amount, source_types: { card: amount } }));
      return { status: 200, body: { object: "balance", livemode: false, available, pending: available.map((a) => ({ ...a, amount: 0 })) } };
    }
    if (method === "GET" && path === "/v1/account") {
      return {
        status: 200,
        body: {
          id: this.platform.id,
          object: "account",
          country: "US",
          settings: { dashboard: { display_name: this.platform.name } },
          business_profile: { name: this.platform.name },
        },
      };
    }
    if (method === "POST" && path === "/v1/accounts") {
      this.accountCreateParams.push(params);
      const account = this.addAccount({
        email: typeof params.email === "string" ? params.email : null,
        country: typeof params.country === "string" ? params.country : "US",
        metadata: (params.metadata as Record<string, string>) ?? {},
      });
      return { status: 200, body: account as unknown as Json };
    }
    const account = path.match(/^\/v1\/accounts\/([\w]+)$/);
    if (method === "GET" && account) {
      const found = this.accounts.get(account[1]!);
      return found ? { status: 200, body: found as unknown as Json } : missing("account", account[1]!);
    }
    if (method === "POST" && path === "/v1/account_links") {
      if (!this.accounts.has(String(params.account))) return missing("account", String(params.account));
      const created = Math.floor(Date.now() / 1000);
      return {
        status: 200,
        body: {
          object: "account_link",
          created,
          expires_at: created + 300,
          url: `https://connect.stripe.test/setup/e/${params.account}/${randomBytes(6).toString("hex")}`,
        },
      };
    }
    return { status: 404, body: { error: { type: "invalid_request_error", message: `Unrecognized request URL (${method}: ${path}).` } } };
  }

  private listTransfers(query: URLSearchParams): { status: number; body: Json } {
    const limit = Number(query.get("limit") ?? 10);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return {
        status: 400,
        body: { error: { type: "invalid_request_error", param: "limit", message: "This value must be between 1 and 100." } },
      };
    }
    const group = query.get("transfer_group");
    const destination = query.get("destination");
    // created: a Unix timestamp, or a range by created[gt], [gte], [lt], [lte] (Stripe's "range query").
    const bounds: [string, (created: number, bound: number) => boolean][] = [
      ["created", (c, b) => c === b],
      ["created[gt]", (c, b) => c > b],
      ["created[gte]", (c, b) => c >= b],
      ["created[lt]", (c, b) => c < b],
      ["created[lte]", (c, b) => c <= b],
    ];
    const createdChecks: ((created: number) => boolean)[] = [];
    for (const [param, holds] of bounds) {
      const raw = query.get(param);
      if (raw === null) continue;
      const bound = Number(raw);
      if (!/^\d+$/.test(raw) || !Number.isSafeInteger(bound)) {
        return { status: 400, body: { error: { type: "invalid_request_error", param, message: `Invalid integer: ${raw}` } } };
      }
      createdChecks.push((created) => holds(created, bound));
    }
    let matching = this.transfers
      .filter(
        (t) =>
          (group === null || t.transfer_group === group) &&
          (destination === null || t.destination === destination) &&
          createdChecks.every((check) => check(t.created)),
      )
      .reverse();
    const after = query.get("starting_after");
    if (after !== null) {
      const index = matching.findIndex((t) => t.id === after);
      if (index < 0) return missing("transfer", after);
      matching = matching.slice(index + 1);
    }
    return {
      status: 200,
      body: { object: "list", url: "/v1/transfers", has_more: matching.length > limit, data: matching.slice(0, limit) },
    };
  }

  private createTransfer(params: Json): { status: number; body: Json } {
    const amount = Number(params.amount);
    const currency = String(params.currency);
    const destination = String(params.destination);
    const account = this.accounts.get(destination);
    if (!account) {
      return {
        status: 400,
        body: { error: { type: "invalid_request_error", code: "account_invalid", message: `No such destination: '${destination}'` } },
      };
    }
    if (account.capabilities.transfers !== "active") {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "insufficient_capabilities_for_transfer",
            message:
              "Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments",
          },
        },
      };
    }
    if ((this.balance[currency] ?? 0) < amount) {
      return {
        status: 400,
        body: {
          error: {
            type: "invalid_request_error",
            code: "balance_insufficient",
            message: "You have insufficient available funds in your Stripe account.",
          },
        },
      };
    }
    this.balance[currency] = (this.balance[currency] ?? 0) - amount;
    const transfer: FakeTransfer = {
      id: id("tr"),
      object: "transfer",
      amount,
      amount_reversed: 0,
      currency,
      destination,
      transfer_group: typeof params.transfer_group === "string" ? params.transfer_group : null,
      metadata: (params.metadata as Record<string, string>) ?? {},
      description: typeof params.description === "string" ? params.description : null,
      reversed: false,
      created: Math.floor(this.now() / 1000),
      livemode: false,
    };
    this.transfers.push(transfer);
    return { status: 200, body: transfer as unknown as Json };
  }
}

function missing(kind: string, value: string) {
  return {
    status: 404,
    body: { error: { type: "invalid_request_error", code: "resource_missing", param: kind, message: `No such ${kind}: '${value}'` } },
  };
}

export async function startFakeStripe(): Promise<FakeStripe> {
  return new FakeStripe().start();
}
