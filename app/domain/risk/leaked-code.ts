// Leaked code: the buyer came from a coupon site (the order's referring_site, or the landing page's
// address or utm_source), so the creator's code is circulating where the creator did not bring the sale.
import type { RiskSignal } from "./risk-signal";

export interface LeakedCodeInput {
  referringSite?: string | null;
  landingSite?: string | null;
  /** The shop's list (Settings): host names such as "retailmenot.com", or a bare word such as "honey". */
  couponSites: readonly string[];
}

function hostOf(site: string): string | null {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(site) ? site : `https://${site.replace(/^\/+/, "")}`);
    return url.hostname.toLowerCase();
  } catch {
    return null;
  }
}

/** Hosts and utm_source values the order names. */
function originsOf(referringSite: string | null | undefined, landingSite: string | null | undefined): string[] {
  const origins: string[] = [];
  if (referringSite?.trim()) {
    const host = hostOf(referringSite.trim());
    if (host) origins.push(host);
  }
  const landing = landingSite?.trim();
  if (landing) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(landing)) {
      const host = hostOf(landing);
      if (host) origins.push(host);
    }
    const query = landing.includes("?") ? landing.slice(landing.indexOf("?") + 1) : "";
    const source = new URLSearchParams(query.split("#")[0]).get("utm_source");
    if (source) origins.push(source.trim().toLowerCase());
  }
  return origins;
}

/** "retailmenot.com" matches that host, its subdomains and utm_source=retailmenot; a bare word ("honey") matches a host label or a utm_source. */
function matches(origin: string, site: string): boolean {
  const wanted = site
    .trim()
    .toLowerCase()
    .replace(/^www\./, "");
  if (!wanted) return false;
  // A utm_source is a word ("retailmenot"): it names the site by its first label.
  if (!origin.includes(".")) return origin === wanted.split(".")[0];
  if (wanted.includes(".")) return origin === wanted || origin.endsWith(`.${wanted}`);
  return origin === wanted || origin.split(".").some((label) => label === wanted);
}

export function leakedCodeSignal({ referringSite, landingSite, couponSites }: LeakedCodeInput): RiskSignal | null {
  for (const origin of originsOf(referringSite, landingSite)) {
    const site = couponSites.find((s) => matches(origin, s));
    if (site) return { code: "leaked_code", score: 60, sentence: `The buyer came from a coupon site (${site.trim().toLowerCase()}).` };
  }
  return null;
}
