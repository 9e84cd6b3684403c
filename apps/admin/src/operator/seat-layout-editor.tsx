import { SeatLayoutInput } from '@fareway/api/operator-inputs';
import { useProblem, useTRPC } from '@fareway/api-client';
import { Button, Card, ProblemAlert, SeatPlan, type SeatPlanCell, TextField } from '@fareway/ui';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useMemo, useState } from 'react';
import { checkForm } from './form-errors';

type Kind = SeatPlanCell['kind'];
interface Cell {
  kind: Kind;
  seatClass: string;
}
/** What a click paints: a seat of one class, an aisle, or nothing (a door, the stairs). */
type Brush = { kind: 'seat'; seatClass: string } | { kind: 'aisle' } | { kind: 'unavailable' };

const MAX_ROWS = 40;
const MAX_COLUMNS = 10;
const LETTERS = 'ABCDEFGHIJ';
const KIND_WORDS: Record<Kind, string> = { seat: 'seat', aisle: 'aisle', unavailable: 'no seat' };

const key = (row: number, column: number) => `${row}:${column}`;

/** A coach of `rows` rows, `left` + aisle + `right` seats, the back row full across: the usual bus. */
export function coachGrid(rows: number, left: number, right: number): { columns: number; grid: Map<string, Cell> } {
  const columns = left + 1 + right;
  const grid = new Map<string, Cell>();
  for (let row = 1; row <= rows; row++)
    for (let column = 1; column <= columns; column++) {
      const aisle = column === left + 1 && row !== rows;
      grid.set(key(row, column), { kind: aisle ? 'aisle' : 'seat', seatClass: 'standard' });
    }
  return { columns, grid };
}

/** The layout's cells as the server takes them: seats labelled row + letter in order across the row ("1A", "1B", …). */
export function cellsOf(rows: number, columns: number, grid: ReadonlyMap<string, Cell>): SeatPlanCell[] {
  const cells: SeatPlanCell[] = [];
  for (let row = 1; row <= rows; row++) {
    let seatInRow = 0;
    for (let column = 1; column <= columns; column++) {
      const cell = grid.get(key(row, column)) ?? { kind: 'seat', seatClass: 'standard' };
      if (cell.kind === 'seat') {
        const label = `${row}${LETTERS[seatInRow] ?? String(seatInRow + 1)}`;
        seatInRow += 1;
        cells.push({ row, column, kind: 'seat', label, seatClass: cell.seatClass });
      } else cells.push({ row, column, kind: cell.kind });
    }
  }
  return cells;
}

const clamp = (value: number, max: number) => (Number.isFinite(value) ? Math.min(Math.max(Math.trunc(value), 1), max) : 1);

/**
 * The visual seat-layout editor: rows and columns, a brush (a seat of a class,
 * an aisle, no seat) painted onto cells, and beside it the live preview of the
 * seat map customers will see. Saved through `operators.createLayout`, checked
 * first with that procedure's own schema.
 */
export function SeatLayoutEditor({ organizationId, onSaved }: { organizationId: string; onSaved?: (id: string) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const start = coachGrid(10, 2, 2);
  const [name, setName] = useState('');
  const [rows, setRows] = useState(10);
  const [columns, setColumns] = useState(start.columns);
  const [grid, setGrid] = useState<Map<string, Cell>>(start.grid);
  const [classes, setClasses] = useState<string[]>(['standard']);
  const [newClass, setNewClass] = useState('');
  const [brush, setBrush] = useState<Brush>({ kind: 'seat', seatClass: 'standard' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const create = useMutation(
    trpc.operators.createLayout.mutationOptions({
      onSuccess: async (layout) => {
        await queryClient.invalidateQueries(trpc.operators.listLayouts.pathFilter());
        setName('');
        onSaved?.(layout.id);
      },
    }),
  );
  const problem = useProblem(create.error);
  const cells = useMemo(() => cellsOf(rows, columns, grid), [rows, columns, grid]);
  const seatCount = cells.filter((c) => c.kind === 'seat').length;

  function preset(left: number, right: number) {
    const coach = coachGrid(rows, left, right);
    setColumns(coach.columns);
    setGrid(coach.grid);
  }

  function paint(row: number, column: number) {
    const next = new Map(grid);
    next.set(
      key(row, column),
      brush.kind === 'seat' ? { kind: 'seat', seatClass: brush.seatClass } : { kind: brush.kind, seatClass: 'standard' },
    );
    setGrid(next);
  }

  function addClass(event: FormEvent) {
    event.preventDefault();
    const value = newClass.trim();
    if (!value || classes.includes(value) || value.length > 32) return;
    setClasses([...classes, value]);
    setBrush({ kind: 'seat', seatClass: value });
    setNewClass('');
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const checked = checkForm(SeatLayoutInput, { name, rows, columns, cells });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    if (seatCount === 0) {
      setErrors({ cells: 'Paint at least one seat' });
      return;
    }
    setErrors({});
    create.mutate({ organizationId, ...checked.data });
  }

  const brushes: Array<{ id: string; label: string; brush: Brush }> = [
    ...classes.map((seatClass) => ({ id: `seat:${seatClass}`, label: `Seat · ${seatClass}`, brush: { kind: 'seat', seatClass } as Brush })),
    { id: 'aisle', label: 'Aisle', brush: { kind: 'aisle' } },
    { id: 'unavailable', label: 'No seat', brush: { kind: 'unavailable' } },
  ];
  const brushId = brush.kind === 'seat' ? `seat:${brush.seatClass}` : brush.kind;

  return (
    <Card title="New seat layout">
      <form className="fw-form" onSubmit={onSubmit} noValidate>
        {problem ? <ProblemAlert title="Could not save the layout" problem={problem} /> : null}
        <TextField label="Layout name" name="name" required value={name} error={errors.name} onChange={(e) => setName(e.target.value)} />
        <div className="op-row">
          <TextField
            label="Rows"
            name="rows"
            type="number"
            min={1}
            max={MAX_ROWS}
            value={rows}
            error={errors.rows}
            onChange={(e) => setRows(clamp(Number(e.target.value), MAX_ROWS))}
          />
          <TextField
            label="Columns"
            name="columns"
            type="number"
            min={1}
            max={MAX_COLUMNS}
            value={columns}
            error={errors.columns}
            onChange={(e) => setColumns(clamp(Number(e.target.value), MAX_COLUMNS))}
          />
        </div>
        <div className="op-presets">
          <span>Start from:</span>
          <Button variant="secondary" onClick={() => preset(2, 2)}>
            2+2 coach
          </Button>
          <Button variant="secondary" onClick={() => preset(2, 1)}>
            2+1 coach
          </Button>
          <Button variant="secondary" onClick={() => preset(3, 2)}>
            3+2 coach
          </Button>
        </div>
        <fieldset className="op-brushes">
          <legend>Paint with</legend>
          {brushes.map((b) => (
            <label key={b.id} className={`op-brush op-brush--${b.brush.kind}`}>
              <input type="radio" name="brush" checked={brushId === b.id} onChange={() => setBrush(b.brush)} /> {b.label}
            </label>
          ))}
        </fieldset>
        <div className="op-row op-row--end">
          <TextField
            label="Another seat class"
            name="seatClass"
            hint="e.g. recliner, sleeper; then paint seats with it"
            maxLength={32}
            value={newClass}
            onChange={(e) => setNewClass(e.target.value)}
          />
          <Button variant="secondary" onClick={addClass}>
            Add class
          </Button>
        </div>
        <div className="op-editor">
          <div>
            <h3 className="op-editor__title">Plan (front of the bus at the top)</h3>
            <div className="op-editor__scroll">
              <fieldset className={`op-grid fw-seat-map--cols-${columns}`} aria-label="Layout cells">
                {cells.map((cell) => {
                  const classIndex = cell.kind === 'seat' ? classes.indexOf(cell.seatClass ?? 'standard') : -1;
                  return (
                    <button
                      key={key(cell.row, cell.column)}
                      type="button"
                      className={`op-cell op-cell--${cell.kind}${classIndex > 0 ? ` op-cell--class-${Math.min(classIndex, 3)}` : ''}`}
                      aria-label={`Row ${cell.row}, column ${cell.column}: ${cell.kind === 'seat' ? `seat ${cell.label}, ${cell.seatClass}` : KIND_WORDS[cell.kind]}`}
                      onClick={() => paint(cell.row, cell.column)}
                    >
                      {cell.kind === 'seat' ? cell.label : ''}
                    </button>
                  );
                })}
              </fieldset>
            </div>
          </div>
          <div>
            <h3 className="op-editor__title">What customers see ({seatCount} seats)</h3>
            <SeatPlan rows={rows} columns={columns} cells={cells} />
          </div>
        </div>
        {errors.cells ? <p className="fw-field__error">{errors.cells}</p> : null}
        <div className="fw-form__actions">
          <Button type="submit" busy={create.isPending} busyLabel="Saving…">
            Save layout
          </Button>
        </div>
      </form>
    </Card>
  );
}
