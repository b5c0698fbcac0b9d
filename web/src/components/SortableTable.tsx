// Clickable column headers for any table: useSortable keeps which column and direction, SortHeader is the
// header cell (a <button> inside the <th>, aria-sort on the sorted one). The order is components/sort.ts.
//   const s = useSortable(rows, { name: (r) => r.name, value: (r) => (r.suppressed ? null : r.value) });
//   <SortHeader {...s.header('name')}>Tên</SortHeader> … {s.rows.map(…)}
import { useState, type ReactNode } from 'react';
import { nextSort, sortRows, type SortDir, type SortState, type SortValue } from './sort.ts';
import '../styles/analyst.css';

/** How a column sorts: its value, or its value and the direction of its first click (desc: largest first). */
export type SortColumn<T> = ((row: T) => SortValue) | { value: (row: T) => SortValue; first: SortDir };

export interface SortHeaderState {
  /** the column's direction when the table is sorted on it */
  sorted?: 'ascending' | 'descending';
  onSort: () => void;
}

export interface Sortable<T, K extends string> {
  /** the rows in the chosen order (as given until a header is clicked, unless `initial` says otherwise) */
  rows: T[];
  sort: SortState<K> | null;
  /** the props of a column's SortHeader */
  header: (key: K) => SortHeaderState;
}

export function useSortable<T, K extends string>(
  rows: readonly T[],
  columns: Record<K, SortColumn<T>>,
  initial: SortState<K> | null = null,
): Sortable<T, K> {
  const [sort, setSort] = useState<SortState<K> | null>(initial);
  const column = sort ? columns[sort.key] : undefined;
  const value = column ? valueOf(column) : undefined;
  // sorted at each render: a table of a few hundred rows costs nothing, and a value that depends on the
  // language (a translated label) is sorted in the language shown
  const sorted = sort && value ? sortRows(rows, value, sort.dir) : [...rows];
  return {
    rows: sorted,
    sort,
    header: (key) => {
      const c = columns[key];
      return {
        sorted: sort?.key === key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined,
        onSort: () => setSort((s) => nextSort(s, key, 'first' in c ? c.first : 'asc')),
      };
    },
  };
}

const valueOf = <T,>(c: SortColumn<T>): ((row: T) => SortValue) => ('value' in c ? c.value : c);

/** A sortable column's header cell; on a phone (`.sortable--cards`) the headers become a row of sort buttons. */
export function SortHeader({
  sorted,
  onSort,
  children,
  className,
}: SortHeaderState & { children: ReactNode; className?: string }) {
  return (
    <th scope="col" className={className} aria-sort={sorted}>
      <button type="button" className="sortable__button" onClick={onSort}>
        <span>{children}</span>
        <span className="sortable__mark" aria-hidden="true">
          {sorted === 'ascending' ? '▲' : sorted === 'descending' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}
