// Settings → "Risk signals": the review level (a score from 1 to 100) and the coupon sites, one per
// line or comma-separated: a host ("retailmenot.com", subdomains included) or a bare word ("honey").
export const COUPON_SITES_MAX = 100;
const SITE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

export type RiskSettingsResult =
  { ok: true; riskReviewScore: number; couponSites: string[] } | { ok: false; fieldErrors: Record<string, string> };

/** A site as typed ("https://www.RetailMeNot.com/") → "retailmenot.com"; null when it is not a host or word. */
export function normaliseCouponSite(input: string): string | null {
  const site = input
    .trim()
    .toLowerCase()
    .replace(/^[a-z][a-z0-9+.-]*:\/\//, "")
    .replace(/[/?#].*$/, "")
    .replace(/^www\./, "");
  return site.length <= 253 && SITE.test(site) ? site : null;
}

export function parseRiskSettings(form: { riskReviewScore?: unknown; couponSites?: unknown }): RiskSettingsResult {
  const fieldErrors: Record<string, string> = {};
  const scoreText = String(form.riskReviewScore ?? "").trim();
  const score = /^\d{1,3}$/.test(scoreText) ? Number(scoreText) : NaN;
  if (!(score >= 1 && score <= 100)) fieldErrors.riskReviewScore = "Enter a whole score from 1 to 100, e.g. 50.";
  const entries = String(form.couponSites ?? "")
    .split(/[\n,]/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
  const sites: string[] = [];
  const wrong: string[] = [];
  for (const entry of entries) {
    const site = normaliseCouponSite(entry);
    if (site === null) wrong.push(entry.slice(0, 40));
    else if (!sites.includes(site)) sites.push(site);
  }
  if (wrong.length > 0)
    fieldErrors.couponSites = `Not a site name: ${wrong.slice(0, 3).join(", ")}. Write one host per line, e.g. retailmenot.com.`;
  else if (sites.length > COUPON_SITES_MAX) fieldErrors.couponSites = `List at most ${COUPON_SITES_MAX} coupon sites.`;
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, riskReviewScore: score, couponSites: sites };
}
