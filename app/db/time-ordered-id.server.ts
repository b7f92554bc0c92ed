import { randomUUID } from "node:crypto";
import { wallClock } from "../lib/clock.server";

/**
 * A new row id for the tables every order writes: `prefix` + 32 hex digits, the same shape as a
 * random UUID without dashes, but the first 12 digits are the wall-clock milliseconds, so new
 * ids go to the right edge of their indexes instead of a random leaf (less WAL per order: no
 * full-page image of a random leaf after each checkpoint, no half-page splits). The other 20
 * digits are the random tail of a version-4 UUID. The database's column defaults make theirs the
 * same way (time_ordered_hex(), migration 20261209110000_time_ordered_ids). Not a business time.
 */
export function timeOrderedId(prefix: string): string {
  const millis = wallClock().getTime().toString(16).padStart(12, "0");
  return `${prefix}${millis}${randomUUID().replace(/-/g, "").slice(12)}`;
}
