import { AppError, type ErrorDetail } from '../errors/app-error';

/**
 * A bus floor plan: a grid of `rows` × `columns` (both 1-based in cells), each
 * listed cell a seat (with its label, "1A"), an aisle or an unavailable spot
 * (a door, the driver, a broken seat). Positions not listed are empty floor.
 */
export interface LayoutCell {
  row: number;
  column: number;
  kind: 'seat' | 'aisle' | 'unavailable';
  label?: string;
  seatClass?: string;
}

export interface LayoutGrid {
  rows: number;
  columns: number;
  cells: LayoutCell[];
}

export const LAYOUT_LIMITS = { maxRows: 40, maxColumns: 10 } as const;
const LABEL = /^[A-Z0-9][A-Z0-9-]{0,7}$/;

/**
 * Checks a layout and returns its seats in grid order. The same limits as the
 * table's CHECK (rows 1–40, columns 1–10, at least one seat), so bad input is a
 * VALIDATION_ERROR with paths, never a constraint failure.
 */
export function validateSeatLayout(layout: LayoutGrid): { seatCount: number; seats: string[] } {
  const problems: ErrorDetail[] = [];
  const { rows, columns, cells } = layout;
  if (!Number.isInteger(rows) || rows < 1 || rows > LAYOUT_LIMITS.maxRows)
    problems.push({ path: 'rows', message: `rows must be 1–${LAYOUT_LIMITS.maxRows}` });
  if (!Number.isInteger(columns) || columns < 1 || columns > LAYOUT_LIMITS.maxColumns)
    problems.push({ path: 'columns', message: `columns must be 1–${LAYOUT_LIMITS.maxColumns}` });
  const positions = new Set<string>();
  const labels = new Set<string>();
  const seats: Array<{ row: number; column: number; label: string }> = [];
  cells.forEach((cell, i) => {
    const at = `cells.${i}`;
    if (!Number.isInteger(cell.row) || cell.row < 1 || cell.row > rows)
      problems.push({ path: `${at}.row`, message: `row must be 1–${rows}` });
    if (!Number.isInteger(cell.column) || cell.column < 1 || cell.column > columns)
      problems.push({ path: `${at}.column`, message: `column must be 1–${columns}` });
    const position = `${cell.row}:${cell.column}`;
    if (positions.has(position)) problems.push({ path: at, message: `two cells at row ${cell.row}, column ${cell.column}` });
    positions.add(position);
    if (cell.kind === 'seat') {
      if (!cell.label || !LABEL.test(cell.label)) {
        problems.push({ path: `${at}.label`, message: 'a seat needs a label of 1–8 capital letters, digits or dashes, such as 1A' });
      } else if (labels.has(cell.label)) {
        problems.push({ path: `${at}.label`, message: `label ${cell.label} is used twice` });
      } else {
        labels.add(cell.label);
        seats.push({ row: cell.row, column: cell.column, label: cell.label });
      }
    } else if (cell.label !== undefined || cell.seatClass !== undefined) {
      problems.push({ path: at, message: `only seats carry a label or a class, not ${cell.kind} cells` });
    }
  });
  if (seats.length === 0 && problems.length === 0) problems.push({ path: 'cells', message: 'a layout needs at least one seat' });
  if (problems.length > 0) throw new AppError('VALIDATION_ERROR', 'The seat layout is not valid', { details: problems });
  seats.sort((a, b) => a.row - b.row || a.column - b.column);
  return { seatCount: seats.length, seats: seats.map((s) => s.label) };
}

/**
 * The usual coach: `left` + aisle + `right` seats per row, labelled row number
 * + letter from the window ("1A", "1B", aisle, "1C", "1D"). With `fullBackRow`
 * the last row has a seat in the aisle too (five across at the back).
 */
export function standardSeatLayout(options: {
  rows: number;
  left?: number;
  right?: number;
  fullBackRow?: boolean;
  seatClass?: string;
}): LayoutGrid {
  const left = options.left ?? 2;
  const right = options.right ?? 2;
  const columns = left + 1 + right;
  const aisle = left + 1;
  const cells: LayoutCell[] = [];
  for (let row = 1; row <= options.rows; row++) {
    const backRow = options.fullBackRow === true && row === options.rows;
    let letter = 0;
    for (let column = 1; column <= columns; column++) {
      if (column === aisle && !backRow) {
        cells.push({ row, column, kind: 'aisle' });
        continue;
      }
      const label = `${row}${String.fromCharCode(65 + letter++)}`;
      cells.push({ row, column, kind: 'seat', label, ...(options.seatClass ? { seatClass: options.seatClass } : {}) });
    }
  }
  return { rows: options.rows, columns, cells };
}
