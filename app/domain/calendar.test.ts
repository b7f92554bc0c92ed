import { TZDate } from "@date-fns/tz";
import { addDays as addDaysTo, addMonths, differenceInCalendarDays, getDay, startOfMonth } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  daysInRange,
  firstOfMonth,
  firstOfNextMonth,
  formatShopDate,
  formatShopDateInLanguage,
  fromDateColumn,
  formatShopDateTime,
  instantRange,
  isCalendarDate,
  previousMonth,
  startOfDayInTimeZone,
  startOfMonthInTimeZone,
  toDateColumn,
  todayInTimeZone,
  weekday,
  zonedDateTime,
} from "./calendar";

const at = (iso: string) => new Date(iso);
const iso = (date: Date) => date.toISOString();

describe("calendar dates", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(addDays("2028-03-01", -1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    // A DST change in the process's own zone must not shift a calendar day.
    expect(addDays("2026-03-08", 1)).toBe("2026-03-09");
    expect(addDays("2026-11-01", 1)).toBe("2026-11-02");
  });

  it("knows weekdays, month boundaries and range lengths", () => {
    expect(weekday("2026-03-09")).toBe(1); // a Monday
    expect(weekday("2026-03-08")).toBe(0);
    expect(firstOfMonth("2026-02-17")).toBe("2026-02-01");
    expect(firstOfNextMonth("2026-12-17")).toBe("2027-01-01");
    expect(previousMonth("2026-03-01")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(previousMonth("2026-01-15")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
    expect(daysInRange({ from: "2026-03-01", to: "2026-03-31" })).toBe(31);
    expect(daysInRange({ from: "2026-03-08", to: "2026-03-08" })).toBe(1);
  });

  it("accepts only real days written YYYY-MM-DD", () => {
    expect(isCalendarDate("2028-02-29")).toBe(true);
    for (const bad of ["2026-02-29", "2026-02-30", "2026-13-01", "2026-1-1", "2026-01-01T00:00", "", "tomorrow"]) {
      expect(isCalendarDate(bad), bad).toBe(false);
    }
  });

  it("round-trips a day through a @db.Date column (midnight UTC, whatever the shop's zone)", () => {
    expect(toDateColumn("2026-03-11").toISOString()).toBe("2026-03-11T00:00:00.000Z");
    expect(fromDateColumn(new Date("2026-03-11T00:00:00Z"))).toBe("2026-03-11");
  });

  it("adding days then subtracting them gives the day back", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1990-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        fc.integer({ min: -800, max: 800 }),
        (date, days) => {
          const day = date.toISOString().slice(0, 10);
          expect(addDays(addDays(day, days), -days)).toBe(day);
          expect(daysInRange({ from: day, to: addDays(day, days < 0 ? -days : days) })).toBe(Math.abs(days) + 1);
        },
      ),
    );
  });

  it("agrees with date-fns on a UTC date, from year 0100 to 9999 (the plain UTC arithmetic is exact)", () => {
    const ymd = (date: Date) =>
      `${String(date.getFullYear()).padStart(4, "0")}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;
    fc.assert(
      fc.property(
        // date-fns, like Date, reads a year below 100 as 19xx: the reference starts at 0100.
        fc.date({ min: new Date("0100-01-01T00:00:00Z"), max: new Date("9999-12-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -4000, max: 4000 }),
        (instant, days) => {
          const day = instant.toISOString().slice(0, 10);
          const reference = new TZDate(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)), "UTC");
          const later = addDaysTo(reference, Math.abs(days));
          if (later.getFullYear() > 9999) return;
          expect(addDays(day, Math.abs(days))).toBe(ymd(later));
          expect(weekday(day)).toBe(getDay(reference));
          expect(firstOfMonth(day)).toBe(ymd(startOfMonth(reference)));
          if (reference.getFullYear() < 9999 || reference.getMonth() < 11)
            expect(firstOfNextMonth(day)).toBe(ymd(addMonths(startOfMonth(reference), 1)));
          expect(daysInRange({ from: day, to: ymd(later) })).toBe(differenceInCalendarDays(later, reference) + 1);
          expect(isCalendarDate(day)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    // Below year 100 too, where Date.UTC would have read 0099 as 1999.
    expect(addDays("0099-12-31", 1)).toBe("0100-01-01");
    expect(firstOfNextMonth("0001-12-15")).toBe("0002-01-01");
    expect(daysInRange({ from: "0004-02-28", to: "0004-03-01" })).toBe(3);
  });
});

describe("the shop's day at an instant", () => {
  it("is the Tokyo date for a Tokyo shop's morning order placed the previous day in UTC", () => {
    expect(todayInTimeZone(at("2026-03-10T23:30:00Z"), "Asia/Tokyo")).toBe("2026-03-11");
    expect(formatShopDate(at("2026-03-10T23:30:00Z"), "Asia/Tokyo")).toBe("2026-03-11");
    expect(formatShopDateTime(at("2026-03-10T23:30:00Z"), "Asia/Tokyo")).toBe("2026-03-11 08:30");
  });

  it("is the Los Angeles date for an evening order placed the next day in UTC, on both sides of DST", () => {
    // PST (UTC-8) before 2026-03-08, PDT (UTC-7) after; back to PST on 2026-11-01.
    expect(formatShopDateTime("2026-03-08T05:30:00Z", "America/Los_Angeles")).toBe("2026-03-07 21:30");
    expect(formatShopDateTime("2026-03-09T04:30:00Z", "America/Los_Angeles")).toBe("2026-03-08 21:30");
    expect(formatShopDateTime("2026-11-01T08:30:00Z", "America/Los_Angeles")).toBe("2026-11-01 01:30"); // first 01:30, PDT
    expect(formatShopDateTime("2026-11-01T09:30:00Z", "America/Los_Angeles")).toBe("2026-11-01 01:30"); // second 01:30, PST
    expect(formatShopDate("2026-11-02T07:59:00Z", "America/Los_Angeles")).toBe("2026-11-01");
  });

  it("follows half-hour and quarter-hour zones", () => {
    expect(formatShopDateTime("2026-01-15T18:29:00Z", "Asia/Kolkata")).toBe("2026-01-15 23:59");
    expect(formatShopDateTime("2026-01-15T18:30:00Z", "Asia/Kolkata")).toBe("2026-01-16 00:00");
    expect(formatShopDateTime("2026-01-15T18:15:00Z", "Asia/Kathmandu")).toBe("2026-01-16 00:00");
    expect(formatShopDate("2026-07-01T02:00:00Z", "America/St_Johns")).toBe("2026-06-30"); // UTC-02:30 in summer
  });

  it("shows the shop's day in the reader's language (the portal), a calendar date as that very day", () => {
    expect(formatShopDateInLanguage(at("2026-03-10T23:30:00Z"), "Asia/Tokyo", "en-US")).toBe("Mar 11, 2026");
    expect(formatShopDateInLanguage(at("2026-03-10T23:30:00Z"), "Asia/Tokyo", "fr-FR")).toBe("11 mars 2026");
    expect(formatShopDateInLanguage("2026-03-10", "Asia/Tokyo", "en-US")).toBe("Mar 10, 2026");
  });

  it("agrees with @date-fns/tz on the wall clock in any zone, from year 0002 to 9999 (the formatted text is read directly)", () => {
    const zones = [
      "UTC",
      "Asia/Tokyo",
      "America/Los_Angeles",
      "Asia/Kolkata",
      "Asia/Kathmandu",
      "America/St_Johns",
      "Europe/Berlin",
      "Pacific/Chatham",
    ];
    const two = (n: number) => String(n).padStart(2, "0");
    fc.assert(
      fc.property(
        fc.date({ min: new Date("0002-01-01T00:00:00Z"), max: new Date("9999-12-31T00:00:00Z"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const t = new TZDate(instant.getTime(), zone);
          const day = `${String(t.getFullYear()).padStart(4, "0")}-${two(t.getMonth() + 1)}-${two(t.getDate())}`;
          expect(formatShopDateTime(instant, zone)).toBe(`${day} ${two(t.getHours())}:${two(t.getMinutes())}`);
          expect(formatShopDate(instant.toISOString(), zone)).toBe(day);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("shows UTC for a zone name the runtime does not know", () => {
    expect(formatShopDateTime("2026-01-15T23:30:00Z", "Mars/Olympus")).toBe("2026-01-15 23:30");
    expect(startOfDayInTimeZone("2026-01-15", "Mars/Olympus").toISOString()).toBe("2026-01-15T00:00:00.000Z");
  });
});

describe("days as instants in the shop's zone", () => {
  it("starts days at the zone's midnight, with the offset in force that day", () => {
    expect(iso(startOfDayInTimeZone("2026-03-11", "Asia/Tokyo"))).toBe("2026-03-10T15:00:00.000Z");
    expect(iso(startOfDayInTimeZone("2026-03-08", "America/Los_Angeles"))).toBe("2026-03-08T08:00:00.000Z"); // PST
    expect(iso(startOfDayInTimeZone("2026-03-09", "America/Los_Angeles"))).toBe("2026-03-09T07:00:00.000Z"); // PDT
    expect(iso(startOfDayInTimeZone("2026-11-01", "America/Los_Angeles"))).toBe("2026-11-01T07:00:00.000Z"); // still PDT
    expect(iso(startOfDayInTimeZone("2026-11-02", "America/Los_Angeles"))).toBe("2026-11-02T08:00:00.000Z"); // PST
    expect(iso(startOfDayInTimeZone("2026-01-15", "Asia/Kolkata"))).toBe("2026-01-14T18:30:00.000Z");
    // Chile skips midnight when DST starts: the day begins at 01:00 -03:00.
    expect(iso(startOfDayInTimeZone("2026-09-06", "America/Santiago"))).toBe("2026-09-06T04:00:00.000Z");
  });

  it("covers days with a half-open range: a DST day is 23 or 25 hours long", () => {
    const spring = instantRange({ from: "2026-03-08", to: "2026-03-08" }, "America/Los_Angeles");
    expect(spring.end.getTime() - spring.start.getTime()).toBe(23 * 3_600_000);
    const autumn = instantRange({ from: "2026-11-01", to: "2026-11-01" }, "America/Los_Angeles");
    expect(autumn.end.getTime() - autumn.start.getTime()).toBe(25 * 3_600_000);
    expect(instantRange({ from: "2026-03-01" }, "Asia/Tokyo")).toEqual({ start: at("2026-02-28T15:00:00Z"), end: undefined });
  });

  it("puts every instant inside the range of its own shop day", () => {
    const zones = ["Asia/Tokyo", "America/Los_Angeles", "Asia/Kolkata", "Australia/Adelaide", "America/St_Johns", "Europe/Berlin", "UTC"];
    fc.assert(
      fc.property(
        fc.date({ min: new Date("2000-01-01"), max: new Date("2060-01-01"), noInvalidDate: true }),
        fc.constantFrom(...zones),
        (instant, zone) => {
          const day = todayInTimeZone(instant, zone);
          const { start, end } = instantRange({ from: day, to: day }, zone);
          expect(start.getTime()).toBeLessThanOrEqual(instant.getTime());
          expect(instant.getTime()).toBeLessThan(end.getTime());
          expect(formatShopDate(start, zone)).toBe(day);
        },
      ),
    );
  });

  it("starts the shop's month at its local midnight on the 1st", () => {
    expect(iso(startOfMonthInTimeZone(at("2026-02-28T16:00:00Z"), "Asia/Tokyo"))).toBe("2026-02-28T15:00:00.000Z"); // already March 1st in Tokyo
    expect(iso(startOfMonthInTimeZone(at("2026-04-01T03:00:00Z"), "America/Los_Angeles"))).toBe("2026-03-01T08:00:00.000Z"); // still March 31st in LA
  });

  it("formats the audit CSV's wall clock with the offset in force", () => {
    expect(zonedDateTime(at("2026-03-08T10:00:00Z"), "America/Los_Angeles")).toEqual({ local: "2026-03-08 03:00:00", offset: "UTC-07:00" });
    expect(zonedDateTime(at("2026-03-08T09:59:59Z"), "America/Los_Angeles")).toEqual({ local: "2026-03-08 01:59:59", offset: "UTC-08:00" });
    expect(zonedDateTime(at("2026-01-15T00:00:00Z"), "Asia/Kathmandu")).toEqual({ local: "2026-01-15 05:45:00", offset: "UTC+05:45" });
  });
});
