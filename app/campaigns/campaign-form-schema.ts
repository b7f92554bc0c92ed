import { z } from "zod";

const isoDate = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(new Date(`${v}T00:00:00Z`).getTime())), "Enter a date like 2026-03-31.");

export const campaignFormSchema = z
  .object({
    name: z.string().trim().min(1, "Name the campaign.").max(120, "Keep the name under 120 characters."),
    startsOn: isoDate,
    endsOn: isoDate,
    budget: z.string().trim().optional().default(""),
  })
  .refine((c) => !c.startsOn || !c.endsOn || c.startsOn <= c.endsOn, { path: ["endsOn"], message: "The end date is before the start date." });
