import { Text } from "@shopify/polaris";

export function Detail({ label, value }: { label: string; value: string | null | undefined }) {
  return (
    <div style={{ marginBottom: "var(--p-space-200)" }}>
      <dt>
        <Text as="span" tone="subdued" variant="bodySm">
          {label}
        </Text>
      </dt>
      <dd style={{ margin: 0 }}>
        <Text as="span">{value || "—"}</Text>
      </dd>
    </div>
  );
}
