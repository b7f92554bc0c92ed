// Sealed secrets in the database: bound to their row (a copy elsewhere does not open, and the
// pages that show it say so instead of failing), and re-sealed under the newest key by
// `npm run keys:reseal` so an old key can be removed.
import { spawnSync } from "node:child_process";
import { createCipheriv, randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPayoutDetails } from "~/creators/payout-details.server";
import { db } from "~/db.server";
import { createDocumentsFixture } from "../support/documents.testkit";
import { readInvoiceDocument, UNREADABLE_TAX_ID } from "~/documents/read-invoice.server";
import { resealSecrets } from "~/lib/reseal-secrets.server";
import { creatorTaxIdField, SEALED_COLUMNS, shopSecretField } from "~/lib/sealed-columns.server";
import { open, seal } from "~/lib/secret-box.server";
import { createCreator, createShop } from "../support/factories";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";
import { useTestDatabase } from "../support/test-database";

const savedKeys = process.env.ENCRYPTION_KEYS;
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const K1 = `k1:${k1.toString("base64")}`;
const K2 = `k2:${k2.toString("base64")}`;

/** A value in the first format (bound to the shop only), as rows written before v2 hold them. */
function sealV1(plaintext: string, shopId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", k1, iv);
  cipher.setAAD(Buffer.from(shopId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return ["v1", "k1", iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
  if (savedKeys === undefined) delete process.env.ENCRYPTION_KEYS;
  else process.env.ENCRYPTION_KEYS = savedKeys;
});

describe("a sealed value copied to another creator's row", () => {
  it("does not open there, and the bank files and the invoice say so instead of failing", async () => {
    const { shop, creators, payouts } = await createDocumentsFixture();
    await installShopSession(shop.domain);
    const ava = await db().creator.findUniqueOrThrow({ where: { id: creators.ava.id } });
    // Someone with write access to the database gives Zoë Ava's PayPal address and tax id.
    await db().creator.update({
      where: { id: creators.zoe.id },
      data: { payoutMethod: "paypal", payoutDetailsCiphertext: ava.payoutDetailsCiphertext, taxIdCiphertext: ava.taxIdCiphertext },
    });
    const zoe = await db().creator.findUniqueOrThrow({ where: { id: creators.zoe.id } });
    expect(() => openPayoutDetails(zoe)).toThrow(/Creator\.payoutDetailsCiphertext of cr_\w+ does not open: .*copied from another row/);

    const csv = await adminFetch(app.url, shop.domain, `/app/exports/paypal-payouts.csv?preview=1&payoutId=${payouts.zoeUsd.payoutId}`);
    expect(csv.status).toBe(200);
    const preview = await csv.json();
    expect(preview.payments).toEqual([]);
    expect(preview.skipped).toEqual([
      expect.objectContaining({ payoutId: payouts.zoeUsd.payoutId, reason: "The creator's payout details could not be read." }),
    ]);

    const invoice = await readInvoiceDocument(shop, payouts.zoeEur.payoutId);
    expect(invoice.creator.taxId).toBe(UNREADABLE_TAX_ID);
    const pdf = await adminFetch(app.url, shop.domain, `/app/payouts/${payouts.zoeEur.payoutId}/invoice.pdf`);
    expect(pdf.status).toBe(200);
    // Ava's own row still opens.
    expect(openPayoutDetails(ava)).toEqual({ method: "paypal", paypalEmail: "ava.paypal@creators.test" });
  });
});

describe("npm run keys:reseal", () => {
  it("moves every sealed column to the newest key, so the old key can be removed and everything still opens", async () => {
    const databaseUrl = await useTestDatabase();
    process.env.ENCRYPTION_KEYS = K1;
    const shop = await createShop();
    await db().shop.update({
      where: { id: shop.id },
      data: {
        stripeSecretKeyCiphertext: seal("sk_test_reseal", shopSecretField(shop.id, "stripeSecretKeyCiphertext")),
        stripePlatformWebhookSecretCiphertext: seal("whsec_platform", shopSecretField(shop.id, "stripePlatformWebhookSecretCiphertext")),
        stripeConnectWebhookSecretCiphertext: seal("whsec_connect", shopSecretField(shop.id, "stripeConnectWebhookSecretCiphertext")),
      },
    });
    const creators = [];
    for (let i = 0; i < 5; i += 1) {
      const creator = await createCreator(shop.id, `Creator ${i}`);
      // Two of them hold values in the old, shop-bound format.
      const taxId = i < 2 ? sealV1(`TAX-${i}`, shop.id) : seal(`TAX-${i}`, creatorTaxIdField(creator));
      await db().creator.update({ where: { id: creator.id }, data: { taxIdCiphertext: taxId } });
      creators.push(creator);
    }

    // As `npm run keys:reseal` runs it.
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/reseal-keys.ts"], {
      env: { ...process.env, DATABASE_URL: databaseUrl, ENCRYPTION_KEYS: `${K2},${K1}` },
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('Re-sealing under key "k2":');
    expect(run.stdout).toContain("Shop.stripeSecretKeyCiphertext: 1 re-sealed, 0 already current, 0 unreadable");
    expect(run.stdout).toContain("Creator.taxIdCiphertext: 5 re-sealed, 0 already current, 0 unreadable");

    // Only the new key now: everything opens, in the current format.
    process.env.ENCRYPTION_KEYS = K2;
    const stored = await db().shop.findUniqueOrThrow({ where: { id: shop.id } });
    expect(open(stored.stripeSecretKeyCiphertext!, shopSecretField(shop.id, "stripeSecretKeyCiphertext"))).toBe("sk_test_reseal");
    expect(open(stored.stripeConnectWebhookSecretCiphertext!, shopSecretField(shop.id, "stripeConnectWebhookSecretCiphertext"))).toBe(
      "whsec_connect",
    );
    for (const [i, creator] of creators.entries()) {
      const row = await db().creator.findUniqueOrThrow({ where: { id: creator.id } });
      expect(row.taxIdCiphertext!.startsWith("v2.k2.")).toBe(true);
      expect(open(row.taxIdCiphertext!, creatorTaxIdField(creator))).toBe(`TAX-${i}`);
    }

    // Again, in small batches: nothing left to do.
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
    try {
      const again = await resealSecrets(pool, { batchSize: 2 });
      expect(again.map((c) => c.resealed)).toEqual(SEALED_COLUMNS.map(() => 0));
      expect(again.find((c) => c.column === "taxIdCiphertext")).toMatchObject({ alreadyCurrent: 5, unreadable: [] });
    } finally {
      await pool.end();
    }
  });
});
