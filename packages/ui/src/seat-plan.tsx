import { SeatMap, type SeatMapCell, SeatMapLegend, type SeatState } from './seat-map';

export interface SeatPlanCell extends SeatMapCell {
  seatClass?: string | undefined;
}

export interface SeatPlanProps {
  rows: number;
  columns: number;
  cells: readonly SeatPlanCell[];
  /** Each seat's state for a leg; omitted, every seat shows as free (a layout's preview: the map customers will see). */
  states?: Readonly<Record<string, SeatState>>;
}

const NOTHING_SELECTED: ReadonlySet<string> = new Set();
const ignore = () => undefined;

/** How many seats of each class a plan has, in order of first appearance: [["standard", 38], ["recliner", 2]]. */
export function seatClassCounts(cells: readonly SeatPlanCell[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const cell of cells) {
    if (cell.kind !== 'seat' || !cell.label) continue;
    const seatClass = cell.seatClass ?? 'standard';
    counts.set(seatClass, (counts.get(seatClass) ?? 0) + 1);
  }
  return [...counts];
}

/**
 * A seat plan to look at, not to choose from: the customer's seat map
 * (`SeatMap`, the same rendering) read-only, with its seat classes counted
 * under it. The operator's layout preview and a trip's seats per leg.
 */
export function SeatPlan({ rows, columns, cells, states }: SeatPlanProps) {
  const shown =
    states ?? Object.fromEntries(cells.filter((c) => c.kind === 'seat' && c.label).map((c) => [c.label as string, 'free' as const]));
  const classes = seatClassCounts(cells);
  return (
    <div className="fw-seat-plan">
      <div className="fw-seat-plan__scroll">
        <SeatMap rows={rows} columns={columns} cells={cells} states={shown} selected={NOTHING_SELECTED} onToggle={ignore} disabled />
      </div>
      {states ? <SeatMapLegend /> : null}
      <ul className="fw-seat-plan__classes" aria-label="Seat classes">
        {classes.map(([name, count]) => (
          <li key={name}>
            {name}: {count} {count === 1 ? 'seat' : 'seats'}
          </li>
        ))}
      </ul>
    </div>
  );
}
