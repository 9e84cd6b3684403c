import { RouteInput, SeatLayoutInput } from '@fareway/api/operator-inputs';
import { describe, expect, it } from 'vitest';
import { checkForm } from './form-errors';
import { formatOffset, parseOffset } from './routes-page';
import { cellsOf, coachGrid } from './seat-layout-editor';
import { daysBetween } from './trips-page';

describe('the seat-layout editor', () => {
  it('draws a 2+2 coach: an aisle in the middle, the back row full across, seats labelled row + letter', () => {
    const { columns, grid } = coachGrid(3, 2, 2);
    const cells = cellsOf(3, columns, grid);
    const row = (r: number) => cells.filter((c) => c.row === r).map((c) => (c.kind === 'seat' ? c.label : c.kind));
    expect(row(1)).toEqual(['1A', '1B', 'aisle', '1C', '1D']);
    expect(row(3)).toEqual(['3A', '3B', '3C', '3D', '3E']);
    expect(cells.filter((c) => c.kind === 'seat')).toHaveLength(13);
  });

  it('relabels a row when a seat becomes an aisle, and the server schema accepts the result', () => {
    const { columns, grid } = coachGrid(2, 2, 1);
    grid.set('1:1', { kind: 'unavailable', seatClass: 'standard' });
    grid.set('2:2', { kind: 'seat', seatClass: 'recliner' });
    const cells = cellsOf(2, columns, grid);
    expect(cells.filter((c) => c.row === 1).map((c) => c.label ?? c.kind)).toEqual(['unavailable', '1A', 'aisle', '1B']);
    expect(cells.find((c) => c.label === '2B')?.seatClass).toBe('recliner');
    expect(checkForm(SeatLayoutInput, { name: '2+1', rows: 2, columns, cells }).ok).toBe(true);
  });
});

describe('the route and timetable forms', () => {
  it.each([
    ['2:30', 150],
    ['0:45', 45],
    ['90', 90],
    ['', 0],
    ['2:75', null],
    ['two', null],
  ])('reads %j as %j minutes after departure', (text, minutes) => {
    expect(parseOffset(text)).toBe(minutes);
  });

  it('writes minutes back as h:mm', () => {
    expect(formatOffset(185)).toBe('3:05');
  });

  it('counts the days of a range, both ends included', () => {
    expect(daysBetween('2026-03-01', '2026-03-07')).toBe(7);
    expect(daysBetween('2026-03-07', '2026-03-01')).toBe(-5);
  });

  it('reports a field the procedure refuses by its path', () => {
    const checked = checkForm(RouteInput, {
      name: 'R',
      currency: 'LKR',
      stops: [{ name: '', city: 'X', arriveOffsetMinutes: 0, departOffsetMinutes: 0 }],
    });
    expect(checked.ok).toBe(false);
    if (!checked.ok) expect(Object.keys(checked.errors).sort()).toEqual(['stops', 'stops.0.name']);
  });
});
