// Append-only in the database's own permissions: the app runs as a role that may read and append
// to the ledger and the audit trail, never edit or erase them, and a shop's data is deleted only
// by the SECURITY DEFINER function redact_shop() for a shop/redact that is not stale.
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { postAdjustment } from "~/domain/ledger";
import { recordShopInstalled } from "~/shops/record-shop-installed.server";
import { APP_LOGIN_ROLE } from "../../scripts/database-roles";
import { startFakeShopifyAdmin } from "../support/fake-shopify-admin";
import { drainJobs } from "../support/jobs";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { startTestApp, type TestApp } from "../support/test-app";
import { ownerDatabaseUrl } from "../support/test-database";
import { createCreator, createShop, postDraft } from "../support/factories";

/** The session setting that opened the append-only guard before the runtime role existed. */
const OLD_REDACTION_FLAG = "SELECT set_config('creator_payouts.redacting', 'on', true)";
const APPEND_ONLY_TABLES = ["LedgerEntry", "LedgerTransaction", "AuditEvent"] as const;

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A shop with a creator and one posted adjustment: ledger and audit rows to protect. */
async function shopWithLedger(): Promise<Shop> {
  const shop = await createShop();
  const creator = await createCreator(shop.id, "Ava Ames", { status: "invited" });
  await postDraft(shop.id, postAdjustment({ creatorId: creator.id, currency: "USD", amountMinor: 2500 }), {
    idempotencyKey: "adjustment:adj_1",
  });
  return shop;
}

async function heldRows(shopId: string) {
  const [auditEvents, transactions, entries, creators] = await Promise.all([
    db().auditEvent.count({ where: { shopId } }),
    db().ledgerTransaction.count({ where: { shopId } }),
    db().ledgerEntry.count({ where: { shopId } }),
    db().creator.count({ where: { shopId } }),
  ]);
  return { auditEvents, transactions, entries, creators };
}

async function deliver(shop: Shop, topic: string, payload: unknown) {
  const webhookId = randomUUID();
  const response = await sendShopifyWebhook(app.url, { topic, shop: shop.domain, body: JSON.stringify(payload), webhookId });
  expect(response.status).toBe(200);
  return webhookId;
}

describe("the app's database role", () => {
  it("is the runtime login role, not the owner, for every connection the app opens", async () => {
    // A request that makes the app write (the delivery is recorded).
    const response = await sendShopifyWebhook(app.url, { topic: "orders/create", shop: `${randomUUID()}.myshopify.com`, body: "{}" });
    expect(response.status).toBe(200);
    expect(await db().$queryRaw`SELECT current_user::text AS "user"`).toEqual([{ user: APP_LOGIN_ROLE }]);
    const sessions = await withClient(ownerDatabaseUrl(), (owner) =>
      owner.query<{ usename: string }>(
        `SELECT DISTINCT usename FROM pg_stat_activity
          WHERE datname = current_database() AND backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      ),
    );
    expect(sessions.rows.map((row) => row.usename)).toEqual([APP_LOGIN_ROLE]);
  });

  it("may not UPDATE, DELETE or TRUNCATE ledger and audit rows, and the old redaction flag does not help", async () => {
    const shop = await shopWithLedger();
    const before = await heldRows(shop.id);
    await withClient(process.env.DATABASE_URL!, async (runtime) => {
      for (const table of APPEND_ONLY_TABLES) {
        for (const statement of [
          `UPDATE "${table}" SET "shopId" = "shopId" WHERE "shopId" = '${shop.id}'`,
          `DELETE FROM "${table}" WHERE "shopId" = '${shop.id}'`,
          `TRUNCATE "${table}" CASCADE`,
        ]) {
          for (const withFlag of [false, true]) {
            await runtime.query("BEGIN");
            if (withFlag) await runtime.query(OLD_REDACTION_FLAG);
            const refusal = await runtime.query(statement).then(
              () => null,
              (error: { code?: string; message?: string }) => error,
            );
            await runtime.query("ROLLBACK");
            expect(refusal, `${statement}${withFlag ? " with the flag" : ""}`).toMatchObject({
              code: "42501",
              message: `permission denied for table ${table}`,
            });
          }
        }
        // Reading and appending are what the app does.
        await runtime.query(`SELECT count(*) FROM "${table}"`);
      }
    });
    expect(await heldRows(shop.id)).toEqual(before);
  });
});

describe("shop/redact over HTTP", () => {
  it("deletes the shop's data, ledger and audit rows included, through redact_shop()", async () => {
    const shop = await shopWithLedger();
    await deliver(shop, "app/uninstalled", {});
    const webhookId = await deliver(shop, "shop/redact", { shop_domain: shop.domain, shop_id: 1 });
    await drainJobs();

    expect(await db().shop.findUnique({ where: { id: shop.id } })).toBeNull();
    expect(await heldRows(shop.id)).toEqual({ auditEvents: 0, transactions: 0, entries: 0, creators: 0 });
    expect(await db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } })).toMatchObject({
      status: "processed",
      reason: "shop data deleted",
      shopId: null,
    });
  });

  it("a shop/redact received before the shop reinstalled is rejected and deletes nothing", async () => {
    const shop = await shopWithLedger();
    await deliver(shop, "app/uninstalled", {});
    const webhookId = await deliver(shop, "shop/redact", { shop_domain: shop.domain, shop_id: 1 });

    // The merchant reinstalls before the queue reaches the request (the afterAuth path).
    const admin = await startFakeShopifyAdmin({
      accessToken: "shpat_reinstalled",
      shop: { name: "Trail Co", currencyCode: "USD", ianaTimezone: "UTC" },
    });
    process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
    try {
      await recordShopInstalled(shop.domain, { shopDomain: shop.domain, accessToken: "shpat_reinstalled" });
    } finally {
      delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
      await admin.close();
    }
    const before = await heldRows(shop.id);
    expect(before).toMatchObject({ entries: 2, creators: 1 });
    await drainJobs();

    expect(await db().shop.findUniqueOrThrow({ where: { id: shop.id } })).toMatchObject({ installState: "installed" });
    expect(await heldRows(shop.id)).toEqual(before);
    expect(await db().inboundEvent.findFirstOrThrow({ where: { deliveryId: webhookId } })).toMatchObject({
      status: "rejected",
      reason: expect.stringMatching(/reinstalled the app after this request was received: nothing deleted/),
      shopId: shop.id,
    });
  });
});
