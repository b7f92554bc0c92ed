// The audit trail a finance team hands to an auditor, over HTTP: a staff member, known to the app
// only through Shopify's online token exchange, marks a payout paid offline; the audit CSV names
// that person, the amount as a plain number with its currency, how the money moved, the payment's
// method, reference and date, the creator's balance after it, and the time in the shop's zone.
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "~/db.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createCreator, createShop, createShopWithTenPercentPlan, givePayable, MIA } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { orderPayload, type OrderSpec } from "../support/shopify-payloads";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { startFakeShopifyAdmin, type FakeShopifyAdmin } from "../support/fake-shopify-admin";
import { adminFetch, DEFAULT_STAFF_USER, installShopSession, type FakeStaffUser } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

const HANA: FakeStaffUser = { id: 9001, first_name: "Hana", last_name: "Sato", email: "hana.sato@tokyo-trail.test" };
const TOKYO = "Asia/Tokyo";

let app: TestApp;
let admin: FakeShopifyAdmin;

beforeAll(async () => {
  admin = await startFakeShopifyAdmin({
    accessToken: "shpat_test_offline_token",
    staff: { [String(HANA.id)]: HANA },
    shop: { name: "Tokyo Trail", currencyCode: "USD", ianaTimezone: TOKYO },
  });
  process.env.SHOPIFY_ADMIN_API_ORIGIN = admin.origin;
  app = await startTestApp();
});
afterAll(async () => {
  delete process.env.SHOPIFY_ADMIN_API_ORIGIN;
  await app?.close();
  await admin?.close();
});

/** RFC 4180: quoted cells may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += char;
  }
  if (cell !== "" || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

async function auditCsv(domain: string): Promise<Record<string, string>[]> {
  const response = await adminFetch(app.url, domain, "/app/exports/audit-log.csv");
  expect(response.status).toBe(200);
  const text = (await response.text()).replace(/^\uFEFF/, "");
  const [header, ...rows] = parseCsv(text);
  // Exactly one header row: no row repeats it (a header per streamed page would).
  expect(rows.filter((row) => row.join(",") === header.join(","))).toEqual([]);
  for (const row of rows) expect(row).toHaveLength(header.length);
  return rows.map((row) => Object.fromEntries(header.map((name, index) => [name, row[index]])));
}

/** The instant as a wall clock in `timeZone`, "YYYY-MM-DD HH:MM:SS" (Sweden's format is ISO-like). */
const wallClock = (instant: Date, timeZone: string) =>
  new Intl.DateTimeFormat("sv-SE", { timeZone, dateStyle: "short", timeStyle: "medium" }).format(instant);

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

async function payoutReadyToPay() {
  const shop = await createShop({ timezone: TOKYO });
  await installShopSession(shop.domain);
  const ava = await createCreator(shop.id, "Ava Ames");
  await givePayable(shop.id, ava.id, { kind: "commission", amountMinor: 123450 });
  const payout = await createPayout({ shopId: shop.id, creatorId: ava.id, currency: "USD", origin: "run", actor: MIA });
  // Earned after the payout was made: the creator's payable balance once it is paid.
  await givePayable(shop.id, ava.id, { kind: "fixed_fee", amountMinor: 76550, text: "Launch video" });
  return { shop, ava, payoutId: payout.payoutId };
}

const postForm = (domain: string, path: string, form: Record<string, string>, staffUserId?: string) =>
  adminFetch(app.url, domain, path, { method: "POST", body: new URLSearchParams(form) }, staffUserId);

describe("audit trail export", () => {
  it("names the staff member who marked a payout paid, with amount, currency, method, reference, date and balance after", async () => {
    const { shop, ava, payoutId } = await payoutReadyToPay();
    const paidOn = new Intl.DateTimeFormat("en-CA", { timeZone: TOKYO }).format(new Date());

    const paid = await postForm(
      shop.domain,
      `/app/payouts/${payoutId}`,
      { intent: "pay_offline", method: "Bank transfer", reference: "WIRE-1234", paidOn, note: "" },
      String(HANA.id),
    );
    expect(paid.status).toBe(200);
    expect((await db().payout.findUniqueOrThrow({ where: { id: payoutId } })).status).toBe("paid");
    // Hana's identity came from Shopify's online token exchange, not from anything the test stored.
    expect(admin.requests.filter((request) => request.path === "/admin/oauth/access_token").map((request) => request.body)).toContainEqual(
      expect.objectContaining({ requested_token_type: "urn:shopify:params:oauth:token-type:online-access-token" }),
    );

    const rows = await auditCsv(shop.domain);
    const event = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "payout.paid_offline" } });
    const row = rows.find((candidate) => candidate["Action"] === "payout.paid_offline");
    expect(row).toMatchObject({
      "Occurred at": wallClock(event.occurredAt, TOKYO),
      "Time zone": TOKYO,
      "UTC offset": "UTC+09:00",
      "Actor type": "staff",
      "Staff name": "Hana Sato",
      "Staff email": "hana.sato@tokyo-trail.test",
      "Actor id": String(HANA.id),
      "Subject type": "payout",
      "Subject id": payoutId,
      Creator: "Ava Ames",
      "Creator id": ava.id,
      Amount: "1234.50",
      Currency: "USD",
      Movement: "in_payout → paid_offline",
      "Payout method": "Bank transfer",
      Reference: "WIRE-1234",
      "Payment date": paidOn,
      "Creator balance after": "765.50",
      "Status before": "ready",
      "Status after": "paid",
    });
    // The status change carries the payout's amount, method, reference and date before and after.
    expect(JSON.parse(row!["Before (JSON)"])).toMatchObject({
      status: "ready",
      amountMinor: 123450,
      currency: "USD",
      method: null,
      reference: null,
      paidOn: null,
    });
    expect(JSON.parse(row!["After (JSON)"])).toMatchObject({
      status: "paid",
      amountMinor: 123450,
      currency: "USD",
      method: "Bank transfer",
      reference: "WIRE-1234",
      paidOn,
    });

    // Every money movement has its amount, currency and balance; every number is a plain decimal.
    const movements = rows.filter((candidate) => candidate["Movement"] !== "");
    expect(movements.length).toBeGreaterThanOrEqual(4); // earn, release, reserve, pay, fee…
    for (const movement of movements) {
      expect(movement["Amount"]).toMatch(PLAIN_NUMBER);
      expect(movement["Currency"]).toBe("USD");
      expect(movement["Creator balance after"]).toMatch(PLAIN_NUMBER);
    }
    for (const any of rows) {
      expect(any["Occurred at"]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
      if (any["Amount"] !== "") expect(any["Amount"]).toMatch(PLAIN_NUMBER);
    }
    const reserve = rows.find((candidate) => candidate["Action"] === "payout.created");
    expect(reserve).toMatchObject({ Amount: "1234.50", Movement: "payable → in_payout", "Creator balance after": "0.00" });

    // The deal page's transaction history says who, by name, too.
    const dealPage = await adminFetch(app.url, shop.domain, `/app/creators/${ava.id}`);
    expect(dealPage.status).toBe(200);
    expect(await dealPage.text()).toContain("Hana Sato");
  });

  it("records who canceled a payout and the payout's amount before and after", async () => {
    const { shop, payoutId } = await payoutReadyToPay();
    const canceled = await postForm(shop.domain, `/app/payouts/${payoutId}`, { intent: "cancel", reason: "Paid twice by mistake" });
    expect(canceled.status).toBe(200);

    const row = (await auditCsv(shop.domain)).find((candidate) => candidate["Action"] === "payout.canceled");
    expect(row).toMatchObject({
      "Staff name": `${DEFAULT_STAFF_USER.first_name} ${DEFAULT_STAFF_USER.last_name}`,
      "Staff email": DEFAULT_STAFF_USER.email,
      Amount: "1234.50",
      Currency: "USD",
      Movement: "in_payout → payable",
      "Creator balance after": "2000.00",
      "Status before": "ready",
      "Status after": "canceled",
    });
    expect(JSON.parse(row!["Before (JSON)"])).toMatchObject({ status: "ready", amountMinor: 123450, currency: "USD" });
    expect(JSON.parse(row!["After (JSON)"])).toMatchObject({
      status: "canceled",
      amountMinor: 123450,
      currency: "USD",
      reason: "Paid twice by mistake",
    });
  });

  it("lists a drained batch's postings one row per order, as one event per posting listed them, from one audit event", async () => {
    // Three orders (different amounts) to two shops: drained together in one batch on the first, one
    // at a time on the second (a batch of one posting keeps its own event).
    const orders: OrderSpec[] = [4000, 2500, 9900].map((unitPriceMinor, index) => ({
      orderId: 9_400_000_000 + index,
      createdAt: "2026-10-03T14:21:09-04:00",
      updatedAt: "2026-10-03T14:21:09-04:00",
      lines: [{ lineId: 9_400_000_000 * 10 + index, productId: 7001, quantity: 1, unitPriceMinor }],
      creatorRef: "BATCHED",
    }));
    const deliver = async (shop: Shop, order: OrderSpec) => {
      const body = JSON.stringify(orderPayload(order));
      const response = await sendShopifyWebhook(app.url, { topic: "orders/create", shop: shop.domain, body, webhookId: randomUUID() });
      expect(response.status).toBe(200);
    };
    const [batched, single] = [await createShopWithTenPercentPlan(), await createShopWithTenPercentPlan()];
    for (const shop of [batched, single]) {
      await installShopSession(shop.domain);
      await createCreator(shop.id, "Bea Batch", { referralCode: "BATCHED" });
    }
    for (const order of orders) await deliver(batched, order);
    await drainJobs();
    for (const order of orders) {
      await deliver(single, order);
      await drainJobs();
    }

    // One audit event for the batch, every transaction pointing at it; one per posting otherwise.
    const events = await db().auditEvent.findMany({ where: { shopId: batched.id }, include: { ledgerTransactions: true } });
    expect(events.map((event) => [event.action, event.subjectType, event.ledgerTransactions.length])).toEqual([
      ["ledger.batch_posted", "ledger_batch", 3],
    ]);
    expect(await db().auditEvent.count({ where: { shopId: single.id, action: "commission.earned" } })).toBe(3);

    // The export shows the same rows per order either way (only the ids and the time differ).
    const rowsOf = async (shop: Shop) => {
      const commissions = await db().commission.findMany({ where: { shopId: shop.id }, include: { order: true } });
      const orderOf = new Map(commissions.map((c) => [c.id, c.order.shopifyOrderId]));
      return (await auditCsv(shop.domain))
        .map(({ "Occurred at": _at, "Creator id": _creator, ...row }): Record<string, string | undefined> => ({
          ...row,
          "Subject id": orderOf.get(row["Subject id"]!),
        }))
        .sort((a, b) => String(a["Subject id"]).localeCompare(String(b["Subject id"])));
    };
    const rows = await rowsOf(batched);
    expect(rows).toEqual(await rowsOf(single));
    expect(
      rows.map((row) => [row["Action"], row["Subject type"], row["Subject id"], row["Amount"], row["Movement"], row["Creator"]]),
    ).toEqual([
      ["commission.earned", "commission", "9400000000", "4.00", "expense → held", "Bea Batch"],
      ["commission.earned", "commission", "9400000001", "2.50", "expense → held", "Bea Batch"],
      ["commission.earned", "commission", "9400000002", "9.90", "expense → held", "Bea Batch"],
    ]);
    expect(JSON.parse(rows[0]!["After (JSON)"]!)).toMatchObject({ status: "held", amountMinor: 400 });
  });
});
