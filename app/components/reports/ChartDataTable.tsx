// The figures behind a chart, in a plain table styled with Polaris tokens (as the deal page's
// transaction history). Polaris' DataTable costs about 20 µs of server rendering a cell (each cell
// translates its sort label, among others); the 90-day chart's table alone has 270 cells, and it sits
// in a closed <details> with no sorting, scrolling or totals to need it. One rule set per table
// instead of a style attribute per cell keeps the page's HTML small.
const CSS = `
.cp-chart-data { width: 100%; border-collapse: collapse; }
.cp-chart-data th, .cp-chart-data td {
  padding: var(--p-space-200) var(--p-space-300);
  border-block-end: var(--p-border-width-025) solid var(--p-color-border-secondary);
  text-align: end; white-space: nowrap; font-variant-numeric: tabular-nums; font-weight: inherit;
}
.cp-chart-data th:first-child { text-align: start; }
.cp-chart-data thead th { font-weight: var(--p-font-weight-medium); }
`;

/** A label column (row headers) followed by numeric columns. */
export function ChartDataTable({ label, headings, rows }: { label: string; headings: string[]; rows: string[][] }) {
  return (
    <>
      <style>{CSS}</style>
      <table className="cp-chart-data" aria-label={label}>
        <thead>
          <tr>
            {headings.map((heading, index) => (
              <th key={index} scope="col">
                {heading}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(([first, ...figures], index) => (
            <tr key={index}>
              <th scope="row">{first}</th>
              {figures.map((figure, column) => (
                <td key={column}>{figure}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
