// Paying ready offline payouts with files the merchant uploads: PayPal's bulk Payouts CSV and a
// SEPA credit transfer (pain.001) for EUR payouts to IBANs. Payouts a file cannot pay are left out
// and counted in X-Skipped-Payouts; preview=1 says which and why.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocumentsFixture, createOtherShop, TRAIL_DEBTOR } from "../support/documents.testkit";
import { todayInTimeZone } from "~/domain/calendar";
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

const get = (path: string, domain = fixture.shop.domain) => adminFetch(app.url, domain, path);
const post = (path: string, form: Record<string, string | string[]>, domain = fixture.shop.domain) => {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const item of [value].flat()) body.append(key, item);
  return adminFetch(app.url, domain, path, { method: "POST", body });
};
const ids = () => fixture.payouts;

describe("PayPal Payouts CSV", () => {
  it("pays the ready payouts of PayPal creators in the shop's currency, one line per payment, no header", async () => {
    const response = await get("/app/exports/paypal-payouts.csv");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="paypal-payouts-USD-${todayInTimeZone(new Date(), "UTC")}.csv"; filename*=UTF-8''paypal-payouts-USD-${todayInTimeZone(new Date(), "UTC")}.csv`,
    );
    expect(await response.text()).toBe("ava.paypal@creators.test,30.00,USD,,Payout CP-00002 from Trail Co,PAYPAL\r\n");
    // Without a selection, every ready payout is a candidate: Ava's EUR payout, Zoë's and Elif's are left out.
    expect(response.headers.get("x-included-payouts")).toBe("1");
    expect(response.headers.get("x-skipped-payouts")).toBe("5");
  });

  it("makes one file per currency", async () => {
    const response = await get("/app/exports/paypal-payouts.csv?currency=EUR");
    expect(await response.text()).toBe("ava.paypal@creators.test,80.00,EUR,,Payout CP-00003 from Trail Co,PAYPAL\r\n");
  });

  it("previews what the file holds and why each other payout is left out", async () => {
    const { paid, splitRest, zoeUsd } = ids();
    const query = [paid, splitRest, zoeUsd].map((payout) => `payoutId=${payout.payoutId}`).join("&");
    const response = await get(`/app/exports/paypal-payouts.csv?preview=1&${query}&payoutId=${other.payout.payoutId}&payoutId=po_nope`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      currency: "USD",
      payments: [
        {
          payoutId: splitRest.payoutId,
          invoiceLabel: "CP-00002",
          creatorName: "Ava Ames",
          paypalEmail: "ava.paypal@creators.test",
          amount: "30.00",
          currency: "USD",
          note: "Payout CP-00002 from Trail Co",
        },
      ],
      skipped: [
        { payoutId: other.payout.payoutId, invoiceLabel: null, creatorName: null, reason: "No such payout in this shop." },
        { payoutId: "po_nope", invoiceLabel: null, creatorName: null, reason: "No such payout in this shop." },
        { payoutId: paid.payoutId, invoiceLabel: "CP-00001", creatorName: "Ava Ames", reason: "Not ready to pay: it is paid." },
        {
          payoutId: zoeUsd.payoutId,
          invoiceLabel: "CP-00005",
          creatorName: "Zoë Laurent",
          reason: "The creator's payout details are for bank transfer, not PayPal.",
        },
      ],
    });
  });

  it("takes the selection from a posted form too", async () => {
    const response = await post("/app/exports/paypal-payouts.csv", { payoutId: [ids().splitRest.payoutId, ids().avaEur.payoutId] });
    expect(await response.text()).toBe("ava.paypal@creators.test,30.00,USD,,Payout CP-00002 from Trail Co,PAYPAL\r\n");
    expect(response.headers.get("x-skipped-payouts")).toBe("1");
  });

  it("never pays another shop's payout", async () => {
    const response = await get(`/app/exports/paypal-payouts.csv?payoutId=${other.payout.payoutId}`);
    expect(response.status).toBe(422);
    expect(await response.text()).toBe("None of these payouts can be paid by PayPal in USD. A payout: No such payout in this shop.");
    const theirs = await get("/app/exports/paypal-payouts.csv", other.shop.domain);
    expect(await theirs.text()).toBe("bob.paypal@other.test,77.77,USD,,Payout CP-00001 from Trail Co,PAYPAL\r\n");
  });

  it("refuses an unknown currency with 400", async () => {
    const response = await get("/app/exports/paypal-payouts.csv?currency=DOLLARS");
    expect(response.status).toBe(400);
    expect(await response.text()).toMatch(/^"currency" must be an ISO 4217 code like USD/);
  });
});

describe("SEPA credit transfer (pain.001)", () => {
  const { zoeEur, zoeEurAgain } = { zoeEur: "CP-00004", zoeEurAgain: "CP-00007" };

  function expectedXml(messageId: string, createdAt: string, executionDate: string) {
    const transfer = (index: number, label: string, amount: string) =>
      `<CdtTrfTxInf><PmtId><InstrId>${messageId}.0.${index}</InstrId><EndToEndId>${label}</EndToEndId></PmtId>` +
      `<Amt><InstdAmt Ccy="EUR">${amount}</InstdAmt></Amt><Cdtr><Nm>Zoe Laurent</Nm></Cdtr>` +
      `<CdtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></CdtrAcct><RmtInf><Ustrd>${label}</Ustrd></RmtInf></CdtTrfTxInf>`;
    return (
      `<?xml version="1.0" encoding="UTF-8"?>` +
      `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="urn:iso:std:iso:20022:tech:xsd:pain.001.001.09 pain.001.001.09.xsd">` +
      `<CstmrCdtTrfInitn><GrpHdr><MsgId>${messageId}</MsgId><CreDtTm>${createdAt}</CreDtTm><NbOfTxs>2</NbOfTxs><CtrlSum>270.74</CtrlSum>` +
      `<InitgPty><Nm>Trail Co GmbH</Nm></InitgPty></GrpHdr>` +
      `<PmtInf><PmtInfId>${messageId}.0</PmtInfId><PmtMtd>TRF</PmtMtd><BtchBookg>false</BtchBookg><NbOfTxs>2</NbOfTxs><CtrlSum>270.74</CtrlSum>` +
      `<PmtTpInf><SvcLvl><Cd>SEPA</Cd></SvcLvl></PmtTpInf><ReqdExctnDt><Dt>${executionDate}</Dt></ReqdExctnDt>` +
      `<Dbtr><Nm>Trail Co GmbH</Nm></Dbtr><DbtrAcct><Id><IBAN>DE89370400440532013000</IBAN></Id></DbtrAcct>` +
      `<DbtrAgt><FinInstnId><BICFI>COBADEFFXXX</BICFI></FinInstnId></DbtrAgt><ChrgBr>SLEV</ChrgBr>` +
      transfer(0, zoeEur, "250.75") +
      transfer(1, zoeEurAgain, "19.99") +
      `</PmtInf></CstmrCdtTrfInitn></Document>`
    );
  }

  it("transfers each ready EUR payout to its creator's IBAN, with the invoice as reference and an exact control sum", async () => {
    const response = await post("/app/exports/sepa.xml", { ...TRAIL_DEBTOR, executionDate: "2099-01-02" });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/xml; charset=utf-8");
    const xml = await response.text();
    const messageId = /<MsgId>([^<]+)<\/MsgId>/.exec(xml)![1];
    const createdAt = /<CreDtTm>([^<]+)<\/CreDtTm>/.exec(xml)![1];
    expect(messageId).toMatch(/^CP-\d{14}-[0-9a-f]{8}$/);
    expect(xml).toBe(expectedXml(messageId, createdAt, "2099-01-02"));
    expect(response.headers.get("content-disposition")).toBe(
      `attachment; filename="sepa-${messageId}.xml"; filename*=UTF-8''sepa-${messageId}.xml`,
    );
    // Of the ready payouts, left out: two in USD, Ava's EUR payout (PayPal details), Elif's (mistyped IBAN).
    expect(response.headers.get("x-included-payouts")).toBe("2");
    expect(response.headers.get("x-skipped-payouts")).toBe("4");
  });

  it("executes today in the shop's time zone unless told otherwise, and accepts the debtor in the query", async () => {
    const query = new URLSearchParams(TRAIL_DEBTOR).toString();
    const xml = await (await get(`/app/exports/sepa.xml?${query}`)).text();
    expect(xml).toContain(`<ReqdExctnDt><Dt>${todayInTimeZone(new Date(), "UTC")}</Dt></ReqdExctnDt>`);
    expect(xml.match(/<CtrlSum>270\.74<\/CtrlSum>/g)).toHaveLength(2);
  });

  it("previews the transfers and why each other payout is left out", async () => {
    const response = await get("/app/exports/sepa.xml?preview=1");
    expect(response.status).toBe(200);
    const { splitRest, avaEur, zoeUsd, elifEur } = ids();
    expect(await response.json()).toEqual({
      controlSum: "270.74",
      transfers: [
        {
          payoutId: ids().zoeEur.payoutId,
          invoiceLabel: "CP-00004",
          creatorName: "Zoë Laurent",
          accountHolder: "Zoë Laurent",
          iban: "FR14 … 2606",
          amount: "250.75",
        },
        {
          payoutId: ids().zoeEurAgain.payoutId,
          invoiceLabel: "CP-00007",
          creatorName: "Zoë Laurent",
          accountHolder: "Zoë Laurent",
          iban: "FR14 … 2606",
          amount: "19.99",
        },
      ],
      skipped: [
        {
          payoutId: splitRest.payoutId,
          invoiceLabel: "CP-00002",
          creatorName: "Ava Ames",
          reason: "It is in USD; SEPA transfers are in EUR only.",
        },
        {
          payoutId: avaEur.payoutId,
          invoiceLabel: "CP-00003",
          creatorName: "Ava Ames",
          reason: "The creator's payout details are for PayPal, not a bank transfer.",
        },
        {
          payoutId: zoeUsd.payoutId,
          invoiceLabel: "CP-00005",
          creatorName: "Zoë Laurent",
          reason: "It is in USD; SEPA transfers are in EUR only.",
        },
        {
          payoutId: elifEur.payoutId,
          invoiceLabel: "CP-00006",
          creatorName: "Elif Yılmaz",
          reason: "The creator's bank account DE89 … 3001 is not a valid IBAN.",
        },
      ],
    });
  });

  it.each([
    [{ debtorIban: TRAIL_DEBTOR.debtorIban }, "Enter the name of the account holder of the shop's bank account."],
    [{ debtorName: "Trail Co GmbH" }, "Enter the IBAN of the shop's bank account to pay from."],
    [{ ...TRAIL_DEBTOR, debtorIban: "DE89370400440532013001" }, "The shop's bank account is not a valid IBAN."],
    [
      { ...TRAIL_DEBTOR, debtorIban: "TR33 0006 1005 1978 6457 8413 26", debtorBic: "" },
      "The shop's bank account is from TR, outside the SEPA area.",
    ],
    [{ ...TRAIL_DEBTOR, debtorBic: "NOPE" }, "The shop's bank account has a BIC (NOPE) that is not valid."],
    [{ ...TRAIL_DEBTOR, debtorBic: "BNPAFRPPXXX" }, "The shop's bank account has a BIC (BNPAFRPPXXX) from another country than the IBAN."],
    [{ ...TRAIL_DEBTOR, executionDate: "2020-01-01" }, "The execution date cannot be in the past."],
    [{ ...TRAIL_DEBTOR, executionDate: "2099-02-30" }, "The execution date must be a date like 2026-01-31."],
  ])("refuses bad debtor details %j with 400 and a sentence", async (form, message) => {
    const response = await post("/app/exports/sepa.xml", form);
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(message);
  });

  it("never transfers another shop's payout, and says so when nothing can be paid", async () => {
    const response = await post("/app/exports/sepa.xml", { ...TRAIL_DEBTOR, payoutId: [other.payout.payoutId, ids().elifEur.payoutId] });
    expect(response.status).toBe(422);
    // Says why, per payout, without sending the merchant to a URL parameter.
    const text = await response.text();
    expect(text).toMatch(/^None of these payouts can be paid by SEPA transfer\. A payout: No such payout in this shop\. CP-\d{5} \(/);
    expect(text).not.toMatch(/\(\w+=\w*\)|preview/);
  });
});

describe("access", () => {
  it.each(["/app/exports/paypal-payouts.csv", "/app/exports/sepa.xml?preview=1"])(
    "refuses %s without a valid session token",
    async (path) => {
      const response = await fetch(`${app.url}${path}${path.includes("?") ? "&" : "?"}shop=${fixture.shop.domain}`, {
        headers: { Authorization: "Bearer not-a-jwt" },
        redirect: "manual",
      });
      expect(response.status).not.toBe(200);
      expect(await response.text()).not.toContain("creators.test");
    },
  );
});
