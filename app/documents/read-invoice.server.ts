import type { Shop } from "@prisma/client";
import { db } from "../db.server";
import { DomainError } from "../domain/errors";
import { creatorTaxIdField } from "../lib/sealed-columns.server";
import { open, SecretBoxError } from "../lib/secret-box.server";
import { formatShopDate } from "../domain/calendar";
import { getPayoutOrThrow } from "../payouts/read-payout.server";
import { PAYOUT_SUBJECT } from "../payouts/record-payout-change.server";
import type { InvoiceDocument } from "./invoice-pdf";
import { vatTreatment } from "./vat-treatment";
import { logger } from "../lib/logger.server";

export function invoiceNotIssued(payoutId: string): DomainError {
  return new DomainError(
    "invoice_not_issued",
    "This payout is a draft: it gets its invoice number when it is sent, so it has no invoice yet.",
    { payoutId },
  );
}

/**
 * Everything the self-billing invoice of a payout shows. Only payouts past draft have one (the
 * invoice number is given when a payout leaves draft, DOMAIN.md §2).
 */
export async function readInvoiceDocument(shop: Shop, payoutId: string): Promise<InvoiceDocument> {
  const payout = await getPayoutOrThrow(shop.id, payoutId);
  if (payout.invoiceLabel === null || payout.invoiceNumber === null) throw invoiceNotIssued(payoutId);

  const [creator, payment, numbered] = await Promise.all([
    db().creator.findFirstOrThrow({
      where: { id: payout.creatorId, shopId: shop.id },
      select: { id: true, shopId: true, name: true, email: true, postalAddress: true, taxCountry: true, taxIdCiphertext: true },
    }),
    db().payout.findFirstOrThrow({ where: { id: payoutId, shopId: shop.id }, select: { stripeTransferId: true } }),
    // The invoice is issued when the payout got its number: the event that recorded the label.
    db().auditEvent.findFirst({
      where: {
        shopId: shop.id,
        subjectType: PAYOUT_SUBJECT,
        subjectId: payoutId,
        after: { path: ["invoiceLabel"], equals: payout.invoiceLabel },
      },
      orderBy: { occurredAt: "asc" },
      select: { occurredAt: true },
    }),
  ]);

  const shopDate = (instant: Date) => formatShopDate(instant, shop.timezone);
  const paid = payout.status === "paid" || payout.status === "reversed";
  const taxCountry = creator.taxCountry?.trim() || null;
  return {
    // The shop's legal identity comes from Shopify (stored at install and on each token exchange).
    shop: { name: shop.name, legalName: shop.legalName, addressLines: lines(shop.billingAddress) },
    creator: {
      name: creator.name,
      email: creator.email,
      addressLines: lines(creator.postalAddress),
      taxCountry,
      taxId: readTaxId(creator),
    },
    invoiceLabel: payout.invoiceLabel,
    issuedOn: shopDate(numbered?.occurredAt ?? payout.createdAt),
    status: payout.status,
    currency: payout.currency,
    items: payout.items.filter((item) => item.state === "active").map(({ label, amountMinor }) => ({ label, amountMinor })),
    totalMinor: payout.amountMinor,
    payment: paid
      ? {
          paidOn: payout.paidOn ?? (payout.paidAt ? shopDate(payout.paidAt) : null),
          method: payout.channel === "stripe" ? "Stripe transfer" : (payout.offlineMethod ?? "Offline"),
          reference: payout.channel === "stripe" ? payment.stripeTransferId : payout.offlineReference,
        }
      : null,
    vat: vatTreatment({ creatorCountry: taxCountry, shopCountry: shop.billingCountryCode }),
  };
}

/** Stored multi-line text as its non-empty lines. */
const lines = (text: string | null): string[] =>
  (text ?? "")
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== "");

export const UNREADABLE_TAX_ID = "unreadable (ask the creator to enter it again)";

function readTaxId(creator: { id: string; shopId: string; taxIdCiphertext: string | null }): string | null {
  if (!creator.taxIdCiphertext) return null;
  try {
    return open(creator.taxIdCiphertext, creatorTaxIdField(creator));
  } catch (error) {
    // A damaged or moved value must not take the invoice down; it says so instead.
    if (!(error instanceof SecretBoxError)) throw error;
    logger().warn({ module: "invoice" }, error.message);
    return UNREADABLE_TAX_ID;
  }
}
