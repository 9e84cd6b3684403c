import { useUiLabels } from './ui-labels';

export type SeatState = 'free' | 'held' | 'sold';

export interface SeatMapCell {
  row: number;
  column: number;
  kind: 'seat' | 'aisle' | 'unavailable';
  label?: string | undefined;
}

export interface SeatMapProps {
  rows: number;
  columns: number;
  cells: readonly SeatMapCell[];
  /** Each seat's state for the chosen leg, by label; a seat missing here is shown as unavailable. */
  states: Readonly<Record<string, SeatState>>;
  selected: ReadonlySet<string>;
  onToggle: (seatNo: string) => void;
  /** No more seats may be added (the per-booking cap): free seats not chosen are disabled. */
  full?: boolean;
  disabled?: boolean;
}

/** The most columns a layout has (LayoutCellSchema allows 1–10); one CSS class each, since the CSP forbids inline styles. */
export const MAX_SEAT_MAP_COLUMNS = 10;

/**
 * A bus seat plan: a grid of `rows` × `columns` from the layout, seats as
 * toggle buttons (free ones selectable), aisles as gaps, unavailable cells greyed.
 * Every seat says its state in words (`aria-label`), not only by colour.
 */
export function SeatMap({ rows, columns, cells, states, selected, onToggle, full = false, disabled = false }: SeatMapProps) {
  const byPosition = new Map(cells.map((cell) => [`${cell.row}:${cell.column}`, cell]));
  const grid: Array<SeatMapCell | null> = [];
  for (let row = 1; row <= rows; row++)
    for (let column = 1; column <= columns; column++) grid.push(byPosition.get(`${row}:${column}`) ?? null);
  const cols = Math.min(Math.max(columns, 1), MAX_SEAT_MAP_COLUMNS);
  const labels = useUiLabels();

  return (
    <fieldset className={`fw-seat-map fw-seat-map--cols-${cols}`} aria-label={labels.seatMap}>
      {grid.map((cell, index) => {
        const key = cell ? `${cell.row}:${cell.column}` : `empty:${index}`;
        if (!cell || cell.kind === 'aisle') return <div key={key} className="fw-seat-map__gap" aria-hidden="true" />;
        if (cell.kind === 'unavailable' || !cell.label) return <div key={key} className="fw-seat-map__blocked" aria-hidden="true" />;
        const label = cell.label;
        const state = states[label];
        const isSelected = selected.has(label);
        const selectable = state === 'free' && !disabled && (isSelected || !full);
        const words = labels.seatStates[state === undefined ? 'unavailable' : isSelected ? 'selected' : state];
        return (
          <button
            key={key}
            type="button"
            className={`fw-seat fw-seat--${state ?? 'sold'}${isSelected ? ' fw-seat--selected' : ''}`}
            aria-pressed={state === 'free' ? isSelected : undefined}
            aria-label={labels.seat(label, words)}
            title={labels.seat(label, words)}
            disabled={!selectable}
            onClick={() => onToggle(label)}
          >
            {label}
          </button>
        );
      })}
    </fieldset>
  );
}

/** The key under a seat map: what each look means. */
export function SeatMapLegend() {
  const { legend, seatKey } = useUiLabels();
  return (
    <ul className="fw-seat-legend" aria-label={seatKey}>
      <li>
        <span className="fw-seat fw-seat--free fw-seat--sample" aria-hidden="true" /> {legend.free}
      </li>
      <li>
        <span className="fw-seat fw-seat--free fw-seat--selected fw-seat--sample" aria-hidden="true" /> {legend.yourChoice}
      </li>
      <li>
        <span className="fw-seat fw-seat--held fw-seat--sample" aria-hidden="true" /> {legend.held}
      </li>
      <li>
        <span className="fw-seat fw-seat--sold fw-seat--sample" aria-hidden="true" /> {legend.sold}
      </li>
    </ul>
  );
}
