// GET /app/exports/creator-import-template.csv — the app's own import format: a header row and
// one example creator.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { csvLines } from "~/documents/csv";
import { fileResponse } from "~/documents/document-responses";
import { TEMPLATE_HEADER } from "~/domain/creator-import/import-presets";

export const loader = async ({ request }: LoaderFunctionArgs) => {
  await requireStaff(request);
  const example = ["Ava Chen", "ava@example.com", "AVA10", "AVA15 AVAVIP", "12.5", "paypal", "120.00", ""];
  return fileResponse(csvLines([[...TEMPLATE_HEADER], example]), {
    contentType: "text/csv; charset=utf-8",
    filename: "creator-import-template.csv",
  });
};
