// The one door to the Shopify Admin GraphQL API. Every Admin call goes through `adminGraphql` so
// that throttling and errors are handled once: a THROTTLED answer (HTTP 200 with the error code
// THROTTLED, or an HTTP 429) is retried after the wait Shopify's leaky bucket implies, a bounded
// number of times; anything else Shopify refuses becomes a DomainError with a sentence a person can
// act on (never an unexplained 500).
import { DomainError } from "../domain/errors";
import { apiVersion } from "../shopify.server";
import { adminOrigin } from "./shopify-admin-origin.server";

/** A shop and an access token for it (offline, or a staff member's online token). */
export interface AdminAccess {
  shopDomain: string;
  accessToken: string | undefined;
}

/** Tries in all, the first included: enough to ride out a burst, short enough for a page load. */
export const ADMIN_GRAPHQL_ATTEMPTS = 4;
/** The longest single wait between tries, whatever the bucket says. */
export const ADMIN_GRAPHQL_MAX_WAIT_MS = 2_000;
const REQUEST_TIMEOUT_MS = 5_000;

interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

/** `extensions.cost` as Shopify sends it on every answer (see shopify.dev "GraphQL Admin API rate limits"). */
interface QueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: { maximumAvailable?: number; currentlyAvailable?: number; restoreRate?: number };
}

interface GraphqlBody<T> {
  data?: T | null;
  errors?: GraphqlError[] | string;
  extensions?: { cost?: QueryCost };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How long to wait before the bucket again holds what the query costs: the missing points over
 * the restore rate (points per second). Without cost data: exponential backoff from half a second.
 */
export function throttleWaitMs(cost: QueryCost | undefined, attempt: number): number {
  const status = cost?.throttleStatus;
  const fallback = 500 * 2 ** (attempt - 1);
  let wait = fallback;
  if (status && typeof status.restoreRate === "number" && status.restoreRate > 0) {
    const missing = Math.max(0, (cost?.requestedQueryCost ?? 0) - (status.currentlyAvailable ?? 0));
    wait = Math.ceil((missing / status.restoreRate) * 1000);
  }
  return Math.min(ADMIN_GRAPHQL_MAX_WAIT_MS, Math.max(1, wait));
}

/**
 * Runs one Admin GraphQL operation for a shop and returns its `data`. `purpose` completes the
 * sentence "Shopify could not be reached to <purpose>", e.g. "read the customer's profile".
 */
export async function adminGraphql<T>(
  access: AdminAccess,
  query: string,
  options: { purpose: string; variables?: Record<string, unknown> },
): Promise<T> {
  const { purpose, variables } = options;
  if (!access.accessToken) {
    throw new DomainError(
      "shopify_access_denied",
      `The app has no access to ${access.shopDomain} to ${purpose}. Open the app from Shopify admin again.`,
      {
        shop: access.shopDomain,
      },
    );
  }
  const url = `${adminOrigin(access.shopDomain)}/admin/api/${apiVersion}/graphql.json`;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json", "X-Shopify-Access-Token": access.accessToken },
        body: JSON.stringify(variables ? { query, variables } : { query }),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch {
      throw new DomainError("shopify_unreachable", `Shopify could not be reached to ${purpose}. Try again in a moment.`, {
        shop: access.shopDomain,
      });
    }
    const body = (await response.json().catch(() => ({}))) as GraphqlBody<T>;
    const errors = Array.isArray(body.errors) ? body.errors : [];
    const throttled = response.status === 429 || errors.some((error) => error.extensions?.code === "THROTTLED");
    if (throttled) {
      if (attempt >= ADMIN_GRAPHQL_ATTEMPTS) {
        throw new DomainError(
          "shopify_throttled",
          `Shopify is limiting this store's API requests right now, so the app could not ${purpose}. Try again in a minute.`,
          { shop: access.shopDomain, attempts: attempt },
        );
      }
      const retryAfter = Number(response.headers.get("Retry-After"));
      const wait =
        response.status === 429 && retryAfter > 0
          ? Math.min(ADMIN_GRAPHQL_MAX_WAIT_MS, retryAfter * 1000)
          : throttleWaitMs(body.extensions?.cost, attempt);
      await sleep(wait);
      continue;
    }
    if (response.status === 401 || response.status === 403 || errors.some((error) => error.extensions?.code === "ACCESS_DENIED")) {
      throw new DomainError(
        "shopify_access_denied",
        `Shopify refused the app's access to ${access.shopDomain} to ${purpose}. The app may need to be opened from Shopify admin again to approve its permissions.`,
        { shop: access.shopDomain, status: response.status },
      );
    }
    if (!response.ok || errors.length > 0 || typeof body.errors === "string" || body.data == null) {
      const said =
        errors.map((error) => error.message).join("; ") || (typeof body.errors === "string" ? body.errors : `HTTP ${response.status}`);
      throw new DomainError("shopify_request_failed", `Shopify did not answer the request to ${purpose}: ${said}. Try again in a moment.`, {
        shop: access.shopDomain,
        status: response.status,
      });
    }
    return body.data;
  }
}
