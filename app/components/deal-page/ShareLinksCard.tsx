// The deal page's link builder (issue #14 item 2): pick a product or collection with App Bridge's
// resource picker, or type a path (pages: the picker chooses only products, variants and
// collections), and get one link per discount code of the creator — or a plain referral link —
// each with a Copy button and a QR code (SVG shown, SVG and PNG downloadable).
import { useAppBridge } from "@shopify/app-bridge-react";
import { BlockStack, Box, Button, Card, InlineStack, Text, TextField } from "@shopify/polaris";
import QRCode from "qrcode";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { buildShareLink, parseStorePath, type StorePathProblem } from "~/domain/share-link";
import { qrCodeSvgDataUrl } from "~/share-links/qr-code-svg";
import { useEmbedded } from "~/components/Feedback";
import type { CreatorDiscountRow } from "./ShopifyDiscountsCard";

const PROBLEM: Record<StorePathProblem, string> = {
  empty: "Enter the page to link to, such as / or /products/trail-shoe.",
  full_url: "Enter only the path on your store (it starts with /), not a full address.",
  not_a_store_path: "A link can open the home page (/), a product (/products/…), a collection (/collections/…) or a page (/pages/…).",
  bad_handle: "That handle has characters a Shopify handle cannot have.",
};

/** Shopify's resource picker (embedded admin only: useAppBridge needs App Bridge). */
function PickerButtons({ onPicked }: { onPicked: (path: string, title: string) => void }) {
  const shopify = useAppBridge();
  const pick = async (type: "product" | "collection") => {
    const selection = await shopify.resourcePicker({ type, action: "select", multiple: false });
    const picked = selection?.[0];
    if (!picked) return;
    onPicked(`/${type === "product" ? "products" : "collections"}/${picked.handle}`, picked.title);
  };
  return (
    <InlineStack gap="200">
      <Button onClick={() => void pick("product")}>Choose product</Button>
      <Button onClick={() => void pick("collection")}>Choose collection</Button>
    </InlineStack>
  );
}

function fileName(label: string, extension: string) {
  return `${label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")}-qr.${extension}`;
}

/** One link: the address (read-only, selectable), Copy with a spoken "Copied", its QR code. */
function ShareLinkRow({ label, url, note }: { label: string; url: string; note?: string }) {
  const [copied, setCopied] = useState(false);
  const [status, setStatus] = useState("");
  const fieldId = useId();
  const timer = useRef<ReturnType<typeof setTimeout>>();
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    setCopied(false);
    setStatus("");
  }, [url]);
  // "Link with NORA15" → "link with NORA15": codes keep their case when read aloud or shown.
  const inSentence = label.charAt(0).toLowerCase() + label.slice(1);
  const qrTitle = `QR code for the ${inSentence}`;
  const svg = useMemo(() => qrCodeSvgDataUrl(url, qrTitle), [url, qrTitle]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
      setStatus(`${label} copied.`);
      clearTimeout(timer.current);
      timer.current = setTimeout(() => setCopied(false), 4000);
    } catch {
      // The admin's frame or the browser refused the clipboard: select the text instead.
      const input = document.getElementById(fieldId) as HTMLTextAreaElement | null;
      input?.focus();
      input?.select();
      setStatus("Copying was refused by the browser: the link is selected, press Ctrl+C (⌘C on a Mac).");
    }
  };

  const downloadPng = async () => {
    const dataUrl = await QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 4, width: 1024 });
    const anchor = document.createElement("a");
    anchor.href = dataUrl;
    anchor.download = fileName(label, "png");
    anchor.click();
  };

  return (
    <Box borderColor="border" borderWidth="025" borderRadius="200" padding="300">
      <BlockStack gap="200">
        <InlineStack gap="200" blockAlign="end" wrap={false}>
          <div style={{ flex: "1 1 auto", minWidth: 0 }}>
            {/* Multiline so the whole link shows in the narrow column. */}
            <TextField id={fieldId} label={label} value={url} readOnly multiline autoComplete="off" helpText={note} />
          </div>
          <Button onClick={() => void copy()} accessibilityLabel={copied ? `Copied ${inSentence}` : `Copy ${inSentence}`}>
            {copied ? "Copied" : "Copy"}
          </Button>
        </InlineStack>
        <p role="status" aria-live="polite" style={{ minHeight: "1.25em", margin: 0 }}>
          <Text as="span" tone="success">
            {status}
          </Text>
        </p>
        <InlineStack gap="300" blockAlign="center">
          <img src={svg} alt={qrTitle} width={132} height={132} data-share-link-qr={url} />
          <BlockStack gap="100">
            {/* A plain anchor: the app's link component routes urls, and this one is a data: URL to save. */}
            <a href={svg} download={fileName(label, "svg")} aria-label={`Download the ${qrTitle} as SVG`} className="Polaris-Link">
              Download SVG
            </a>
            <Button onClick={() => void downloadPng()} variant="plain" accessibilityLabel={`Download the ${qrTitle} as PNG`}>
              Download PNG
            </Button>
          </BlockStack>
        </InlineStack>
      </BlockStack>
    </Box>
  );
}

function safeLink(input: Parameters<typeof buildShareLink>[0]): string | null {
  try {
    return buildShareLink(input);
  } catch {
    return null;
  }
}

export function ShareLinksCard({
  shopDomain,
  referralCode,
  codes,
}: {
  shopDomain: string;
  referralCode: string;
  codes: CreatorDiscountRow[];
}) {
  const embedded = useEmbedded();
  const [path, setPath] = useState("/");
  const [pickedTitle, setPickedTitle] = useState<string | null>(null);
  const parsed = parseStorePath(path);
  // A code deleted in Shopify makes a link that applies nothing: leave it out.
  const usable = codes.filter((c) => c.stateLabel !== "Deleted in Shopify");
  const links = parsed.ok
    ? usable.length > 0
      ? usable.map((c) => ({
          key: c.code,
          label: `Link with ${c.code}`,
          url: safeLink({ shopDomain, referralCode, target: parsed.target, discountCode: c.code }),
          note:
            c.stateLabel === "Deactivated" || c.stateLabel === "Expired"
              ? `${c.code} is ${c.stateLabel.toLowerCase()} in Shopify: this link credits the creator but gives no discount.`
              : undefined,
        }))
      : [{ key: "referral", label: "Referral link", url: safeLink({ shopDomain, referralCode, target: parsed.target }), note: undefined }]
    : [];

  return (
    <Card>
      <BlockStack gap="300">
        <Text as="h2" variant="headingMd">
          Shareable links
        </Text>
        <Text as="p" tone="subdued">
          A link applies the creator&apos;s discount without typing it, and credits the creator even if the buyer removes the code at
          checkout.
        </Text>
        {embedded && (
          <PickerButtons
            onPicked={(picked, title) => {
              setPath(picked);
              setPickedTitle(title);
            }}
          />
        )}
        <TextField
          label="Page to link to"
          value={path}
          onChange={(value) => {
            setPath(value);
            setPickedTitle(null);
          }}
          autoComplete="off"
          helpText={
            pickedTitle
              ? `${pickedTitle} (${path})`
              : embedded
                ? "Choose a product or collection, or type a path: / for the home page, /pages/<handle> for a page."
                : "Type a path: / for the home page, /products/<handle>, /collections/<handle> or /pages/<handle>."
          }
          error={parsed.ok ? undefined : PROBLEM[parsed.problem]}
        />
        {links.map((link) =>
          link.url ? (
            <ShareLinkRow key={link.key} label={link.label} url={link.url} note={link.note} />
          ) : (
            <Text key={link.key} as="p" tone="critical">
              The referral code {referralCode} cannot be put in a link: edit the creator and give them a code of 2 to 40 letters, digits,
              dashes or underscores.
            </Text>
          ),
        )}
      </BlockStack>
    </Card>
  );
}
