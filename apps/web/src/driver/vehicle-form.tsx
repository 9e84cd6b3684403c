import type { RouterInputs, RouterOutputs } from '@fareway/api-client';
import {
  Button,
  humanize,
  minorToInput,
  type Problem,
  ProblemAlert,
  parseMajorUnits,
  SelectField,
  TextAreaField,
  TextField,
} from '@fareway/ui';
import { type FormEvent, type ReactNode, useState } from 'react';

export type Vehicle = RouterOutputs['vehicles']['get'];
export type VehicleFields = RouterInputs['vehicles']['create'];

const TYPES: VehicleFields['type'][] = ['car', 'suv', 'van', 'minibus', 'pickup', 'motorbike', 'tuk_tuk'];
const TRANSMISSIONS: VehicleFields['transmission'][] = ['automatic', 'manual'];
const FUELS: VehicleFields['fuel'][] = ['petrol', 'diesel', 'hybrid', 'electric'];

interface FormState {
  make: string;
  model: string;
  year: string;
  type: VehicleFields['type'];
  seats: string;
  transmission: VehicleFields['transmission'];
  fuel: VehicleFields['fuel'];
  description: string;
  city: string;
  latitude: string;
  longitude: string;
  timeZone: string;
  dailyRate: string;
  currency: string;
  bufferMinutes: string;
}

function initialState(vehicle?: Vehicle): FormState {
  return {
    make: vehicle?.make ?? '',
    model: vehicle?.model ?? '',
    year: vehicle ? String(vehicle.year) : '',
    type: vehicle?.type ?? 'car',
    seats: vehicle ? String(vehicle.seats) : '4',
    transmission: vehicle?.transmission ?? 'automatic',
    fuel: vehicle?.fuel ?? 'petrol',
    description: vehicle?.description ?? '',
    city: vehicle?.city ?? '',
    latitude: vehicle?.latitude === null || vehicle?.latitude === undefined ? '' : String(vehicle.latitude),
    longitude: vehicle?.longitude === null || vehicle?.longitude === undefined ? '' : String(vehicle.longitude),
    timeZone: vehicle?.timeZone ?? 'Asia/Colombo',
    dailyRate: vehicle ? minorToInput(vehicle.dailyRateMinor, vehicle.currency) : '',
    currency: vehicle?.currency ?? 'LKR',
    bufferMinutes: vehicle ? String(vehicle.bufferMinutes) : '60',
  };
}

type FieldErrors = Partial<Record<keyof FormState, string>>;

/** The typed fields from the form, or what is wrong with each field. */
function readForm(state: FormState): { fields: VehicleFields; errors: null } | { fields: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const int = (key: keyof FormState, label: string) => {
    const n = Number(state[key]);
    if (state[key].trim() === '' || !Number.isInteger(n)) errors[key] = `Enter ${label} as a whole number`;
    return n;
  };
  const optionalNumber = (key: 'latitude' | 'longitude') => {
    if (state[key].trim() === '') return null;
    const n = Number(state[key]);
    if (!Number.isFinite(n)) errors[key] = 'Enter a number, or leave it empty';
    return n;
  };
  const currency = state.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = 'A three-letter currency code, like LKR';
  const dailyRateMinor = /^[A-Z]{3}$/.test(currency) ? parseMajorUnits(state.dailyRate, currency) : null;
  if (dailyRateMinor === null) errors.dailyRate = `Enter the price of one day in ${currency || 'the currency'}, like 9500`;
  if (state.make.trim() === '') errors.make = 'Enter the make';
  if (state.model.trim() === '') errors.model = 'Enter the model';
  if (state.city.trim() === '') errors.city = 'Enter the city where it is picked up';
  if (state.timeZone.trim() === '') errors.timeZone = 'Enter a time zone, like Asia/Colombo';
  const fields: VehicleFields = {
    make: state.make.trim(),
    model: state.model.trim(),
    year: int('year', 'the year'),
    type: state.type,
    seats: int('seats', 'the seats'),
    transmission: state.transmission,
    fuel: state.fuel,
    description: state.description.trim() || null,
    city: state.city.trim(),
    latitude: optionalNumber('latitude'),
    longitude: optionalNumber('longitude'),
    timeZone: state.timeZone.trim(),
    dailyRateMinor: dailyRateMinor ?? 0,
    currency,
    bufferMinutes: int('bufferMinutes', 'the minutes'),
  };
  return Object.keys(errors).length > 0 ? { fields: null, errors } : { fields, errors: null };
}

/** Only what changed, so an edit of the price alone never sends an approved car back to review. */
export function changedFields(vehicle: Vehicle, fields: VehicleFields): Partial<VehicleFields> {
  const changes: Partial<VehicleFields> = {};
  for (const key of Object.keys(fields) as Array<keyof VehicleFields>) {
    if (fields[key] !== vehicle[key]) Object.assign(changes, { [key]: fields[key] });
  }
  return changes;
}

/** What an owner describes about a car: used to list one and to edit it. */
export function VehicleForm({
  vehicle,
  submitLabel,
  busy,
  problem,
  onSubmit,
  note,
}: {
  vehicle?: Vehicle;
  submitLabel: string;
  busy: boolean;
  problem: (Problem & { fields?: Record<string, string> }) | null;
  onSubmit: (fields: VehicleFields) => void;
  note?: ReactNode;
}) {
  const [state, setState] = useState<FormState>(() => initialState(vehicle));
  const [localErrors, setErrors] = useState<FieldErrors>({});
  // The server's field errors (a VALIDATION_ERROR's details) stand beside their fields, like the form's own checks.
  const errors: FieldErrors = { ...(problem?.fields ?? {}), ...localErrors };
  const serverFieldsOnly = problem?.code === 'VALIDATION_ERROR' && Object.keys(problem.fields ?? {}).length > 0;
  const set = (key: keyof FormState) => (event: { target: { value: string } }) => setState({ ...state, [key]: event.target.value });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readForm(state);
    setErrors(read.errors ?? {});
    if (read.fields && !busy) onSubmit(read.fields);
  }

  return (
    <form className="fw-form" onSubmit={submit} noValidate>
      <div className="web-form-grid">
        <TextField label="Make" name="make" required maxLength={80} value={state.make} error={errors.make} onChange={set('make')} />
        <TextField label="Model" name="model" required maxLength={80} value={state.model} error={errors.model} onChange={set('model')} />
        <TextField label="Year" name="year" inputMode="numeric" required value={state.year} error={errors.year} onChange={set('year')} />
        <SelectField
          label="Type"
          name="type"
          value={state.type}
          options={TYPES.map((t) => ({ value: t, label: humanize(t) }))}
          onChange={set('type')}
        />
        <TextField
          label="Seats"
          name="seats"
          inputMode="numeric"
          required
          value={state.seats}
          error={errors.seats}
          onChange={set('seats')}
        />
        <SelectField
          label="Gearbox"
          name="transmission"
          value={state.transmission}
          options={TRANSMISSIONS.map((t) => ({ value: t, label: humanize(t) }))}
          onChange={set('transmission')}
        />
        <SelectField
          label="Fuel"
          name="fuel"
          value={state.fuel}
          options={FUELS.map((f) => ({ value: f, label: humanize(f) }))}
          onChange={set('fuel')}
        />
        <TextField label="City" name="city" required maxLength={80} value={state.city} error={errors.city} onChange={set('city')} />
        <SelectField
          label="Time zone"
          name="timeZone"
          required
          value={state.timeZone}
          options={zoneOptions(state.timeZone)}
          hint="Rental days are counted on this clock"
          error={errors.timeZone}
          onChange={set('timeZone')}
        />
        <TextField
          label="Latitude (optional)"
          name="latitude"
          inputMode="decimal"
          value={state.latitude}
          error={errors.latitude}
          onChange={set('latitude')}
        />
        <TextField
          label="Longitude (optional)"
          name="longitude"
          inputMode="decimal"
          value={state.longitude}
          error={errors.longitude}
          onChange={set('longitude')}
        />
        <TextField
          label="Price per day"
          name="dailyRate"
          inputMode="decimal"
          required
          value={state.dailyRate}
          error={errors.dailyRate}
          onChange={set('dailyRate')}
        />
        <SelectField
          label="Currency"
          name="currency"
          required
          value={state.currency}
          options={currencyOptions(state.currency)}
          error={errors.currency}
          onChange={set('currency')}
        />
        <TextField
          label="Turnaround (minutes)"
          name="bufferMinutes"
          inputMode="numeric"
          value={state.bufferMinutes}
          hint="Kept free after each rental for cleaning"
          error={errors.bufferMinutes}
          onChange={set('bufferMinutes')}
        />
      </div>
      <TextAreaField
        label="Description (optional)"
        name="description"
        maxLength={2000}
        value={state.description}
        onChange={set('description')}
      />
      {note}
      {problem && !serverFieldsOnly ? <ProblemAlert title="Could not save the car" problem={problem} /> : null}
      <div className="fw-form__actions">
        <Button type="submit" busy={busy} busyLabel="Saving…">
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** The currencies a listing may be priced in (the gateways' and the wallet's), with their names. */
const CURRENCIES = ['LKR', 'USD', 'EUR', 'GBP', 'INR', 'NGN', 'KES', 'GHS', 'ZAR', 'AUD', 'SGD', 'AED'] as const;

function currencyOptions(current: string) {
  const names = new Intl.DisplayNames(undefined, { type: 'currency' });
  const codes = CURRENCIES.includes(current as (typeof CURRENCIES)[number]) || current === '' ? CURRENCIES : [current, ...CURRENCIES];
  return codes.map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
}

/** Every IANA zone the browser knows, the car's current one first if it is unusual. */
function zoneOptions(current: string) {
  const zones = Intl.supportedValuesOf('timeZone');
  const all = zones.includes(current) || current === '' ? zones : [current, ...zones];
  return all.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}
