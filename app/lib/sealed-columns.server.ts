// Every column that holds a sealed secret (app/lib/secret-box.server.ts), and the address each
// value is bound to. Sealing code and `npm run keys:reseal` both read this list, so a new sealed
// column is added here once.
import type { SealedField } from "./secret-box.server";

export interface SealedColumn {
  table: SealedField["table"];
  column: string;
  /** The column holding the row's shop id ("id" for the shop itself). */
  shopIdColumn: string;
}

export const SEALED_COLUMNS: readonly SealedColumn[] = [
  { table: "Shop", column: "stripeSecretKeyCiphertext", shopIdColumn: "id" },
  { table: "Shop", column: "stripePlatformWebhookSecretCiphertext", shopIdColumn: "id" },
  { table: "Shop", column: "stripeConnectWebhookSecretCiphertext", shopIdColumn: "id" },
  { table: "Shop", column: "paypalClientSecretCiphertext", shopIdColumn: "id" },
  { table: "Creator", column: "payoutDetailsCiphertext", shopIdColumn: "shopId" },
  { table: "Creator", column: "taxIdCiphertext", shopIdColumn: "shopId" },
  { table: "PayoutMethodChange", column: "detailsCiphertext", shopIdColumn: "shopId" },
  { table: "PayoutGiftCard", column: "codeCiphertext", shopIdColumn: "shopId" },
  { table: "OutboundEmail", column: "secretCiphertext", shopIdColumn: "shopId" },
  { table: "TaxForm", column: "tinCiphertext", shopIdColumn: "shopId" },
];

export type ShopSecretColumn =
  | "stripeSecretKeyCiphertext"
  | "stripePlatformWebhookSecretCiphertext"
  | "stripeConnectWebhookSecretCiphertext"
  | "paypalClientSecretCiphertext";

export const shopSecretField = (shopId: string, column: ShopSecretColumn): SealedField => ({
  shopId,
  table: "Shop",
  column,
  rowId: shopId,
});

export const creatorPayoutDetailsField = (creator: { id: string; shopId: string }): SealedField => ({
  shopId: creator.shopId,
  table: "Creator",
  column: "payoutDetailsCiphertext",
  rowId: creator.id,
});

export const creatorTaxIdField = (creator: { id: string; shopId: string }): SealedField => ({
  shopId: creator.shopId,
  table: "Creator",
  column: "taxIdCiphertext",
  rowId: creator.id,
});

export const payoutMethodChangeDetailsField = (change: { id: string; shopId: string }): SealedField => ({
  shopId: change.shopId,
  table: "PayoutMethodChange",
  column: "detailsCiphertext",
  rowId: change.id,
});

/** A gift card attempt's code (app/rails/gift-card/). */
export const giftCardCodeField = (card: { id: string; shopId: string }): SealedField => ({
  shopId: card.shopId,
  table: "PayoutGiftCard",
  column: "codeCiphertext",
  rowId: card.id,
});

/** The secret an email fills in at delivery (app/email/send-email.server.ts). */
export const emailSecretField = (email: { id: string; shopId: string }): SealedField => ({
  shopId: email.shopId,
  table: "OutboundEmail",
  column: "secretCiphertext",
  rowId: email.id,
});

/** A tax form's TIN (app/tax-forms/). */
export const taxFormTinField = (form: { id: string; shopId: string }): SealedField => ({
  shopId: form.shopId,
  table: "TaxForm",
  column: "tinCiphertext",
  rowId: form.id,
});
