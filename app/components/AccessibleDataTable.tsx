import type { DataTableProps } from "@shopify/polaris";
import { SortAscendingIcon, SortDescendingIcon } from "@shopify/polaris-icons";
import { useState, type ReactNode } from "react";

/**
 * A plain semantic <table> with Polaris DataTable's own class names (so Polaris' stylesheet
 * draws it the same), for the props this app passes. Why not DataTable itself: it costs about
 * 20 µs of server rendering a cell (a component, a translation and a hover handler per cell),
 * about 8 ms for a 50-row report page against well under 1 ms here. Left out on purpose: the
 * condensed mode's column arrows and sticky header (the scroll region below scrolls sideways and
 * takes keyboard focus instead), fixed first columns, truncation, density and zebra stripes.
 * The scroll region is focusable and named in the server's HTML (axe: scrollable-region-focusable).
 */
type Props = Pick<
  DataTableProps,
  | "headings"
  | "rows"
  | "columnContentTypes"
  | "totals"
  | "totalsName"
  | "showTotalsInFooter"
  | "sortable"
  | "defaultSortDirection"
  | "initialSortColumnIndex"
  | "onSort"
  | "footerContent"
> & { label: string };

type SortDirection = NonNullable<DataTableProps["defaultSortDirection"]>;

const CELL = "Polaris-DataTable__Cell Polaris-DataTable__Cell--verticalAlignTop";
const NUMERIC = " Polaris-DataTable__Cell--numeric";
// Polaris marks a hovered row's cells from a mouseenter handler; CSS does it without one. No ">"
// or "&" in it: React escapes a <style>'s text on the server, which breaks the rule and hydration.
const HOVER_CSS =
  "@media (min-width: 48em){.Polaris-DataTable--hoverable:hover .Polaris-DataTable__Cell{background:var(--p-color-bg-surface-hover)}}";

export function AccessibleDataTable({
  label,
  headings,
  rows,
  columnContentTypes,
  totals,
  totalsName,
  showTotalsInFooter = false,
  sortable,
  defaultSortDirection = "ascending",
  initialSortColumnIndex = 0,
  onSort,
  footerContent,
}: Props) {
  // As DataTable: the sorted column and direction are the table's own once a heading is clicked.
  const [sort, setSort] = useState<{ column: number; direction: SortDirection }>({
    column: initialSortColumnIndex,
    direction: defaultSortDirection,
  });
  const numeric = (column: number) => (columnContentTypes[column] === "numeric" ? NUMERIC : "");

  const headingCells = headings.map((heading, column) => {
    const isSortable = sortable?.[column] === true;
    if (!isSortable) {
      return (
        <th
          key={column}
          data-polaris-header-cell="true"
          scope="col"
          className={`${CELL} Polaris-DataTable__Cell--header${numeric(column)}`}
        >
          {heading}
        </th>
      );
    }
    const sorted = sort.column === column;
    // The direction a click sorts by, which is what the button says.
    const next: SortDirection = sorted ? (sort.direction === "ascending" ? "descending" : "ascending") : defaultSortDirection;
    const SortIcon = (sorted ? sort.direction : defaultSortDirection) === "descending" ? SortDescendingIcon : SortAscendingIcon;
    return (
      <th
        key={column}
        data-polaris-header-cell="true"
        scope="col"
        aria-sort={sorted ? sort.direction : "none"}
        className={`${CELL} Polaris-DataTable__Cell--header${numeric(column)} Polaris-DataTable__Cell--sortable${sorted ? " Polaris-DataTable__Cell--sorted" : ""}`}
      >
        <button
          type="button"
          className={`Polaris-DataTable__Heading${columnContentTypes[column] === "text" ? " Polaris-DataTable__Heading--left" : ""}`}
          onClick={() => {
            setSort({ column, direction: next });
            onSort?.(column, next);
          }}
        >
          <span className="Polaris-DataTable__Icon">
            {/* Polaris' <Icon>'s markup, without its breakpoint hook per heading. */}
            <span className="Polaris-Icon">
              <span className="Polaris-Text--root Polaris-Text--visuallyHidden">{`sort ${next} by`}</span>
              <SortIcon className="Polaris-Icon__Svg" focusable="false" aria-hidden="true" />
            </span>
          </span>
          {heading}
        </button>
      </th>
    );
  });

  let totalsRow: ReactNode = null;
  if (totals) {
    const label = totals.filter((total) => total !== "").length > 1 ? (totalsName?.plural ?? "Totals") : (totalsName?.singular ?? "Total");
    const totalClass = ` Polaris-DataTable__Cell--total${showTotalsInFooter ? " Polaris-DataTable--cellTotalFooter" : ""}`;
    totalsRow = (
      <tr>
        <th scope="row" className={`${CELL} Polaris-DataTable__Cell--firstColumn${totalClass}`}>
          {label}
        </th>
        {totals.slice(1).map((total, index) => (
          <td key={index} className={`${CELL}${totalClass}${total === "" ? "" : numeric(index + 1)}`}>
            {total === "" ? null : total}
          </td>
        ))}
      </tr>
    );
  }

  const tableClass = `Polaris-DataTable${totals ? " Polaris-DataTable__ShowTotals" : ""}${showTotalsInFooter ? " Polaris-DataTable__ShowTotalsInFooter" : ""}`;
  return (
    <div>
      <style>{HOVER_CSS}</style>
      <div className={tableClass}>
        <div className="Polaris-DataTable__ScrollContainer" role="region" aria-label={label} tabIndex={0}>
          <table className="Polaris-DataTable__Table">
            <thead>
              <tr>{headingCells}</tr>
              {!showTotalsInFooter && totalsRow}
            </thead>
            <tbody>
              {rows.map((row, index) => (
                <tr key={index} className="Polaris-DataTable__TableRow Polaris-DataTable--hoverable">
                  {row.map((content, column) =>
                    column === 0 ? (
                      <th key={column} scope="row" className={`${CELL} Polaris-DataTable__Cell--firstColumn${numeric(0)}`}>
                        {content}
                      </th>
                    ) : (
                      <td key={column} className={`${CELL}${numeric(column)}`}>
                        {content}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
            {showTotalsInFooter && totalsRow && <tfoot>{totalsRow}</tfoot>}
          </table>
        </div>
        {footerContent ? <div className="Polaris-DataTable__Footer">{footerContent}</div> : null}
      </div>
    </div>
  );
}
