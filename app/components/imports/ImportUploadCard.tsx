import { useSubmit } from "@remix-run/react";
import { BlockStack, Button, Card, InlineStack, Link, Select, Text } from "@shopify/polaris";
import { useRef, useState } from "react";
import { IMPORT_PRESET_IDS, IMPORT_PRESETS } from "~/domain/creator-import/import-presets";

const PRESET_OPTIONS = [
  { label: "Detect from the header row", value: "auto" },
  ...IMPORT_PRESET_IDS.map((id) => ({ label: IMPORT_PRESETS[id].label, value: id })),
];

/** The file and its format; "Preview" first, "Import" once the preview shows no error. */
export function ImportUploadCard({ canImport, busy }: { canImport: boolean; busy: boolean }) {
  const formRef = useRef<HTMLFormElement>(null);
  const submit = useSubmit();
  const [preset, setPreset] = useState("auto");
  const send = (intent: "preview" | "import") => {
    if (!formRef.current) return;
    const form = new FormData(formRef.current);
    form.set("intent", intent);
    submit(form, { method: "post", encType: "multipart/form-data" });
  };
  return (
    <Card>
      <form ref={formRef} method="post" encType="multipart/form-data" onSubmit={(event) => event.preventDefault()}>
        <BlockStack gap="300">
          <Text as="h2" variant="headingMd">
            Creators file
          </Text>
          <Text as="p" tone="subdued">
            A CSV file exported from UpPromote, GoAffPro or Refersion, or filled in from{" "}
            <Link url="/app/exports/creator-import-template.csv">the Creator Payouts template</Link>. Up to 20,000 creators and 6 MiB.
            Creators already here are found by email; importing the same file again changes nothing.
          </Text>
          <label htmlFor="creator-import-file">
            <Text as="span" variant="bodyMd">
              CSV file
            </Text>
          </label>
          <input id="creator-import-file" type="file" name="file" accept=".csv,text/csv" required />
          <Select label="Format" name="preset" options={PRESET_OPTIONS} value={preset} onChange={setPreset} />
          <InlineStack gap="200">
            <Button onClick={() => send("preview")} loading={busy}>
              Preview
            </Button>
            <Button variant="primary" disabled={!canImport || busy} onClick={() => send("import")}>
              Import
            </Button>
          </InlineStack>
        </BlockStack>
      </form>
    </Card>
  );
}
