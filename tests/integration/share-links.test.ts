// Shareable links over HTTP (issue #14 item 2): the creator portal's link builder through the
// signed app proxy (one link per discount code, or a plain referral link, each with a QR code;
// paths off the store refused with a sentence, in English and French), and the deal page's card
// as the embedded admin loads it.
import { describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { buildShareLink } from "~/domain/share-link";
import { proxyFetch } from "../support/app-proxy";
import { createCreator, createInstalledShop } from "../support/factories";
import { adminFetch } from "../support/shopify-session";
import { useTestApp } from "../support/test-app";

const app = useTestApp();
let customerSeq = 8_700_000;

async function creatorWithCodes(codes: string[]) {
  const shop = await createInstalledShop();
  const customerId = String(customerSeq++);
  const creator = await createCreator(shop.id, "Nora Quinn", { shopifyCustomerId: customerId, referralCode: `NORA${customerSeq}` });
  for (const code of codes) await db().discountCode.create({ data: { shopId: shop.id, creatorId: creator.id, code } });
  const portal = async (query: string) => {
    const response = await proxyFetch(app.url, `/portal?locale=${query}`, { shop: shop.domain, customerId });
    return { status: response.status, html: await response.text() };
  };
  return { shop, creator, portal };
}

/** Text as the portal's escaping template writes it into HTML. */
const escaped = (text: string) => text.replace(/&/g, "&amp;");
const qrLinks = (html: string) => [...html.matchAll(/data-share-link-qr="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"));

describe("portal link builder", () => {
  it("makes one link per discount code to the typed product, each with Copy and a QR code", async () => {
    const { shop, creator, portal } = await creatorWithCodes(["NORA15", "NORA20"]);
    const { status, html } = await portal(`en&link_path=${encodeURIComponent("/products/trail-shoe")}`);

    expect(status).toBe(200);
    const expected = ["NORA15", "NORA20"].map((code) =>
      buildShareLink({
        shopDomain: shop.domain,
        referralCode: creator.referralCode,
        target: { kind: "product", handle: "trail-shoe" },
        discountCode: code,
      }),
    );
    expect(expected[0]).toBe(
      `https://${shop.domain}/discount/NORA15?redirect=%2Fproducts%2Ftrail-shoe%3Fref%3D${creator.referralCode}&ref=${creator.referralCode}`,
    );
    expect(qrLinks(html)).toEqual(expected);
    for (const [i, link] of expected.entries()) {
      expect(html).toContain(`id="cp-link-${i}" type="text" readonly value="${escaped(link)}"`);
      expect(html).toContain(`data-portal-copy="cp-link-${i}"`);
    }
    expect(html).toContain("Links to /products/trail-shoe");
    expect(html).toContain('alt="QR code: Link with NORA15"');
    expect(html).toMatch(/<a class="creator-portal__link" href="data:image\/svg\+xml;charset=utf-8,%3Csvg[^"]+" download="qr-1\.svg">/);
  });

  it("makes a plain referral link when the creator has no discount code", async () => {
    const { shop, creator, portal } = await creatorWithCodes([]);
    const { html } = await portal(`en&link_path=${encodeURIComponent("/collections/summer")}`);
    expect(qrLinks(html)).toEqual([`https://${shop.domain}/collections/summer?ref=${creator.referralCode}`]);
    expect(html).toContain("Referral link");
  });

  it("shows only the form, with / suggested, until the creator asks", async () => {
    const { portal } = await creatorWithCodes(["NORA15"]);
    const { html } = await portal("en");
    expect(html).toContain('data-portal-get="cp-links-result"');
    expect(html).toMatch(/name="link_path"[^>]*list="cp-link-paths"|list="cp-link-paths"[^>]*/);
    expect(html).toContain('<option value="/collections/all">All products</option>');
    expect(qrLinks(html)).toEqual([]);
  });

  it.each([
    ["https://evil.example/products/x", "Enter only the path on the store (it starts with /), not a full address."],
    ["//evil.example/products/x", "Enter only the path on the store (it starts with /), not a full address."],
    ["/cart", "A link can open the home page (/), a product (/products/…), a collection (/collections/…) or a page (/pages/…)."],
    [
      "/products/x?ref=SOMEONE",
      "A link can open the home page (/), a product (/products/…), a collection (/collections/…) or a page (/pages/…).",
    ],
    ["/products/%2F%2Fevil.example", "That address has characters a store page cannot have."],
  ])("refuses %j with a sentence tied to the field, and builds nothing", async (path, sentence) => {
    const { portal } = await creatorWithCodes(["NORA15"]);
    const { status, html } = await portal(`en&link_path=${encodeURIComponent(path)}`);
    expect(status).toBe(200);
    expect(html).toContain(sentence);
    expect(html).toMatch(
      /id="cp-links-link_path"[^>]*aria-describedby="cp-links-link_path-hint cp-links-link_path-error"[^>]*aria-invalid="true"/,
    );
    expect(qrLinks(html)).toEqual([]);
    expect(html).not.toContain("/discount/");
  });

  it("speaks French in French", async () => {
    const { portal } = await creatorWithCodes(["NORA15"]);
    const ok = await portal(`fr&link_path=${encodeURIComponent("/pages/a-propos")}`);
    expect(ok.html).toContain("Lien avec NORA15");
    expect(ok.html).toContain("Télécharger le code QR (SVG)");
    const refused = await portal(`fr&link_path=${encodeURIComponent("https://evil.example")}`);
    expect(refused.html).toContain("Saisissez seulement le chemin dans la boutique (il commence par /), pas une adresse complète.");
  });
});

describe("deal page link card", () => {
  it("renders a home-page link per code that is not deleted in Shopify, with its QR code", async () => {
    const { shop, creator } = await creatorWithCodes(["NORA15"]);
    await db().discountCode.create({ data: { shopId: shop.id, creatorId: creator.id, code: "GONE10", shopifyState: "deleted" } });
    const response = await adminFetch(app.url, shop.domain, `/app/creators/${creator.id}`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain("Shareable links");
    const link = buildShareLink({
      shopDomain: shop.domain,
      referralCode: creator.referralCode,
      target: { kind: "home" },
      discountCode: "NORA15",
    });
    expect(qrLinks(html)).toEqual([link]);
    expect(html).toContain('alt="QR code for the link with NORA15"');
  });
});
