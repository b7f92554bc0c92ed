// The one place that says, per rail, how its payments are listed for reconciliation. A rail added
// to the app adds its lister here, from its own module; a rail without a lister is not shown.
import type { InstantRange } from "../domain/calendar";
import type { RailRecord } from "../domain/reconcile-rail-payments";
import { listGiftCardRecords } from "../rails/gift-card/list-gift-card-records.server";
import type { RailName } from "../rails/rail";
import { listPayPalRecords } from "./list-paypal-records.server";
import { listStoreCreditRecords } from "./list-store-credit-records.server";
import { listStripeRecords } from "./list-stripe-records.server";

export type RailRecordLister = (shopId: string, range: InstantRange) => Promise<RailRecord[]>;

export const RAIL_RECORD_LISTERS: Partial<Record<RailName, RailRecordLister>> = {
  stripe: listStripeRecords,
  store_credit: listStoreCreditRecords,
  paypal: listPayPalRecords,
  gift_card: (shopId, range) => listGiftCardRecords(shopId, { from: range.start, to: range.end }),
};
