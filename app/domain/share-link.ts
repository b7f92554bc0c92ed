// Shareable links (issue #14 item 2): a link that applies a creator's discount code and carries
// their referral code, `https://<shop>/discount/<CODE>?redirect=<path>&ref=<REF>`, or a plain
// referral link `https://<shop><path>?ref=<REF>` for a creator without a code.
//
// Shopify's /discount/<CODE> endpoint stores the code and redirects to `redirect`, a path on the
// store. The app accepts only the store's own kinds of page there (home, product, collection,
// page), so a link can never send a buyer off the store (no open redirect). The referral code is
// written twice: as `ref` on the link (the documented format) and inside `redirect`, so the page
// the buyer lands on carries `?ref=` even if Shopify's redirect drops the link's other
// parameters. The theme app embed reads `ref` on that page and puts it on the cart; the order
// then names the creator even when the buyer removes the code at checkout.

/** A page of the store a link may land on. */
export type LinkTarget = { kind: "home" } | { kind: "product" | "collection" | "page"; handle: string };

export type LinkTargetKind = LinkTarget["kind"];

/** Why a typed path was refused (callers word it in their language). */
export type StorePathProblem = "empty" | "full_url" | "not_a_store_path" | "bad_handle";

export type ParsedStorePath = { ok: true; target: LinkTarget } | { ok: false; problem: StorePathProblem };

const FOLDER: Record<Exclude<LinkTargetKind, "home">, string> = {
  product: "products",
  collection: "collections",
  page: "pages",
};
const KIND_OF_FOLDER = new Map(Object.entries(FOLDER).map(([kind, folder]) => [folder, kind as Exclude<LinkTargetKind, "home">]));

/** Shopify handles: letters and digits (any script), dashes and underscores; at most 255 characters. */
const HANDLE = /^[\p{L}\p{N}][\p{L}\p{M}\p{N}_-]*$/u;
export const MAX_HANDLE_LENGTH = 255;
/** As the theme app embed reads `ref` (extensions/creator-portal/assets/referral-tracking.js). */
const REFERRAL_CODE = /^[A-Z0-9_-]{2,40}$/;
const SHOP_DOMAIN = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
export const MAX_DISCOUNT_CODE_LENGTH = 255;

export function isValidHandle(handle: string): boolean {
  return handle.length > 0 && handle.length <= MAX_HANDLE_LENGTH && HANDLE.test(handle);
}

/** The store-relative path of a target: "/", "/products/<handle>", … (handle percent-encoded). */
export function targetPath(target: LinkTarget): string {
  if (target.kind === "home") return "/";
  if (!isValidHandle(target.handle)) throw new RangeError(`Not a Shopify handle: ${JSON.stringify(target.handle)}`);
  return `/${FOLDER[target.kind]}/${encodeURIComponent(target.handle)}`;
}

/**
 * Reads a path typed by a merchant or creator: "/", "/products/<handle>", "/collections/<handle>"
 * or "/pages/<handle>" (a trailing slash and a percent-encoded handle are fine). Anything else —
 * a full URL, another host, a query, "//evil.example", backslashes — is refused.
 */
export function parseStorePath(input: string): ParsedStorePath {
  const typed = input.trim();
  if (typed === "") return { ok: false, problem: "empty" };
  if (/^[a-z][a-z0-9+.-]*:/i.test(typed) || typed.startsWith("//") || typed.startsWith("\\")) return { ok: false, problem: "full_url" };
  if (typed === "/") return { ok: true, target: { kind: "home" } };
  const match = /^\/([a-z]+)\/([^/?#\\\s]+)\/?$/.exec(typed);
  const kind = match ? KIND_OF_FOLDER.get(match[1]) : undefined;
  if (!match || !kind) return { ok: false, problem: "not_a_store_path" };
  let handle: string;
  try {
    handle = decodeURIComponent(match[2]);
  } catch {
    return { ok: false, problem: "bad_handle" };
  }
  if (!isValidHandle(handle)) return { ok: false, problem: "bad_handle" };
  return { ok: true, target: { kind, handle } };
}

export interface ShareLinkInput {
  /** The shop's storefront host, e.g. "trail-co.myshopify.com". */
  shopDomain: string;
  /** The creator's referral code (upper case, as the embed keeps it). */
  referralCode: string;
  target: LinkTarget;
  /** The discount code the link applies; none gives a plain referral link. */
  discountCode?: string | null;
}

function assertInput(input: ShareLinkInput) {
  if (!SHOP_DOMAIN.test(input.shopDomain)) throw new RangeError(`Not a shop domain: ${JSON.stringify(input.shopDomain)}`);
  if (!REFERRAL_CODE.test(input.referralCode)) throw new RangeError(`Not a referral code: ${JSON.stringify(input.referralCode)}`);
  const code = input.discountCode;
  if (code !== undefined && code !== null && (code.trim() === "" || code.length > MAX_DISCOUNT_CODE_LENGTH)) {
    throw new RangeError("A discount code must have 1 to 255 characters.");
  }
  // "." and ".." are dot segments: a browser resolves /discount/. to /discount/ (percent-encoding
  // does not help: %2E is one too), so such a code cannot travel in the link's path.
  if (code !== undefined && code !== null && isDotSegment(code)) {
    throw new RangeError(
      `The discount code ${JSON.stringify(code)} cannot be put in a link: a code of only "." or ".." is read as a folder.`,
    );
  }
}

function isDotSegment(code: string): boolean {
  return code === "." || code === "..";
}

/** The landing path with the referral code on it: "/products/x?ref=AVA10". */
export function landingPath(target: LinkTarget, referralCode: string): string {
  return `${targetPath(target)}?${new URLSearchParams({ ref: referralCode })}`;
}

/** The link to share (see the file's comment for its shape and why `ref` is there). */
export function buildShareLink(input: ShareLinkInput): string {
  assertInput(input);
  const origin = `https://${input.shopDomain}`;
  const landing = landingPath(input.target, input.referralCode);
  if (!input.discountCode) return `${origin}${landing}`;
  const query = new URLSearchParams({ redirect: landing, ref: input.referralCode });
  return `${origin}/discount/${encodeURIComponent(input.discountCode)}?${query}`;
}

/** What a share link says, read back (tests, and anyone checking a link before sharing it). */
export interface ReadShareLink {
  shopDomain: string;
  discountCode: string | null;
  /** Where the buyer lands, with its query ("/products/x?ref=AVA10"). */
  landing: string;
  referralCode: string | null;
}

export function readShareLink(link: string): ReadShareLink {
  const url = new URL(link);
  const discount = /^\/discount\/([^/]+)$/.exec(url.pathname);
  if (!discount) {
    return { shopDomain: url.host, discountCode: null, landing: `${url.pathname}${url.search}`, referralCode: url.searchParams.get("ref") };
  }
  return {
    shopDomain: url.host,
    discountCode: decodeURIComponent(discount[1]),
    landing: url.searchParams.get("redirect") ?? "/",
    referralCode: url.searchParams.get("ref"),
  };
}
