import { BlockStack, Button, InlineError } from "@shopify/polaris";
import { useId, useState } from "react";

function filenameFrom(response: Response, fallback: string) {
  const header = response.headers.get("Content-Disposition") ?? "";
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback;
}

/**
 * Downloads a file from one of the app's routes. Inside the Shopify admin a plain link would
 * lack the session token; fetch() carries it (App Bridge adds it), so fetch, then save the blob.
 * A refusal's sentence is shown under the button. `form` posts the fields instead of a GET.
 */
export function DownloadButton({
  url,
  filename,
  children,
  form,
  fullWidth = true,
}: {
  url: string;
  filename: string;
  children: string;
  form?: () => URLSearchParams;
  fullWidth?: boolean;
}) {
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: false, error: null });
  const errorId = useId();
  async function download() {
    setState({ loading: true, error: null });
    try {
      const response = await fetch(url, form ? { method: "POST", body: form() } : undefined);
      if (!response.ok) throw new Error((await response.text()) || `The download failed (${response.status}).`);
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = filenameFrom(response, filename);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setState({ loading: false, error: null });
    } catch (error) {
      setState({ loading: false, error: error instanceof Error ? error.message : "The download failed." });
    }
  }
  return (
    <BlockStack gap="100">
      <Button onClick={download} loading={state.loading} fullWidth={fullWidth} ariaDescribedBy={state.error ? errorId : undefined}>
        {children}
      </Button>
      {state.error && <InlineError message={state.error} fieldID={errorId} />}
    </BlockStack>
  );
}
