import { describe, expect, it } from 'vitest';
import { findAppError } from '../errors/app-error';
import { type LayoutCell, standardSeatLayout, validateSeatLayout } from './seat-layout';

function problemsOf(fn: () => unknown): Array<{ path: string; message: string }> {
  try {
    fn();
  } catch (error) {
    const appError = findAppError(error);
    if (appError?.code === 'VALIDATION_ERROR') return appError.details as Array<{ path: string; message: string }>;
    throw error;
  }
  throw new Error('expected a VALIDATION_ERROR');
}

const seat = (row: number, column: number, label: string): LayoutCell => ({ row, column, kind: 'seat', label });

describe('validateSeatLayout', () => {
  it('counts seats in grid order, ignoring aisles and unavailable cells', () => {
    const result = validateSeatLayout({
      rows: 2,
      columns: 3,
      cells: [
        seat(2, 1, '2A'),
        seat(1, 3, '1B'),
        seat(1, 1, '1A'),
        { row: 1, column: 2, kind: 'aisle' },
        { row: 2, column: 3, kind: 'unavailable' },
      ],
    });
    expect(result).toEqual({ seatCount: 3, seats: ['1A', '1B', '2A'] });
  });

  it.each<[string, Parameters<typeof validateSeatLayout>[0], string]>([
    ['no seats', { rows: 1, columns: 2, cells: [{ row: 1, column: 1, kind: 'aisle' }] }, 'cells'],
    ['duplicate label', { rows: 1, columns: 2, cells: [seat(1, 1, '1A'), seat(1, 2, '1A')] }, 'cells.1.label'],
    ['row outside the grid', { rows: 1, columns: 2, cells: [seat(2, 1, '2A')] }, 'cells.0.row'],
    ['column outside the grid', { rows: 1, columns: 2, cells: [seat(1, 3, '1C')] }, 'cells.0.column'],
    ['two cells in one place', { rows: 1, columns: 2, cells: [seat(1, 1, '1A'), { row: 1, column: 1, kind: 'aisle' }] }, 'cells.1'],
    ['seat without label', { rows: 1, columns: 1, cells: [{ row: 1, column: 1, kind: 'seat' }] }, 'cells.0.label'],
    ['lower-case label', { rows: 1, columns: 1, cells: [seat(1, 1, '1a')] }, 'cells.0.label'],
    ['labelled aisle', { rows: 1, columns: 2, cells: [seat(1, 1, '1A'), { row: 1, column: 2, kind: 'aisle', label: 'X' }] }, 'cells.1'],
    ['too many rows', { rows: 41, columns: 1, cells: [seat(1, 1, '1A')] }, 'rows'],
    ['zero columns', { rows: 1, columns: 0, cells: [seat(1, 1, '1A')] }, 'columns'],
  ])('refuses %s', (_name, layout, path) => {
    expect(problemsOf(() => validateSeatLayout(layout)).map((p) => p.path)).toContain(path);
  });
});

describe('standardSeatLayout', () => {
  it.each([
    [10, false, 40, '10D'],
    [15, false, 60, '15D'],
    [12, true, 49, '12E'],
  ])('%i rows (full back row %s) seat %i, last %s', (rows, fullBackRow, count, last) => {
    const layout = standardSeatLayout({ rows, fullBackRow });
    const { seatCount, seats } = validateSeatLayout(layout);
    expect(seatCount).toBe(count);
    expect(seats.slice(0, 4)).toEqual(['1A', '1B', '1C', '1D']);
    expect(seats.at(-1)).toBe(last);
    expect(layout.cells.find((c) => c.row === 1 && c.column === 3)?.kind).toBe('aisle');
  });
});
