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

describe('validateSeatLayout: every problem at its path, saying the rule, and nothing else', () => {
  const one = seat(1, 1, '1A');
  it.each<[string, Parameters<typeof validateSeatLayout>[0], Array<{ path: string; message: string }>]>([
    ['the largest grid', { rows: 40, columns: 10, cells: [seat(40, 10, '40J')] }, []],
    ['rows 0', { rows: 0, columns: 1, cells: [] }, [{ path: 'rows', message: 'rows must be 1–40' }]],
    ['rows 41', { rows: 41, columns: 1, cells: [one] }, [{ path: 'rows', message: 'rows must be 1–40' }]],
    ['fractional rows', { rows: 1.5, columns: 1, cells: [one] }, [{ path: 'rows', message: 'rows must be 1–40' }]],
    ['columns 0', { rows: 1, columns: 0, cells: [] }, [{ path: 'columns', message: 'columns must be 1–10' }]],
    ['columns 11', { rows: 1, columns: 11, cells: [one] }, [{ path: 'columns', message: 'columns must be 1–10' }]],
    ['fractional columns', { rows: 1, columns: 2.5, cells: [one] }, [{ path: 'columns', message: 'columns must be 1–10' }]],
    ['a seat in row 0', { rows: 2, columns: 2, cells: [seat(0, 1, '0A')] }, [{ path: 'cells.0.row', message: 'row must be 1–2' }]],
    ['a seat past the last row', { rows: 2, columns: 2, cells: [seat(3, 1, '3A')] }, [{ path: 'cells.0.row', message: 'row must be 1–2' }]],
    ['a seat in row 1.5', { rows: 2, columns: 2, cells: [seat(1.5, 1, '1A')] }, [{ path: 'cells.0.row', message: 'row must be 1–2' }]],
    ['a seat in column 0', { rows: 2, columns: 2, cells: [seat(1, 0, '1A')] }, [{ path: 'cells.0.column', message: 'column must be 1–2' }]],
    [
      'a seat past the last column',
      { rows: 2, columns: 2, cells: [seat(1, 3, '1C')] },
      [{ path: 'cells.0.column', message: 'column must be 1–2' }],
    ],
    [
      'a seat in column 1.5',
      { rows: 2, columns: 2, cells: [seat(1, 1.5, '1A')] },
      [{ path: 'cells.0.column', message: 'column must be 1–2' }],
    ],
    [
      'two cells in one place',
      { rows: 1, columns: 2, cells: [one, { row: 1, column: 1, kind: 'unavailable' }] },
      [{ path: 'cells.1', message: 'two cells at row 1, column 1' }],
    ],
    [
      'a seat with no label',
      { rows: 1, columns: 2, cells: [one, { row: 1, column: 2, kind: 'seat' }] },
      [{ path: 'cells.1.label', message: 'a seat needs a label of 1–8 capital letters, digits or dashes, such as 1A' }],
    ],
    [
      'a label used twice',
      { rows: 1, columns: 2, cells: [one, seat(1, 2, '1A')] },
      [{ path: 'cells.1.label', message: 'label 1A is used twice' }],
    ],
    [
      'an aisle with a class',
      { rows: 1, columns: 2, cells: [one, { row: 1, column: 2, kind: 'aisle', seatClass: 'luxury' }] },
      [{ path: 'cells.1', message: 'only seats carry a label or a class, not aisle cells' }],
    ],
    [
      'no seat at all',
      { rows: 1, columns: 2, cells: [{ row: 1, column: 1, kind: 'aisle' }] },
      [{ path: 'cells', message: 'a layout needs at least one seat' }],
    ],
  ])('%s', (_name, layout, problems) => {
    if (problems.length === 0) {
      expect(validateSeatLayout(layout).seatCount).toBe(layout.cells.filter((c) => c.kind === 'seat').length);
      return;
    }
    try {
      validateSeatLayout(layout);
      expect.fail('expected a VALIDATION_ERROR');
    } catch (error) {
      const appError = findAppError(error);
      expect(appError?.message).toBe('The seat layout is not valid');
      expect(appError?.details).toEqual(problems);
    }
  });

  it('a seat class stays on the seats of a generated layout', () => {
    const layout = standardSeatLayout({ rows: 1, seatClass: 'luxury' });
    expect(layout.cells.filter((c) => c.kind === 'seat').map((c) => c.seatClass)).toEqual(['luxury', 'luxury', 'luxury', 'luxury']);
    expect(layout.cells.filter((c) => c.kind === 'aisle').map((c) => c.seatClass)).toEqual([undefined]);
  });
});
