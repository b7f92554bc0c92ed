// Issue 17 item 1 with the compliance webhooks: customers/redact keeps the tax forms of a creator
// linked to the redacted customer (records a US payer must keep; the creator is not necessarily the
// buyer) and says so in its outcome and audit event; shop/redact deletes them with the shop.
import { randomUUID } from "node:crypto";
import type { Shop } from "@prisma/client";
import { expect, it } from "vitest";
import { db } from "~/db.server";
import { recordPaperTaxForm } from "~/tax-forms/submit-tax-form.server";
import { createCreator, createShop, MIA } from "../support/factories";
import { drainJobs } from "../support/jobs";
import { sendShopifyWebhook } from "../support/shopify-webhook";
import { describeWithApp } from "../support/test-app";

const W9_ON_PAPER = {
  kind: "w9",
  legalName: "Ava Ames",
  businessName: "",
  taxClassification: "individual",
  addressLine: "1 Market St",
  city: "San Francisco",
  region: "CA",
  postalCode: "94105",
  tinKind: "ssn",
  tin: "123-45-6789",
  signedOn: "2026-01-05",
};

describeWithApp("tax forms and the compliance webhooks", (app) => {
  const deliver = async (shop: Shop, topic: string, payload: unknown) => {
    const response = await sendShopifyWebhook(app.url, {
      topic,
      shop: shop.domain,
      body: JSON.stringify(payload),
      webhookId: randomUUID(),
    });
    expect(response.status).toBe(200);
    await drainJobs();
    return db().inboundEvent.findFirstOrThrow({ where: { shopDomain: shop.domain, topic }, orderBy: { receivedAt: "desc" } });
  };

  it("customers/redact keeps a linked creator's W-9 and says so; shop/redact deletes it", async () => {
    const shop = await createShop({ billingCountryCode: "US" });
    const ava = await createCreator(shop.id, "Ava Ames", { shopifyCustomerId: "8801", email: "ava.ames@creators.test" });
    const bob = await createCreator(shop.id, "Bob Byrne");
    await recordPaperTaxForm(shop.id, ava.id, W9_ON_PAPER, MIA);
    await recordPaperTaxForm(shop.id, bob.id, { ...W9_ON_PAPER, legalName: "Bob Byrne", tin: "123-45-6780" }, MIA);

    const redact = await deliver(shop, "customers/redact", {
      shop_domain: shop.domain,
      customer: { id: 8801, email: "ava.ames@creators.test" },
    });
    expect(redact.status).toBe("processed");
    expect(redact.reason).toBe(
      "0 orders anonymised; the tax forms of the creator linked to this customer are kept (payee tax records a US payer must keep; deleted with the shop on shop/redact)",
    );
    expect(await db().taxForm.count({ where: { shopId: shop.id } })).toBe(2);
    const audit = await db().auditEvent.findFirstOrThrow({ where: { shopId: shop.id, action: "customer.redacted" } });
    expect(audit.after).toMatchObject({ ordersRedacted: 0, taxFormsKept: 1, taxFormsKeptFor: [ava.id] });

    // A customer no creator is linked to: nothing about tax forms.
    const stranger = await deliver(shop, "customers/redact", {
      shop_domain: shop.domain,
      customer: { id: 9901, email: "someone@buyer.test" },
    });
    expect(stranger.reason).toBe("0 orders anonymised");

    const gone = await deliver(shop, "shop/redact", { shop_domain: shop.domain, shop_id: 1 });
    expect(gone).toMatchObject({ status: "processed", reason: "shop data deleted" });
    expect(await db().taxForm.count({ where: { shopId: shop.id } })).toBe(0);
    expect(await db().taxForm.count({ where: { creatorId: { in: [ava.id, bob.id] } } })).toBe(0);
  });
});
