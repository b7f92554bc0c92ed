// A payout's self-billing invoice as a UBL 2.1 Invoice following Peppol BIS Billing 3.0's
// self-billing profile (invoice type 389): the creator is the seller (AccountingSupplierParty), the
// shop the buyer that issues it. Pure: the facts come from read-invoice.server.ts.
//
// VAT: the app records no VAT rate, so it exports only what it can state exactly —
//   - reverse charge between two EU member states: category AE, 0 %, VATEX-EU-AE, both VAT ids;
//   - a creator without a VAT registration: category O (not subject to VAT), VATEX-EU-O, no VAT ids;
// and refuses, with a sentence, a VAT-registered creator whose supply is taxed at a rate it does
// not know. Amounts are exact decimal strings from integer minor units.
import { create } from "xmlbuilder2";
import { minorUnitExponent, parseCurrencyCode } from "~/domain/currency";
import { DomainError } from "~/domain/errors";
import { toDecimalString } from "~/domain/money";
import { selfBillingStatement, type InvoiceDocument } from "./invoice-pdf";
import { checkVatId, hasVatNumberFormat } from "./vat-id";
import { REVERSE_CHARGE_NOTE } from "./vat-treatment";

export const PEPPOL_SELF_BILLING_CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:selfbilling:3.0";
export const PEPPOL_SELF_BILLING_PROFILE = "urn:fdc:peppol.eu:2017:poacc:selfbilling:01:1.0";
export const SELF_BILLED_INVOICE = "389";

const NAMESPACES = {
  "@xmlns": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  "@xmlns:cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
  "@xmlns:cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
};

/** What the e-invoice needs beyond the PDF's facts. */
export interface EInvoiceDocument extends InvoiceDocument {
  payoutId: string;
  shopCountry: string | null;
  shopVatNumber: string | null;
  /** The shop's electronic address (Peppol BT-49): its reply-to address. */
  shopEmail: string | null;
}

function refuse(message: string): never {
  throw new DomainError("e_invoice_refused", message);
}

type VatCategory = { id: "AE"; sellerVatId: string; buyerVatId: string } | { id: "O" };

function vatCategory(invoice: EInvoiceDocument, creatorCountry: string, shopCountry: string): VatCategory {
  if (invoice.vat.kind === "reverse_charge") {
    if (!invoice.creator.taxId) refuse("Add the creator's VAT number (Edit creator → Tax ID): a reverse-charge e-invoice must name it.");
    const seller = checkVatId(invoice.creator.taxId, creatorCountry);
    if (!seller.ok) refuse(`The creator's VAT number cannot go on an e-invoice: ${seller.message} Correct it under Edit creator → Tax ID.`);
    if (!invoice.shopVatNumber) refuse("Add your store's VAT number in Settings → Payouts: a reverse-charge e-invoice must name it.");
    const buyer = checkVatId(invoice.shopVatNumber, shopCountry);
    if (!buyer.ok) refuse(`Your store's VAT number cannot go on an e-invoice: ${buyer.message} Correct it in Settings → Payouts.`);
    return { id: "AE", sellerVatId: seller.vatId, buyerVatId: buyer.vatId };
  }
  // Outside a VAT area the app knows, the creator's tax id is not a VAT number (a US TIN).
  if (invoice.creator.taxId && hasVatNumberFormat(creatorCountry) && checkVatId(invoice.creator.taxId, creatorCountry).ok) {
    refuse(
      "This creator has a VAT number and supplies a business in the same VAT area, so the invoice needs VAT at a rate the app does not record. Download the PDF and add the VAT in your accounting system.",
    );
  }
  return { id: "O" };
}

/** Peppol (BR-DEC) allows at most two decimals in amounts. */
function decimalAmount(amountMinor: number, currency: string): string {
  return toDecimalString({ amountMinor, currency: parseCurrencyCode(currency) });
}

function postalAddress(lines: string[], country: string) {
  const [street, additional, ...rest] = lines;
  return {
    ...(street ? { "cbc:StreetName": street } : {}),
    ...(additional ? { "cbc:AdditionalStreetName": additional } : {}),
    ...(rest.length ? { "cac:AddressLine": { "cbc:Line": rest.join(", ") } } : {}),
    "cac:Country": { "cbc:IdentificationCode": country },
  };
}

function party(input: { email: string; name: string; lines: string[]; country: string; vatId: string | null }) {
  return {
    "cac:Party": {
      "cbc:EndpointID": { "@schemeID": "EM", "#": input.email },
      "cac:PartyName": { "cbc:Name": input.name },
      "cac:PostalAddress": postalAddress(input.lines, input.country),
      ...(input.vatId ? { "cac:PartyTaxScheme": { "cbc:CompanyID": input.vatId, "cac:TaxScheme": { "cbc:ID": "VAT" } } } : {}),
      "cac:PartyLegalEntity": { "cbc:RegistrationName": input.name },
      "cac:Contact": { "cbc:ElectronicMail": input.email },
    },
  };
}

function taxCategory(category: VatCategory, withReason: boolean) {
  return {
    "cbc:ID": category.id,
    ...(category.id === "AE" ? { "cbc:Percent": "0" } : {}),
    ...(withReason
      ? category.id === "AE"
        ? { "cbc:TaxExemptionReasonCode": "VATEX-EU-AE", "cbc:TaxExemptionReason": REVERSE_CHARGE_NOTE }
        : { "cbc:TaxExemptionReasonCode": "VATEX-EU-O", "cbc:TaxExemptionReason": "Not subject to VAT" }
      : {}),
    "cac:TaxScheme": { "cbc:ID": "VAT" },
  };
}

/** The UBL 2.1 XML of a self-billing invoice, or a DomainError saying what to fix first. */
export function renderInvoiceUbl(invoice: EInvoiceDocument): string {
  const currency = parseCurrencyCode(invoice.currency);
  if (minorUnitExponent(currency) > 2) {
    refuse(`Peppol e-invoices carry at most two decimals, and ${currency} has ${minorUnitExponent(currency)}. Download the PDF instead.`);
  }
  const creatorCountry = invoice.creator.taxCountry?.trim().toUpperCase();
  if (!creatorCountry) refuse("Add the creator's tax country (Edit creator → Tax country): an e-invoice must name the seller's country.");
  const shopCountry = invoice.shopCountry?.trim().toUpperCase();
  if (!shopCountry)
    refuse("Shopify has not given your store's billing country yet. Add it in Shopify's Settings → Store details, then try again.");
  if (!invoice.shopEmail) refuse("Add a reply-to address in Settings → Creators: an e-invoice needs your store's electronic address.");
  if (invoice.items.length === 0) refuse("This payout has no items, so its invoice has no lines to export.");
  const category = vatCategory(invoice, creatorCountry, shopCountry);
  const linesTotal = invoice.items.reduce((sum, item) => sum + item.amountMinor, 0);
  if (linesTotal !== invoice.totalMinor) throw new Error(`Invoice ${invoice.invoiceLabel}: its lines do not add up to its total`);

  const amount = (minor: number) => ({ "@currencyID": currency, "#": decimalAmount(minor, currency) });
  const paid = invoice.payment !== null;
  const document = {
    Invoice: {
      ...NAMESPACES,
      "cbc:CustomizationID": PEPPOL_SELF_BILLING_CUSTOMIZATION,
      "cbc:ProfileID": PEPPOL_SELF_BILLING_PROFILE,
      "cbc:ID": invoice.invoiceLabel,
      "cbc:IssueDate": invoice.issuedOn,
      "cbc:InvoiceTypeCode": SELF_BILLED_INVOICE,
      "cbc:Note": selfBillingStatement(invoice),
      "cbc:DocumentCurrencyCode": currency,
      "cbc:BuyerReference": invoice.payoutId,
      "cac:AccountingSupplierParty": party({
        email: invoice.creator.email,
        name: invoice.creator.name,
        lines: invoice.creator.addressLines,
        country: creatorCountry,
        vatId: category.id === "AE" ? category.sellerVatId : null,
      }),
      "cac:AccountingCustomerParty": party({
        email: invoice.shopEmail,
        name: invoice.shop.legalName ?? invoice.shop.name,
        lines: invoice.shop.addressLines,
        country: shopCountry,
        vatId: category.id === "AE" ? category.buyerVatId : null,
      }),
      "cac:TaxTotal": {
        "cbc:TaxAmount": amount(0),
        "cac:TaxSubtotal": {
          "cbc:TaxableAmount": amount(invoice.totalMinor),
          "cbc:TaxAmount": amount(0),
          "cac:TaxCategory": taxCategory(category, true),
        },
      },
      "cac:LegalMonetaryTotal": {
        "cbc:LineExtensionAmount": amount(invoice.totalMinor),
        "cbc:TaxExclusiveAmount": amount(invoice.totalMinor),
        "cbc:TaxInclusiveAmount": amount(invoice.totalMinor),
        ...(paid ? { "cbc:PrepaidAmount": amount(invoice.totalMinor) } : {}),
        "cbc:PayableAmount": amount(paid ? 0 : invoice.totalMinor),
      },
      "cac:InvoiceLine": invoice.items.map((item, index) => ({
        "cbc:ID": String(index + 1),
        // BR-27: a price is never negative, so a deduction is a negative quantity.
        "cbc:InvoicedQuantity": { "@unitCode": "C62", "#": item.amountMinor < 0 ? "-1" : "1" },
        "cbc:LineExtensionAmount": amount(item.amountMinor),
        "cac:Item": { "cbc:Name": item.label, "cac:ClassifiedTaxCategory": taxCategory(category, false) },
        "cac:Price": { "cbc:PriceAmount": amount(Math.abs(item.amountMinor)) },
      })),
    },
  };
  return create({ version: "1.0", encoding: "UTF-8" }, document).end({ prettyPrint: true });
}
