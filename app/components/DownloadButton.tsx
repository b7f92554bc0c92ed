import { Button } from "@shopify/polaris";
import { useState } from "react";

/**
 * Downloads a file from one of the app's routes. Inside the Shopify admin a plain link would
 * lack the session token; fetch() carries it (App Bridge adds it), so fetch, then save the blob.
 */
export function DownloadButton({ url, filename, children }: { url: string; filename: string; children: string }) {
  const [state, setState] = useState<"idle" | "loading" | "error">("idle");
  async function download() {
    setState("loading");
    try {
      const response = await fetch(url);
      if (!response.ok) throw new Error(await response.text());
      const blob = await response.blob();
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = filename;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
      setState("idle");
    } catch {
      setState("error");
    }
  }
  return (
    <Button onClick={download} loading={state === "loading"} tone={state === "error" ? "critical" : undefined} accessibilityLabel={children} fullWidth>
      {state === "error" ? `${children} failed — try again` : children}
    </Button>
  );
}
