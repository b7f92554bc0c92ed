import type { Shop } from "@prisma/client";
import type { EInvoiceDocument } from "./invoice-ubl";
import { readInvoiceDocument } from "./read-invoice.server";

/** The self-billing invoice's facts plus what its e-invoice needs of the shop. */
export async function readEInvoiceDocument(shop: Shop, payoutId: string): Promise<EInvoiceDocument> {
  const invoice = await readInvoiceDocument(shop, payoutId);
  return {
    ...invoice,
    payoutId,
    shopCountry: shop.billingCountryCode,
    shopVatNumber: shop.vatNumber,
    shopEmail: shop.emailReplyTo,
  };
}
