// ISSUE13 items 9 and 17 meet the creator form: the merchant sets the creator's email language,
// postal address, tax country and tax id; bad values get field errors and change nothing; the tax
// id is stored sealed and audited masked; the invoice PDF prints them; a French creator's email is French.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Shop } from "@prisma/client";
import { db } from "~/db.server";
import { creatorTaxIdField } from "~/lib/sealed-columns.server";
import { open } from "~/lib/secret-box.server";
import { createPayout } from "~/payouts/create-payout.server";
import { createInstalledShop, givePayable, MIA } from "../support/factories";
import { pdfText } from "../support/pdf-text";
import { adminFetch } from "../support/shopify-session";
import { startTestApp, type TestApp } from "../support/test-app";

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app?.close();
});

const post = (shopDomain: string, pathname: string, form: Record<string, string>) =>
  adminFetch(app.url, shopDomain, pathname, { method: "POST", body: new URLSearchParams(form) });

const ZOE = {
  name: "Zoé Laurent",
  email: "zoe@creators.test",
  referralCode: "ZOE10",
  discountCodes: "",
  tags: "",
  notes: "",
  locale: "fr",
  postalAddress: "  12 rue des Lilas \r\n\r\n75011 Paris\nFrance  ",
  taxCountry: "fr",
  taxId: "  FR 40 303265045 ",
};

async function addZoe(shop: Shop) {
  const response = await post(shop.domain, "/app/creators/new", ZOE);
  expect(response.status).toBe(302);
  return db().creator.findFirstOrThrow({ where: { shopId: shop.id, referralCode: "ZOE10" } });
}

describe("the creator form's language, address and tax fields", () => {
  it("stores them (the tax id sealed) and audits the tax id masked", async () => {
    const shop = await createInstalledShop();
    const zoe = await addZoe(shop);
    expect(zoe).toMatchObject({ locale: "fr", postalAddress: "12 rue des Lilas\n75011 Paris\nFrance", taxCountry: "FR" });
    expect(zoe.taxIdCiphertext).not.toContain("303265045");
    expect(open(zoe.taxIdCiphertext!, creatorTaxIdField(zoe))).toBe("FR 40 303265045");
    const created = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "creator.created" } });
    expect(created.after).toMatchObject({ locale: "fr", taxCountry: "FR", taxId: "•••• 5045" });
    expect(JSON.stringify(created)).not.toContain("303265045");

    // The edit form shows the masked id, never the id; blank keeps it; "remove" clears it.
    const page = await (await adminFetch(app.url, shop.domain, `/app/creators/${zoe.id}/edit`)).text();
    expect(page).toContain("On file: •••• 5045. Leave blank to keep it.");
    expect(page).not.toContain("303265045");
    const path = `/app/creators/${zoe.id}/edit`;
    expect((await post(shop.domain, path, { ...ZOE, taxId: "", locale: "en" })).status).toBe(302);
    const kept = await db().creator.findUniqueOrThrow({ where: { id: zoe.id } });
    expect(kept).toMatchObject({ locale: "en", taxIdCiphertext: zoe.taxIdCiphertext });
    const updated = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "creator.updated" } });
    expect(updated.before).toMatchObject({ locale: "fr", taxId: "•••• 5045" });
    expect(updated.after).toMatchObject({ locale: "en", taxId: "•••• 5045" });
    expect((await post(shop.domain, path, { ...ZOE, taxId: "", removeTaxId: "on" })).status).toBe(302);
    expect((await db().creator.findUniqueOrThrow({ where: { id: zoe.id } })).taxIdCiphertext).toBeNull();
  });

  it("answers a bad country, language, address or tax id with field errors and changes nothing", async () => {
    const shop = await createInstalledShop();
    const zoe = await addZoe(shop);
    const path = `/app/creators/${zoe.id}/edit`;
    for (const [field, value, message] of [
      ["taxCountry", "XX", "Choose a country from the list (a two-letter ISO code such as DE)."],
      ["taxCountry", "FRA", "Choose a country from the list (a two-letter ISO code such as DE)."],
      ["locale", "de", "Choose English or Français."],
      ["postalAddress", Array.from({ length: 9 }, (_, i) => `Line ${i}`).join("\n"), "Keep the address to 8 lines."],
      ["postalAddress", "x".repeat(121), "Keep each address line under 120 characters."],
      ["taxId", "1".repeat(41), "Keep the tax id under 40 characters."],
      ["taxId", "FR<script>", "Use letters, digits, spaces, dots, dashes or slashes in the tax id."],
    ]) {
      const response = await post(shop.domain, path, { ...ZOE, [field]: value });
      expect(response.status, `${field}=${value}`).toBe(422);
      expect(await response.text()).toContain(message);
    }
    expect(await db().creator.findUniqueOrThrow({ where: { id: zoe.id } })).toEqual(zoe);
    expect(await db().auditEvent.count({ where: { shopId: shop.id, action: "creator.updated" } })).toBe(0);
  });

  it("prints the address and tax id on the creator's invoice PDF, and writes to them in French", async () => {
    const shop = await createInstalledShop();
    const zoe = await addZoe(shop);
    await givePayable(shop.id, zoe.id, { kind: "commission", amountMinor: 12000 });
    const payout = await createPayout({ shopId: shop.id, creatorId: zoe.id, currency: "USD", actor: MIA, origin: "run" });

    const response = await adminFetch(app.url, shop.domain, `/app/payouts/${payout.payoutId}/invoice.pdf`);
    expect(response.status).toBe(200);
    const text = await pdfText(new Uint8Array(await response.arrayBuffer()));
    for (const line of ["12 rue des Lilas", "75011 Paris", "France", "Tax country: FR", "Tax id: FR 40 303265045"])
      expect(text).toContain(line);

    const [email] = await db().outboundEmail.findMany({
      where: { shopId: shop.id, toAddress: "zoe@creators.test", subject: { contains: "paiement" } },
    });
    expect(email?.subject).toBe("Trail Co : votre paiement de 120,00\u00a0$US est programmé");
    expect(email?.htmlBody).toContain('<html lang="fr">');
  });
});
