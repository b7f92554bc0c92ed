// The accounting exports over HTTP, authenticated like the embedded admin: the payouts CSV and the
// audit log CSV, streamed a page at a time, filtered by status and dates, one shop's rows only,
// and safe to open in a spreadsheet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAuditEvent } from "~/audit/record-audit-event.server";
import { db } from "~/db.server";
import { createDocumentsFixture, createOtherShop, giveCreator, payoutOf } from "../support/documents.testkit";
import { AUDIT_LOG_CSV_HEADER } from "~/documents/audit-log-csv";
import { readAuditEventsForExport } from "~/documents/read-audit-events-for-export.server";
import { readPayoutsForExport } from "~/documents/read-payouts-for-export.server";
import { createShop } from "../support/factories";
import { adminFetch, installShopSession } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
let fixture: Awaited<ReturnType<typeof createDocumentsFixture>>;
let other: Awaited<ReturnType<typeof createOtherShop>>;

beforeAll(async () => {
  app = await startTestApp();
  fixture = await createDocumentsFixture();
  other = await createOtherShop();
  await installShopSession(fixture.shop.domain);
  await installShopSession(other.shop.domain);
});
afterAll(async () => {
  await app?.close();
});

const BOM = [0xef, 0xbb, 0xbf];
const PAYOUTS_HEADER = "Invoice,Creator,Email,Status,Currency,Amount,Created (UTC),Paid on,Method,Reference";
const AVA = "Ava Ames,ava@creators.test";
const ZOE = "Zoë Laurent,zoe@creators.test";
const ELIF = "Elif Yılmaz,elif@creators.test";

/** The CSV's lines (without the byte order mark), after checking it is a CSV attachment. */
async function csvOf(response: Response): Promise<string[]> {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
  expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[a-z-]+-\d{4}-\d{2}-\d{2}\.csv"/);
  expect(response.headers.get("cache-control")).toBe("private, no-store");
  const bytes = new Uint8Array(await response.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual(BOM);
  const text = new TextDecoder().decode(bytes.slice(3));
  expect(text.endsWith("\r\n")).toBe(true);
  return text.slice(0, -2).split("\r\n");
}

describe("payouts CSV", () => {
  it("lists every payout of the shop, oldest first, with exact amounts and how each was paid", async () => {
    const lines = await csvOf(await adminFetch(app.url, fixture.shop.domain, "/app/exports/payouts.csv"));
    expect(lines).toEqual([
      PAYOUTS_HEADER,
      `CP-00001,${AVA},paid,USD,120.00,2026-01-10 10:00,2026-01-15,PayPal,PP-7781`,
      `CP-00002,${AVA},ready,USD,30.00,2026-01-20 10:00,,,`,
      `CP-00003,${AVA},ready,EUR,80.00,2026-01-21 10:00,,,`,
      `CP-00004,${ZOE},ready,EUR,250.75,2026-01-22 10:00,,,`,
      `CP-00005,${ZOE},ready,USD,45.67,2026-01-23 10:00,,,`,
      `CP-00006,${ELIF},ready,EUR,30.00,2026-01-24 10:00,,,`,
      `CP-00007,${ZOE},ready,EUR,19.99,2026-01-25 10:00,,,`,
      `,${ELIF},draft,USD,12.34,2026-02-01 10:00,,,`,
    ]);
  });

  it("filters by status and by creation day, both ends included", async () => {
    const lines = await csvOf(
      await adminFetch(app.url, fixture.shop.domain, "/app/exports/payouts.csv?status=ready&from=2026-01-21&to=2026-01-23"),
    );
    expect(lines).toEqual([
      PAYOUTS_HEADER,
      `CP-00003,${AVA},ready,EUR,80.00,2026-01-21 10:00,,,`,
      `CP-00004,${ZOE},ready,EUR,250.75,2026-01-22 10:00,,,`,
      `CP-00005,${ZOE},ready,USD,45.67,2026-01-23 10:00,,,`,
    ]);
    const paid = await csvOf(await adminFetch(app.url, fixture.shop.domain, "/app/exports/payouts.csv?status=paid"));
    expect(paid).toEqual([PAYOUTS_HEADER, `CP-00001,${AVA},paid,USD,120.00,2026-01-10 10:00,2026-01-15,PayPal,PP-7781`]);
    const none = await csvOf(await adminFetch(app.url, fixture.shop.domain, "/app/exports/payouts.csv?from=2027-01-01"));
    expect(none).toEqual([PAYOUTS_HEADER]);
  });

  it("never contains another shop's payouts", async () => {
    const mine = (await csvOf(await adminFetch(app.url, fixture.shop.domain, "/app/exports/payouts.csv"))).join("\n");
    expect(mine).not.toContain("Bob Other");
    expect(mine).not.toContain("77.77");
    const theirs = await csvOf(await adminFetch(app.url, other.shop.domain, "/app/exports/payouts.csv"));
    expect(theirs).toEqual([PAYOUTS_HEADER, "CP-00001,Bob Other,bob@other.test,ready,USD,77.77,2026-01-22 12:00,,,"]);
  });

  it.each([
    ["status=bogus", '"status" must be one of: all, draft, pending_review, ready, processing, paid, failed, canceled, reversed.'],
    ["from=2026-02-30", '"from" must be a date like 2026-01-31.'],
    ["to=yesterday", '"to" must be a date like 2026-01-31.'],
    ["from=2026-02-01&to=2026-01-01", '"from" must be on or before "to".'],
  ])("refuses bad filters (%s) with 400 and a sentence", async (query, message) => {
    const response = await adminFetch(app.url, fixture.shop.domain, `/app/exports/payouts.csv?${query}`);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(message);
  });

  it("reads the database a page at a time, in a stable order", async () => {
    const pages: string[][] = [];
    for await (const page of readPayoutsForExport({ shopId: fixture.shop.id, status: "all", pageSize: 3 })) {
      pages.push(page.map((row) => row.invoiceLabel ?? "draft"));
    }
    expect(pages).toEqual([
      ["CP-00001", "CP-00002", "CP-00003"],
      ["CP-00004", "CP-00005", "CP-00006"],
      ["CP-00007", "draft"],
    ]);
  });
});

describe("audit log CSV", () => {
  // A shop in Berlin: days are the shop's days, so 23:30 UTC on the 7th is already the 8th.
  async function auditShop() {
    const shop = await createShop({ timezone: "Europe/Berlin" });
    await installShopSession(shop.domain);
    const event = (occurredAt: string, input: Omit<Parameters<typeof recordAuditEvent>[1], "shopId">) =>
      recordAuditEvent(db(), { shopId: shop.id, ...input }, new Date(occurredAt));
    await event("2026-01-05T08:00:00.000Z", {
      actor: { type: "staff", id: "staff_mia" },
      action: "payout.created",
      subject: { type: "payout", id: "po_1" },
      after: { status: "ready" },
    });
    await event("2026-01-06T09:30:00.000Z", {
      actor: { type: "system" },
      action: "commission.approved",
      subject: { type: "commission", id: "cm_1" },
      before: { status: "held" },
      after: { status: "approved" },
    });
    await event("2026-01-07T23:30:00.000Z", {
      actor: { type: "creator", id: "cr_1" },
      action: "payout.review_accepted",
      subject: { type: "payout", id: "po_1" },
      before: { note: 'Said "thanks", twice' },
    });
    return shop;
  }
  const HEADER = AUDIT_LOG_CSV_HEADER.join(",");
  // Occurred at, zone, offset, actor type, staff name, email, actor id, action, subject type and
  // id, creator, creator id, amount, currency, movement, method, reference, payment date, balance
  // after, status before, status after, before, after. No money moved in these events.
  const line = (...cells: string[]) => cells.join(",");
  const noMoney = ["", "", "", "", "", "", "", "", ""];
  const CREATED = line(
    "2026-01-05 09:00:00",
    "Europe/Berlin",
    "UTC+01:00",
    "staff",
    "",
    "",
    "staff_mia",
    "payout.created",
    "payout",
    "po_1",
    ...noMoney,
    "",
    "ready",
    "",
    '"{""status"":""ready""}"',
  );
  const APPROVED = line(
    "2026-01-06 10:30:00",
    "Europe/Berlin",
    "UTC+01:00",
    "system",
    "",
    "",
    "",
    "commission.approved",
    "commission",
    "cm_1",
    ...noMoney,
    "held",
    "approved",
    '"{""status"":""held""}"',
    '"{""status"":""approved""}"',
  );
  const ACCEPTED = line(
    "2026-01-08 00:30:00",
    "Europe/Berlin",
    "UTC+01:00",
    "creator",
    "",
    "",
    "cr_1",
    "payout.review_accepted",
    "payout",
    "po_1",
    ...noMoney,
    "",
    "",
    '"{""note"":""Said \\""thanks\\"", twice""}"',
    "",
  );

  it("lists every event with its actor, subject and before/after JSON", async () => {
    const shop = await auditShop();
    const lines = await csvOf(await adminFetch(app.url, shop.domain, "/app/exports/audit-log.csv"));
    expect(lines).toEqual([HEADER, CREATED, APPROVED, ACCEPTED]);
  });

  it("filters by the shop's calendar days", async () => {
    const shop = await auditShop();
    const sixthAndSeventh = await csvOf(await adminFetch(app.url, shop.domain, "/app/exports/audit-log.csv?from=2026-01-06&to=2026-01-07"));
    expect(sixthAndSeventh).toEqual([HEADER, APPROVED]);
    const eighth = await csvOf(await adminFetch(app.url, shop.domain, "/app/exports/audit-log.csv?from=2026-01-08&to=2026-01-08"));
    expect(eighth).toEqual([HEADER, ACCEPTED]);
  });

  it("refuses bad dates with 400", async () => {
    const response = await adminFetch(app.url, fixture.shop.domain, "/app/exports/audit-log.csv?from=01/05/2026");
    expect(response.status).toBe(400);
    expect(await response.text()).toBe('"from" must be a date like 2026-01-31.');
  });

  it("never contains another shop's events", async () => {
    const lines = await csvOf(await adminFetch(app.url, other.shop.domain, "/app/exports/audit-log.csv"));
    expect(lines).toHaveLength((await db().auditEvent.count({ where: { shopId: other.shop.id } })) + 1);
    const text = lines.join("\n");
    for (const payout of Object.values(fixture.payouts)) expect(text).not.toContain(payout.payoutId);
    for (const creator of Object.values(fixture.creators)) expect(text).not.toContain(creator.id);
    expect(text).toContain(other.payout.payoutId);
  });

  it("streams a large log completely, a page at a time", async () => {
    const shop = await createShop();
    await installShopSession(shop.domain);
    const start = Date.UTC(2026, 0, 1);
    await db().auditEvent.createMany({
      data: Array.from({ length: 5000 }, (_, index) => ({
        shopId: shop.id,
        actorType: "system" as const,
        action: "test.event",
        subjectType: "test",
        subjectId: `t_${String(index).padStart(5, "0")}`,
        occurredAt: new Date(start + index * 1000),
      })),
    });
    const lines = await csvOf(await adminFetch(app.url, shop.domain, "/app/exports/audit-log.csv"));
    expect(lines).toHaveLength(5001);
    const empty = (count: number) => ",".repeat(count);
    expect(lines[1]).toBe(`2026-01-01 00:00:00,UTC,UTC+00:00,system,,,,test.event,test,t_00000${empty(13)}`);
    expect(lines[5000]).toBe(`2026-01-01 01:23:19,UTC,UTC+00:00,system,,,,test.event,test,t_04999${empty(13)}`);

    let pages = 0;
    for await (const page of readAuditEventsForExport({ shopId: shop.id, pageSize: 1000 })) {
      expect(page).toHaveLength(1000);
      pages++;
    }
    expect(pages).toBe(5);
  });
});

describe("spreadsheet safety", () => {
  it("neutralizes cells a spreadsheet would run as formulas, in both exports", async () => {
    const shop = await createShop();
    await installShopSession(shop.domain);
    const mallory = await giveCreator(shop, "Mallory", { email: "-2+3@evil.test" });
    await db().creator.update({ where: { id: mallory.id }, data: { name: '=HYPERLINK("http://evil.test","Click")' } });
    await payoutOf(shop, mallory, {
      currency: "USD",
      createdAt: "2026-01-05T00:00:00.000Z",
      payables: [{ kind: "adjustment", amountMinor: 100, text: "bonus" }],
    });
    await recordAuditEvent(
      db(),
      { shopId: shop.id, actor: { type: "creator", id: "@SUM(A1:A9)" }, action: "+cmd", subject: { type: "creator", id: mallory.id } },
      new Date("2026-01-06T00:00:00.000Z"),
    );

    const payouts = await csvOf(await adminFetch(app.url, shop.domain, "/app/exports/payouts.csv"));
    expect(payouts[1]).toBe(`CP-00001,"'=HYPERLINK(""http://evil.test"",""Click"")",'-2+3@evil.test,ready,USD,1.00,2026-01-05 00:00,,,`);
    const audit = await csvOf(await adminFetch(app.url, shop.domain, "/app/exports/audit-log.csv?from=2026-01-06&to=2026-01-06"));
    // The creator's name is neutralized in the audit log too.
    expect(audit).toEqual([
      expect.any(String),
      `2026-01-06 00:00:00,UTC,UTC+00:00,creator,,,'@SUM(A1:A9),'+cmd,creator,${mallory.id},"'=HYPERLINK(""http://evil.test"",""Click"")",${mallory.id}${",".repeat(11)}`,
    ]);
  });
});

describe("access", () => {
  it.each(["/app/exports/payouts.csv", "/app/exports/audit-log.csv"])("refuses %s without a valid session token", async (path) => {
    const response = await fetch(`${app.url}${path}?shop=${fixture.shop.domain}`, {
      headers: { Authorization: "Bearer not-a-jwt" },
      redirect: "manual",
    });
    expect(response.status).not.toBe(200);
    expect(await response.text()).not.toContain("Ava Ames");
  });
});
