import type { CSSProperties } from "react";

// The figures behind a chart, in a plain table styled with Polaris tokens (as the deal page's
// transaction history). Polaris' DataTable costs about 20 µs of server rendering a cell (each cell
// translates its sort label, among others); the 90-day chart's table alone has 270 cells, and it sits
// in a closed <details> with no sorting, scrolling or totals to need it.
const TABLE: CSSProperties = { width: "100%", borderCollapse: "collapse" };
const CELL: CSSProperties = {
  padding: "var(--p-space-200) var(--p-space-300)",
  borderBlockEnd: "var(--p-border-width-025) solid var(--p-color-border-secondary)",
  textAlign: "start",
};
const HEAD: CSSProperties = { ...CELL, fontWeight: "var(--p-font-weight-medium)" as CSSProperties["fontWeight"] };
const NUMBER: CSSProperties = { ...CELL, textAlign: "end", whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" };
const NUMBER_HEAD: CSSProperties = { ...HEAD, textAlign: "end" };

/** A label column (row headers) followed by numeric columns. */
export function ChartDataTable({ label, headings, rows }: { label: string; headings: string[]; rows: string[][] }) {
  return (
    <table style={TABLE} aria-label={label}>
      <thead>
        <tr>
          {headings.map((heading, index) => (
            <th key={index} scope="col" style={index === 0 ? HEAD : NUMBER_HEAD}>
              {heading}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([first, ...figures], index) => (
          <tr key={index}>
            <th scope="row" style={{ ...CELL, fontWeight: "inherit" }}>
              {first}
            </th>
            {figures.map((figure, column) => (
              <td key={column} style={NUMBER}>
                {figure}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
