// What Polaris' IndexTable costs to server-render on the Payouts list and the Creators index
// (50 rows each): the route's table as it renders it (IndexTable + IndexRowCells, bulk actions,
// selection) against the same cell contents (links, badges, Text) in a plain <table>, so the
// difference is IndexTable's own share. Measurement only; run: `NODE_ENV=production tsx bench/index-table-render.tsx`.
import { AppProvider, Badge, IndexTable, InlineStack, Link, Text, type IndexTableProps } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { IndexRowCells, type IndexRowCell } from "../app/components/IndexRowCells";

const ROWS = 50;
const payoutCells = (row: number): IndexRowCell[] => [
  {
    heading: "Invoice",
    content: (
      <Text as="span" fontWeight="semibold">
        <Link url={`/app/payouts/po_${row}`} dataPrimaryLink monochrome removeUnderline>
          {`INV-2026-${row}`}
        </Link>
      </Text>
    ),
  },
  { heading: "Creator", content: `Creator ${row}` },
  {
    heading: "Status",
    content: (
      <InlineStack gap="100">
        <Badge tone="info">Ready</Badge>
      </InlineStack>
    ),
  },
  { heading: "Amount", alignment: "end", content: `$${row}.00` },
  { heading: "Created", content: "2026-11-22" },
];
const creatorCells = (row: number): IndexRowCell[] => [
  {
    heading: "Creator",
    content: (
      <Text as="span" fontWeight="semibold">
        <Link url={`/app/creators/cr_${row}`} dataPrimaryLink monochrome removeUnderline>
          {`Creator ${row}`}
        </Link>
      </Text>
    ),
  },
  { heading: "Status", content: <Badge tone="success">Active</Badge> },
  { heading: "Referral code", content: `CODE${row}` },
  { heading: "Payable", alignment: "end", content: `$${row}.00` },
  { heading: "Held", alignment: "end", content: "$0.00" },
  { heading: "Payout details", content: "Stripe" },
];

function indexTable(name: string, cellsOf: (row: number) => IndexRowCell[]) {
  const headings = cellsOf(0).map((cell) => ({ title: cell.heading, alignment: cell.alignment })) as IndexTableProps["headings"];
  return (
    <IndexTable
      resourceName={{ singular: name, plural: `${name}s` }}
      itemCount={ROWS}
      selectedItemsCount={0}
      onSelectionChange={() => {}}
      promotedBulkActions={[{ content: "Act", onAction: () => {} }]}
      condensed={false}
      headings={headings}
    >
      {Array.from({ length: ROWS }, (_, row) => (
        <IndexTable.Row id={`${name}_${row}`} key={row} position={row} selected={false}>
          <IndexRowCells condensed={false} cells={cellsOf(row)} />
        </IndexTable.Row>
      ))}
    </IndexTable>
  );
}

function plainTable(cellsOf: (row: number) => IndexRowCell[]) {
  return (
    <table>
      <thead>
        <tr>
          {cellsOf(0).map((cell) => (
            <th key={cell.heading}>{cell.heading}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: ROWS }, (_, row) => (
          <tr key={row}>
            {cellsOf(row).map((cell, index) => (
              <td key={index}>{cell.content}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function cpuMsPerRender(table: ReactNode, runs = 100) {
  const render = () => renderToString(<AppProvider i18n={en}>{table}</AppProvider>);
  for (let i = 0; i < 20; i++) render();
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) render();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / runs;
}

for (const [page, name, cells] of [
  ["Payouts list", "payout", payoutCells],
  ["Creators index", "creator", creatorCells],
] as const) {
  const index = cpuMsPerRender(indexTable(name, cells));
  const plain = cpuMsPerRender(plainTable(cells));
  console.log(
    `${page} (${ROWS} rows): IndexTable ${index.toFixed(2)} ms, same cells in a plain <table> ${plain.toFixed(2)} ms, IndexTable's share ${(index - plain).toFixed(2)} ms`,
  );
}
