// The theme app extension (extensions/creator-portal): Shopify's theme-check, the Liquid blocks
// rendered with sample settings and locales, and the names it shares with the app.
import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CREATOR_REF_ATTRIBUTE } from "~/domain/commission/shopify-order";
import { EXTENSION_DIR, blockSchema, extensionFile, renderBlock } from "./support/storefront-liquid";

const PORTAL_BLOCK = "blocks/creator-portal.liquid";
const REFERRAL_EMBED = "blocks/referral-tracking.liquid";
const AVA = { id: 7001, email: "ava@example.com" };

function attributeOf(html: string, marker: string, attribute: string): string | undefined {
  const tag = html.match(new RegExp(`<[a-z]+[^>]*\\s${marker}[\\s>][^>]*>`))?.[0];
  return tag?.match(new RegExp(`\\s${attribute}="([^"]*)"`))?.[1];
}

function appProxyPathFromAppToml(): string {
  const toml = readFileSync(path.resolve(EXTENSION_DIR, "../../shopify.app.toml"), "utf8");
  const section = toml.split("[app_proxy]")[1]?.split(/\n\[/)[0] ?? "";
  const prefix = section.match(/prefix\s*=\s*"([^"]+)"/)?.[1];
  const subpath = section.match(/subpath\s*=\s*"([^"]+)"/)?.[1];
  if (!prefix || !subpath) throw new Error("shopify.app.toml has no [app_proxy] prefix and subpath");
  return `/${prefix}/${subpath}`;
}

describe("theme-check", () => {
  // Offline and repeatable: point the docs updater at a missing local copy so it falls back to
  // the Liquid docs bundled with the package instead of downloading the latest ones.
  const previousDocsRoot = process.env.SHOPIFY_TLD_ROOT;
  beforeAll(() => {
    process.env.SHOPIFY_TLD_ROOT = path.join(EXTENSION_DIR, ".no-theme-liquid-docs");
  });
  afterAll(() => {
    if (previousDocsRoot === undefined) delete process.env.SHOPIFY_TLD_ROOT;
    else process.env.SHOPIFY_TLD_ROOT = previousDocsRoot;
  });

  it("finds no offenses with the theme app extension checks", async () => {
    const { themeCheckRun } = await import("@shopify/theme-check-node");
    const run = await themeCheckRun(EXTENSION_DIR);
    expect(run.config.context).toBe("app");
    expect(run.theme.map((file) => path.basename(file.uri)).sort()).toEqual(
      expect.arrayContaining(["creator-portal.liquid", "referral-tracking.liquid", "en.default.json", "fr.json"]),
    );
    const offenses = run.offenses.map(
      (offense) => `${offense.check} (severity ${offense.severity}) ${path.basename(offense.uri)}: ${offense.message}`,
    );
    expect(offenses).toEqual([]);
  });
});

describe("names shared with the app", () => {
  it("the referral embed writes the cart attribute the commission engine reads", async () => {
    const html = await renderBlock(REFERRAL_EMBED);
    expect(attributeOf(html, "data-creator-referral", "data-cart-attribute")).toBe(CREATOR_REF_ATTRIBUTE);
    // The script takes the name from the embed, so it is written in one place only.
    expect(extensionFile("assets/referral-tracking.js")).not.toContain(CREATOR_REF_ATTRIBUTE);
  });

  it("both blocks call the app proxy declared in shopify.app.toml", async () => {
    const proxyPath = appProxyPathFromAppToml();
    const embed = await renderBlock(REFERRAL_EMBED);
    expect(attributeOf(embed, "data-creator-referral", "data-clicks-url")).toBe(`${proxyPath}/clicks`);
    const portal = await renderBlock(PORTAL_BLOCK, { customer: AVA });
    expect(attributeOf(portal, "data-creator-portal", "data-portal-url")).toMatch(new RegExp(`^${proxyPath}/portal\\?`));
  });

  it("the storefront locales translate the same keys", () => {
    const keys = (file: string) => {
      const flatten = (node: unknown, prefix = ""): string[] =>
        node && typeof node === "object"
          ? Object.entries(node).flatMap(([key, value]) => flatten(value, prefix ? `${prefix}.${key}` : key))
          : [prefix];
      return flatten(JSON.parse(extensionFile(file))).sort();
    };
    expect(keys("locales/fr.json")).toEqual(keys("locales/en.default.json"));
    expect(keys("locales/fr.schema.json")).toEqual(keys("locales/en.default.schema.json"));
  });
});

describe("Referral tracking embed", () => {
  it("is an app embed for the page body with a 30-day default attribution window", () => {
    const schema = blockSchema(REFERRAL_EMBED);
    expect(schema.target).toBe("body");
    expect(schema.settings.find((setting) => setting.id === "attribution_window_days")?.default).toBe(30);
  });

  it("renders one deferred script carrying the shop's settings", async () => {
    const html = await renderBlock(REFERRAL_EMBED, { locale: "fr", settings: { attribution_window_days: 14 } });
    expect(html.match(/<script/g)).toHaveLength(1);
    const tag = html.match(/<script[^>]*>/)![0];
    expect(tag).toMatch(/\ssrc="\/assets\/referral-tracking\.js"/);
    expect(tag).toMatch(/\sdefer[\s>]/);
    expect(attributeOf(html, "data-creator-referral", "data-attribution-window-days")).toBe("14");
    expect(attributeOf(html, "data-creator-referral", "data-cart-url")).toBe("/fr/cart");
  });
});

describe("Creator portal block", () => {
  it("is an app block for pages that brings its own script and stylesheet", () => {
    const schema = blockSchema(PORTAL_BLOCK);
    expect(schema.target).toBe("section");
    expect(schema.javascript).toBe("creator-portal.js");
    expect(schema.stylesheet).toBe("creator-portal.css");
    expect(schema.settings.map((setting) => setting.id).filter(Boolean)).toEqual(["heading", "show_balances", "accent_color"]);
  });

  it("gives a logged-in customer a labelled region that loads the portal, with a live status and a retry", async () => {
    const html = await renderBlock(PORTAL_BLOCK, { customer: AVA, blockId: "B1" });
    expect(html).toMatch(/<section[^>]*\saria-labelledby="CreatorPortalHeading-B1"/);
    expect(html).toMatch(/<h2[^>]*\sid="CreatorPortalHeading-B1"[^>]*>Creator portal<\/h2>/);
    expect(attributeOf(html, "data-creator-portal", "data-portal-url")).toBe(
      "/apps/creator-payouts/portal?locale=en&amp;show_balances=true",
    );
    expect(attributeOf(html, "data-creator-portal", "data-loading-text")).toBe("Loading your creator portal…");
    expect(attributeOf(html, "data-creator-portal", "data-error-text")).toBe(
      "We couldn&#39;t load your creator portal. Check your connection and try again.",
    );
    expect(html).toMatch(/<p[^>]*role="status"[^>]*data-creator-portal-status/);
    expect(html).toMatch(/<button type="button"[^>]*data-creator-portal-retry hidden>Try again<\/button>/);
    expect(html).toMatch(/<noscript>\s*<p[^>]*>Turn on JavaScript in your browser to see your creator portal\.<\/p>/);
    expect(html).not.toContain("style=");
  });

  it("uses the merchant's heading (escaped), hides balances and sets the accent when asked", async () => {
    const html = await renderBlock(PORTAL_BLOCK, {
      customer: AVA,
      settings: { heading: "Ava & friends <3", show_balances: false, accent_color: "#7a3e9d" },
    });
    expect(html).toContain(">Ava &amp; friends &lt;3</h2>");
    expect(attributeOf(html, "data-creator-portal", "data-portal-url")).toContain("show_balances=false");
    expect(html).toMatch(/<section[^>]*\sstyle="--creator-portal-accent: #7a3e9d;"/);
  });

  it("speaks the customer's language", async () => {
    const html = await renderBlock(PORTAL_BLOCK, { customer: AVA, locale: "fr" });
    expect(html).toContain(">Espace créateur</h2>");
    expect(attributeOf(html, "data-creator-portal", "data-portal-url")).toBe(
      "/apps/creator-payouts/portal?locale=fr&amp;show_balances=true",
    );
    expect(html).toContain(">Réessayer</button>");
  });

  it("asks a visitor who is not logged in to log in, without calling the app", async () => {
    const html = await renderBlock(PORTAL_BLOCK, { customer: null, locale: "fr" });
    expect(html).not.toContain("data-creator-portal");
    expect(html).toContain("Connectez-vous avec l'adresse e-mail");
    expect(html).toMatch(/<a class="creator-portal__button" href="\/fr\/account\/login">Se connecter<\/a>/);
  });
});

describe("storefront asset budget", () => {
  it("keeps the referral script under 10 KB, as Shopify asks of app embed scripts", () => {
    expect(statSync(path.join(EXTENSION_DIR, "assets/referral-tracking.js")).size).toBeLessThan(10_000);
  });
});
