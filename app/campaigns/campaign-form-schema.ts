import { z } from "zod";
import { isCalendarDate } from "../domain/calendar";

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || isCalendarDate(v), "Enter a date like 2026-03-31.");

export const campaignFormSchema = z
  .object({
    name: z.string().trim().min(1, "Name the campaign.").max(120, "Keep the name under 120 characters."),
    startsOn: isoDate,
    endsOn: isoDate,
    budget: z.string().trim().optional().default(""),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn, {
    path: ["endsOn"],
    message: "The end date is before the start date.",
  });
