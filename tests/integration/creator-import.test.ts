// Importing creators from a CSV file over HTTP (issue 14 §4): a preview that lists every bad row
// and writes nothing, an import in the background whose opening balances are ledger adjustments,
// a re-import that changes nothing, 10,000 rows with progress, and one shop never touching another.
import { expect, it } from "vitest";
import { db } from "~/db.server";
import { OPENING_BALANCE_REASON } from "~/domain/creator-import/validate-import-rows";
import { readBalances } from "~/ledger/read-balances.server";
import { createCreator, createInstalledShop } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { brokenMoneyInvariants, readMoneyInvariants, rowCounts } from "../support/money-invariants";
import { adminFetch } from "../support/shopify-session";
import { describeWithApp } from "../support/test-app";

const HEADER = "name,email,referral_code,discount_codes,commission_rate,payout_method,opening_balance_usd,opening_balance_eur";

function upload(appUrl: string, domain: string, intent: "preview" | "import", csv: string, preset = "auto") {
  const form = new FormData();
  form.set("intent", intent);
  form.set("preset", preset);
  form.set("file", new Blob([csv], { type: "text/csv" }), "creators.csv");
  return adminFetch(appUrl, domain, "/app/creators/import", { method: "POST", body: form });
}

async function importAndDrain(appUrl: string, domain: string, csv: string) {
  const response = await upload(appUrl, domain, "import", csv);
  expect(response.status).toBe(302);
  const location = response.headers.get("location") ?? "";
  expect(location).toMatch(/^\/app\/creators\/import\?import=imp_/);
  await drainJobs();
  return new URL(location, appUrl).searchParams.get("import")!;
}

async function creatorState(shopId: string) {
  const [creators, codes, adjustments, ledger, audit] = await Promise.all([
    db().creator.findMany({
      where: { shopId },
      orderBy: { email: "asc" },
      select: { name: true, email: true, referralCode: true, payoutMethod: true, updatedAt: true },
    }),
    db().discountCode.count({ where: { shopId } }),
    db().adjustment.count({ where: { shopId } }),
    db().ledgerTransaction.count({ where: { shopId } }),
    db().auditEvent.count({ where: { shopId } }),
  ]);
  return { creators, codes, adjustments, ledger, audit };
}

const VALID = [
  HEADER,
  'Ben Ode,ben@example.com,BEN10,"BEN15, BENVIP",12.5,paypal,120.50,',
  "Cleo Cole,cleo@example.com,CLEO,,,bank transfer,,30",
  "Dan Day,dan@example.com,,DAN5,10,,-5.00,",
].join("\n");

describeWithApp("importing creators from a CSV file", (app) => {
  it("previews a file with errors as a list by row, and writes nothing", async () => {
    const shop = await createInstalledShop();
    await createCreator(shop.id, "Ava Chen", { referralCode: "TAKEN", email: "ava@example.com" });
    const before = { ...(await rowCounts(shop.id)), ...(await creatorState(shop.id)) };
    const csv = [
      HEADER,
      "Ok One,one@example.com,ONE1,,,,,",
      "No Mail,,NOMAIL,,,,,",
      "Taker,taker@example.com,TAKEN,,,,,",
      "Again,one@example.com,ONE2,,,,,",
      "Rich,rich@example.com,RICH,,,,1000000000.01,",
      "Rate,rate@example.com,RATE,,150,,,",
    ].join("\n");
    const response = await upload(app.url, shop.domain, "preview", csv);
    expect(response.status).toBe(422);
    const html = await response.text();
    for (const error of [
      "row 3: email missing",
      "row 4: referral code TAKEN already belongs to Ava Chen",
      "row 5: email one@example.com appears again (first on row 2)",
      "row 6: opening balance USD “1000000000.01”: An amount can be at most USD 1,000,000,000.00.",
      "row 7: commission rate 150 % is over 100 %",
      "Nothing was imported: fix 5 problems and preview again",
      "Rows with errors: 5",
    ]) {
      expect(html).toContain(error);
    }
    // Import of the same file is refused the same way.
    expect((await upload(app.url, shop.domain, "import", csv)).status).toBe(422);
    await drainJobs();
    expect({ ...(await rowCounts(shop.id)), ...(await creatorState(shop.id)) }).toEqual(before);
    expect(await db().creatorImport.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("refuses what is not a file of creators with a sentence, never a 5xx", async () => {
    const shop = await createInstalledShop();
    const noFile = new FormData();
    noFile.set("intent", "preview");
    const missing = await adminFetch(app.url, shop.domain, "/app/creators/import", { method: "POST", body: noFile });
    expect(missing.status).toBe(400);
    const empty = await upload(app.url, shop.domain, "preview", "name,email\n");
    expect(empty.status).toBe(422);
    expect(await empty.text()).toContain("The file has a header row but no creators.");
    const oversize = await upload(app.url, shop.domain, "preview", `${HEADER}\n${"x".repeat(7 * 1024 * 1024)}`);
    expect(oversize.status).toBe(413);
    expect(await oversize.text()).toContain("Request body too large: a creators file is at most 6 MiB.");
    const notUtf8 = new FormData();
    notUtf8.set("intent", "preview");
    notUtf8.set("file", new Blob([new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0xff, 0xfe])]), "latin1.csv");
    const latin1 = await adminFetch(app.url, shop.domain, "/app/creators/import", { method: "POST", body: notUtf8 });
    expect(latin1.status).toBe(400);
    expect(await db().creatorImport.count({ where: { shopId: shop.id } })).toBe(0);
  });

  it("imports a valid file: creators, codes, plans and opening balances as adjustments; again changes nothing", async () => {
    const shop = await createInstalledShop();
    const preview = await upload(app.url, shop.domain, "preview", VALID);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    for (const text of [
      "Preview (Creator Payouts template format, 3 rows)",
      "The file is ready to import",
      "New creators: 3",
      "Updates: 0",
      "Unchanged: 0",
      "Rows with errors: 0",
      "Opening balances EUR: 1 creator, €30.00",
      "Opening balances USD: 2 creators, $115.50",
    ]) {
      expect(html).toContain(text);
    }
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(0);

    const importId = await importAndDrain(app.url, shop.domain, VALID);
    const done = await db().creatorImport.findUniqueOrThrow({ where: { id: importId } });
    expect(done).toMatchObject({ status: "completed", totalRows: 3, doneRows: 3, csvText: "" });

    const creators = await db().creator.findMany({
      where: { shopId: shop.id },
      include: { discountCodes: true, commissionPlan: true },
      orderBy: { email: "asc" },
    });
    expect(
      creators.map((c) => [
        c.name,
        c.email,
        c.status,
        c.payoutMethod,
        c.commissionPlan?.rateBasisPoints ?? null,
        c.discountCodes.map((d) => d.code).sort(),
      ]),
    ).toEqual([
      ["Ben Ode", "ben@example.com", "invited", "paypal", 1250, ["BEN15", "BENVIP"]],
      ["Cleo Cole", "cleo@example.com", "invited", "bank_transfer", null, []],
      ["Dan Day", "dan@example.com", "invited", null, 1000, ["DAN5"]],
    ]);
    expect(creators[2].referralCode).toMatch(/^DAN\d{4}$/);
    const adjustments = await db().adjustment.findMany({ where: { shopId: shop.id }, orderBy: { amountMinor: "asc" } });
    expect(adjustments.map((a) => [a.currency, Number(a.amountMinor), a.reason])).toEqual([
      ["USD", -500, OPENING_BALANCE_REASON],
      ["EUR", 3000, OPENING_BALANCE_REASON],
      ["USD", 12050, OPENING_BALANCE_REASON],
    ]);
    const payable = await readBalances({ shopId: shop.id, accounts: ["payable"] });
    const byCreator = new Map(creators.map((c) => [c.id, c.name]));
    expect(payable.map((b) => [byCreator.get(b.creatorId!), b.currency, Number(b.balanceMinor)]).sort()).toEqual([
      ["Ben Ode", "USD", 12050],
      ["Cleo Cole", "EUR", 3000],
      ["Dan Day", "USD", -500],
    ]);
    for (const creator of creators) {
      for (const currency of ["USD", "EUR"]) {
        expect(brokenMoneyInvariants(await readMoneyInvariants(shop.id, creator.id, currency))).toEqual([]);
      }
    }

    // The same file again: every row unchanged, nothing written but the import's own record.
    const before = await creatorState(shop.id);
    const again = await (await upload(app.url, shop.domain, "preview", VALID)).text();
    expect(again).toContain("New creators: 0");
    expect(again).toContain("Unchanged: 3");
    await importAndDrain(app.url, shop.domain, VALID);
    expect(await creatorState(shop.id)).toEqual(before);
  });

  it("fails whole, writing nothing, when the shop changed between the preview and the job", async () => {
    const shop = await createInstalledShop();
    const response = await upload(app.url, shop.domain, "import", VALID);
    expect(response.status).toBe(302);
    // Meanwhile a merchant gives BEN10 to someone else: the job re-validates and stops.
    await createCreator(shop.id, "Bea Other", { referralCode: "BEN10", email: "bea@example.com" });
    const before = { ...(await rowCounts(shop.id)), ...(await creatorState(shop.id)) };
    await drainJobs();
    const failed = await db().creatorImport.findFirstOrThrow({ where: { shopId: shop.id } });
    expect(failed).toMatchObject({ status: "failed", doneRows: 0 });
    expect(failed.error).toContain("row 2: referral code BEN10 already belongs to Bea Other");
    expect({ ...(await rowCounts(shop.id)), ...(await creatorState(shop.id)) }).toEqual(before);
    const page = await (await adminFetch(app.url, shop.domain, `/app/creators/import?import=${failed.id}`)).text();
    expect(page).toContain("Nothing was imported");
  });

  it("imports 10,000 rows in the background with progress reaching 100 %", async () => {
    const shop = await createInstalledShop();
    const rows = Array.from({ length: 10_000 }, (_, i) => `Creator ${i},c${i}@example.com,CODE${i},DC${i},10,paypal,${(i % 50) + 1}.00,`);
    const csv = [HEADER, ...rows].join("\n");
    const started = Date.now();
    const importId = await importAndDrain(app.url, shop.domain, csv);
    expect(await db().creatorImport.findUniqueOrThrow({ where: { id: importId } })).toMatchObject({
      status: "completed",
      totalRows: 10_000,
      doneRows: 10_000,
    });
    const page = await (await adminFetch(app.url, shop.domain, `/app/creators/import?import=${importId}`)).text();
    expect(page).toContain("100% · 10000 of 10000 rows.");
    expect(page).toContain("New creators: 10000");
    expect(await db().creator.count({ where: { shopId: shop.id } })).toBe(10_000);
    expect(await db().ledgerTransaction.count({ where: { shopId: shop.id } })).toBe(10_000);
    const [total] = await readBalances({ shopId: shop.id, accounts: ["payable"], byCreator: false });
    const expected = Array.from({ length: 10_000 }, (_, i) => ((i % 50) + 1) * 100).reduce((a, b) => a + b, 0);
    expect(Number(total.balanceMinor)).toBe(expected);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);

  it("keeps each shop's import to its own creators", async () => {
    const shopA = await createInstalledShop();
    const shopB = await createInstalledShop();
    // Shop A already has Ben, by the same email and referral code as shop B's file.
    const benA = await createCreator(shopA.id, "Ben Ode", { email: "ben@example.com", referralCode: "BEN10" });
    const aBefore = { ...(await rowCounts(shopA.id)), ...(await creatorState(shopA.id)) };
    const preview = await upload(app.url, shopB.domain, "preview", VALID);
    const html = await preview.text();
    expect(html).toContain("New creators: 3");
    expect(html).toContain("Rows with errors: 0");
    const importId = await importAndDrain(app.url, shopB.domain, VALID);
    expect(await db().creator.count({ where: { shopId: shopB.id } })).toBe(3);
    expect({ ...(await rowCounts(shopA.id)), ...(await creatorState(shopA.id)) }).toEqual(aBefore);
    expect(await db().creator.findUniqueOrThrow({ where: { id: benA.id } })).toMatchObject({ shopId: shopA.id, name: "Ben Ode" });
    // Shop A cannot read shop B's import.
    const foreign = await (await adminFetch(app.url, shopA.domain, `/app/creators/import?import=${importId}`)).text();
    expect(foreign).not.toContain("Import of creators.csv");
    const own = await (await adminFetch(app.url, shopB.domain, `/app/creators/import?import=${importId}`)).text();
    expect(own).toContain("Import of creators.csv");
  });
});
