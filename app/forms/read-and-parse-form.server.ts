import type { z } from "zod";
import { BODY_LIMITS, readFormData, type BodyLimit } from "../http/bounded-body.server";
import { parseForm } from "./parse-form";

/** Reads an admin form within its body limit and parses it with `schema` (see parseForm). */
export async function readAndParseForm<T extends z.ZodTypeAny>(
  request: Request,
  schema: T,
  limit: BodyLimit = BODY_LIMITS.adminForm,
): Promise<z.output<T>> {
  return parseForm(schema, await readFormData(request, limit));
}
