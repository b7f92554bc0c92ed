// Server rendering of one 50-row × 9-column admin table (a report page's size), Polaris' DataTable
// against the app's AccessibleDataTable (plain <table> with DataTable's class names), inside Polaris'
// AppProvider as the admin renders it. CPU per render (process.cpuUsage), same run, so the ratio holds
// on a busy machine. Run: `tsx bench/table-render.tsx` (standalone, not part of `npm run bench`).
import { AppProvider, DataTable, type DataTableProps } from "@shopify/polaris";
import en from "@shopify/polaris/locales/en.json";
import type { ReactNode } from "react";
import { renderToString } from "react-dom/server";
import { AccessibleDataTable } from "../app/components/AccessibleDataTable";

const COLUMNS = 8;
const props: DataTableProps = {
  columnContentTypes: ["text", ...Array.from({ length: COLUMNS }, () => "numeric" as const)],
  headings: ["Creator", ...Array.from({ length: COLUMNS }, (_, column) => `Figure ${column}`)],
  rows: Array.from({ length: 50 }, (_, row) => [
    `Creator ${row}`,
    ...Array.from({ length: COLUMNS }, (_, column) => `$${row * column}.00`),
  ]),
  sortable: [false, ...Array.from({ length: COLUMNS }, () => true)],
  initialSortColumnIndex: 2,
  defaultSortDirection: "descending",
  totals: ["", ...Array.from({ length: COLUMNS }, () => "$1.00")],
  showTotalsInFooter: true,
  footerContent: "Page 1 of 3",
};

function cpuMsPerRender(table: ReactNode, runs = 200) {
  const render = () => renderToString(<AppProvider i18n={en}>{table}</AppProvider>);
  for (let i = 0; i < 30; i++) render(); // warm up the JIT
  const start = process.cpuUsage();
  for (let i = 0; i < runs; i++) render();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000 / runs;
}

const empty = cpuMsPerRender(null);
const before = cpuMsPerRender(<DataTable {...props} />);
const after = cpuMsPerRender(<AccessibleDataTable label="Report" {...props} />);
console.log(`50×9 table, CPU per server render (AppProvider alone ${empty.toFixed(2)} ms included):`);
console.log(`  Polaris DataTable    ${before.toFixed(2)} ms`);
console.log(`  AccessibleDataTable  ${after.toFixed(2)} ms   (${(before / after).toFixed(1)}× less)`);
