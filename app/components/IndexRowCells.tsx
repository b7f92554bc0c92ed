import { BlockStack, IndexTable, InlineStack, Text, useBreakpoints } from "@shopify/polaris";
import type { ReactNode } from "react";

export interface IndexRowCell {
  /** The column heading, shown before the value when the row is a stacked list item. */
  heading: string;
  content: ReactNode;
  alignment?: "start" | "end";
}

/**
 * IndexTable rows become a stacked list on phones (Polaris' condensed mode): true below the
 * `sm` breakpoint. Pass it to the table's `condensed` and to `IndexRowCells`.
 */
export function useCondensedTable(): boolean {
  return useBreakpoints().smDown;
}

/**
 * One row's cells: table cells on wide screens, a stacked list item on phones. The first cell
 * leads (it holds the row's primary link); the others follow as "Heading: value" lines.
 */
export function IndexRowCells({ condensed, cells }: { condensed: boolean; cells: IndexRowCell[] }) {
  if (!condensed) {
    return (
      <>
        {cells.map((cell, index) => (
          <IndexTable.Cell key={index}>
            {cell.alignment === "end" ? (
              <Text as="span" alignment="end" numeric>
                {cell.content}
              </Text>
            ) : (
              cell.content
            )}
          </IndexTable.Cell>
        ))}
      </>
    );
  }
  const [lead, ...rest] = cells;
  return (
    <div style={{ padding: "var(--p-space-300) var(--p-space-400)", width: "100%" }}>
      <BlockStack gap="100">
        {lead.content}
        {rest.map((cell, index) => (
          <InlineStack key={index} gap="200" blockAlign="center" wrap>
            <Text as="span" variant="bodySm" tone="subdued">
              {cell.heading}
            </Text>
            {cell.content}
          </InlineStack>
        ))}
      </BlockStack>
    </div>
  );
}
