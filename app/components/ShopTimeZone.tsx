// The shop's IANA time zone for every date a card shows: the route's loader returns it once and
// provides it here, so cards format with formatShopDate(…, useShopTimeZone()) instead of
// each taking a prop.
import { createContext, useContext } from "react";

const ShopTimeZoneContext = createContext("UTC");

export const ShopTimeZoneProvider = ShopTimeZoneContext.Provider;

export function useShopTimeZone(): string {
  return useContext(ShopTimeZoneContext);
}
