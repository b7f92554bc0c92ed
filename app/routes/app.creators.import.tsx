// Import creators from a CSV file (issue 14 §4): preview (writes nothing), then import in the
// background with progress. The file is read within its size limit; bad input is a 4xx sentence.
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { BlockStack, Page } from "@shopify/polaris";
import { data } from "@remix-run/node";
import { requireStaff } from "~/auth/require-staff.server";
import { ImportPreviewCard } from "~/components/imports/ImportPreviewCard";
import { ImportProgressCard } from "~/components/imports/ImportProgressCard";
import { ImportUploadCard } from "~/components/imports/ImportUploadCard";
import { IMPORT_PRESETS, isImportPresetId } from "~/domain/creator-import/import-presets";
import { BODY_LIMITS, readFormData } from "~/http/bounded-body.server";
import { previewCreatorImport } from "~/imports/preview-creator-import.server";
import { readCreatorImports } from "~/imports/read-creator-imports.server";
import { resumeCreatorImport } from "~/imports/resume-creator-import.server";
import { isDomainError } from "~/domain/errors";
import { statusOfDomainError } from "~/http/domain-error-status";
import { startCreatorImport } from "~/imports/start-creator-import.server";
import { useRefreshWhile } from "~/components/useRefreshWhile";

const presetLabel = (id: string) => (isImportPresetId(id) ? IMPORT_PRESETS[id].label : id);

export const loader = async ({ request }: LoaderFunctionArgs) => {
  const { shop } = await requireStaff(request);
  const importId = new URL(request.url).searchParams.get("import");
  return readCreatorImports(shop.id, importId, presetLabel);
};

const badRequest = (message: string) => new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });

export const action = async ({ request }: ActionFunctionArgs) => {
  const { shop, actor } = await requireStaff(request);
  const form = await readFormData(request, BODY_LIMITS.creatorImport);
  const intent = form.get("intent");
  if (intent === "resume") {
    const importId = String(form.get("importId") ?? "");
    await resumeCreatorImport(shop.id, importId, actor).catch((error) => {
      if (isDomainError(error)) throw new Response(error.message, { status: statusOfDomainError(error.code) });
      throw error;
    });
    return redirect(`/app/creators/import?import=${encodeURIComponent(importId)}`);
  }
  if (intent !== "preview" && intent !== "import") throw badRequest("Choose Preview or Import.");
  const file = form.get("file");
  if (!(file instanceof File) || file.size === 0) throw badRequest("Choose a CSV file to import.");
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(await file.arrayBuffer());
  } catch {
    throw badRequest("The file is not UTF-8 text: save it as “CSV UTF-8” and try again.");
  }
  const preset = String(form.get("preset") ?? "auto");
  if (intent === "preview") {
    const preview = await previewCreatorImport(shop.id, text, preset);
    return data({ preview }, { status: preview.errors.length > 0 ? 422 : 200 });
  }
  const started = await startCreatorImport(shop.id, { name: file.name, text }, preset, actor);
  if (!started.ok) return data({ preview: started.preview }, { status: 422 });
  return redirect(`/app/creators/import?import=${started.importId}`);
};

export default function ImportCreatorsPage() {
  const { current } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  useRefreshWhile(current?.status === "running" && !current.stale);
  const preview = result?.preview;
  return (
    <Page title="Import creators" backAction={{ content: "Creators", url: "/app/creators" }}>
      <BlockStack gap="400">
        {current && <ImportProgressCard job={current} />}
        <ImportUploadCard canImport={!!preview && preview.errors.length === 0} busy={navigation.state === "submitting"} />
        {preview && <ImportPreviewCard preview={preview} />}
      </BlockStack>
    </Page>
  );
}
