import type { RouterInputs, RouterOutputs } from '@fareway/api-client';
import {
  Button,
  formatLocale,
  minorToInput,
  type Problem,
  ProblemAlert,
  parseMajorUnits,
  SelectField,
  TextAreaField,
  TextField,
} from '@fareway/ui';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';

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

type FieldKey = keyof FormState;
type FieldErrors = Partial<Record<FieldKey, string>>;
/** What is wrong with a field, in the user's language: one sentence for the form's own check and the server's. */
type Say = (field: FieldKey) => string;

/** The server's field paths that are not the form's names (`dailyRateMinor` is typed as `dailyRate`). */
const FIELD_OF_PATH: Record<string, FieldKey | undefined> = { dailyRateMinor: 'dailyRate' };

const FIELD_KEYS: Record<FieldKey, true> = {
  make: true,
  model: true,
  year: true,
  type: true,
  seats: true,
  transmission: true,
  fuel: true,
  description: true,
  city: true,
  latitude: true,
  longitude: true,
  timeZone: true,
  dailyRate: true,
  currency: true,
  bufferMinutes: true,
};

/**
 * A VALIDATION_ERROR's fields as the form's own sentences, each shown next to its field (the server's
 * words are for developers: "timeZone must be an IANA zone…").
 */
function serverFieldErrors(say: Say, fields: Record<string, string> | undefined): FieldErrors {
  const errors: FieldErrors = {};
  for (const path of Object.keys(fields ?? {})) {
    const key = FIELD_OF_PATH[path] ?? path;
    if (key in FIELD_KEYS) errors[key as FieldKey] = say(key as FieldKey);
  }
  return errors;
}

/** The typed fields from the form, or what is wrong with each field. */
function readForm(say: Say, state: FormState): { fields: VehicleFields; errors: null } | { fields: null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const int = (key: 'year' | 'seats' | 'bufferMinutes') => {
    const n = Number(state[key]);
    if (state[key].trim() === '' || !Number.isInteger(n)) errors[key] = say(key);
    return n;
  };
  const optionalNumber = (key: 'latitude' | 'longitude', limit: number) => {
    if (state[key].trim() === '') return null;
    const n = Number(state[key]);
    if (!Number.isFinite(n) || Math.abs(n) > limit) errors[key] = say(key);
    return n;
  };
  const currency = state.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.currency = say('currency');
  const dailyRateMinor = /^[A-Z]{3}$/.test(currency) ? parseMajorUnits(state.dailyRate, currency) : null;
  if (dailyRateMinor === null) errors.dailyRate = say('dailyRate');
  if (state.make.trim() === '') errors.make = say('make');
  if (state.model.trim() === '') errors.model = say('model');
  if (state.city.trim() === '') errors.city = say('city');
  if (state.timeZone.trim() === '') errors.timeZone = say('timeZone');
  const fields: VehicleFields = {
    make: state.make.trim(),
    model: state.model.trim(),
    year: int('year'),
    type: state.type,
    seats: int('seats'),
    transmission: state.transmission,
    fuel: state.fuel,
    description: state.description.trim() || null,
    city: state.city.trim(),
    latitude: optionalNumber('latitude', 90),
    longitude: optionalNumber('longitude', 180),
    timeZone: state.timeZone.trim(),
    dailyRateMinor: dailyRateMinor ?? 0,
    currency,
    bufferMinutes: int('bufferMinutes'),
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
  const { t } = useTranslation(['driver', 'common']);
  const [state, setState] = useState<FormState>(() => initialState(vehicle));
  const [localErrors, setErrors] = useState<FieldErrors>({});
  // The server's field errors (a VALIDATION_ERROR's details) stand beside their fields, like the form's own checks.
  const say: Say = (field) => t(`form.invalid.${field}`);
  const fromServer = problem?.code === 'VALIDATION_ERROR' ? serverFieldErrors(say, problem.fields) : {};
  const errors: FieldErrors = { ...fromServer, ...localErrors };
  const serverFieldsOnly = Object.keys(fromServer).length > 0;
  const set = (key: keyof FormState) => (event: { target: { value: string } }) => setState({ ...state, [key]: event.target.value });
  // A field's name, value, error and change handler, from its key in the form's state.
  const field = <K extends FieldKey>(key: K) => ({ name: key, value: state[key], error: errors[key], onChange: set(key) });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readForm(say, state);
    setErrors(read.errors ?? {});
    if (read.fields && !busy) onSubmit(read.fields);
  }

  return (
    <form className="fw-form" onSubmit={submit} noValidate>
      <div className="web-form-grid">
        <TextField {...field('make')} label={t('form.make')} required maxLength={80} />
        <TextField {...field('model')} label={t('form.model')} required maxLength={80} />
        <TextField {...field('year')} label={t('form.year')} inputMode="numeric" required />
        <SelectField
          {...field('type')}
          label={t('form.type')}
          options={TYPES.map((type) => ({ value: type, label: t(`common:vehicleType.${type}`) }))}
        />
        <TextField {...field('seats')} label={t('form.seats')} inputMode="numeric" required />
        <SelectField
          {...field('transmission')}
          label={t('form.gearbox')}
          options={TRANSMISSIONS.map((gearbox) => ({ value: gearbox, label: t(`common:transmission.${gearbox}`) }))}
        />
        <SelectField
          {...field('fuel')}
          label={t('form.fuel')}
          options={FUELS.map((fuel) => ({ value: fuel, label: t(`common:fuel.${fuel}`) }))}
        />
        <TextField {...field('city')} label={t('form.city')} required maxLength={80} />
        <SelectField
          {...field('timeZone')}
          label={t('form.timeZone')}
          required
          options={zoneOptions(state.timeZone)}
          hint={t('form.timeZoneHint')}
        />
        <TextField {...field('latitude')} label={t('form.latitude')} inputMode="decimal" />
        <TextField {...field('longitude')} label={t('form.longitude')} inputMode="decimal" />
        <TextField {...field('dailyRate')} label={t('form.dailyRate')} inputMode="decimal" required />
        <SelectField {...field('currency')} label={t('form.currency')} required options={currencyOptions(state.currency)} />
        <TextField {...field('bufferMinutes')} label={t('form.buffer')} inputMode="numeric" hint={t('form.bufferHint')} />
      </div>
      <TextAreaField {...field('description')} label={t('form.description')} maxLength={2000} />
      {note}
      {problem && !serverFieldsOnly ? <ProblemAlert title={t('form.saveFailed')} problem={problem} /> : null}
      <div className="fw-form__actions">
        <Button type="submit" busy={busy} busyLabel={t('form.saving')}>
          {submitLabel}
        </Button>
      </div>
    </form>
  );
}

/** The currencies a listing may be priced in (the gateways' and the wallet's), with their names. */
const CURRENCIES = ['LKR', 'USD', 'EUR', 'GBP', 'INR', 'NGN', 'KES', 'GHS', 'ZAR', 'AUD', 'SGD', 'AED'] as const;

function currencyOptions(current: string) {
  // Named in the app's language (Chromium without Sinhala names falls back to English names, the codes stay).
  const names = new Intl.DisplayNames([formatLocale(), 'en'], { type: 'currency' });
  const codes = CURRENCIES.includes(current as (typeof CURRENCIES)[number]) || current === '' ? CURRENCIES : [current, ...CURRENCIES];
  return codes.map((code) => ({ value: code, label: `${code} · ${names.of(code) ?? code}` }));
}

/** Every IANA zone the browser knows, the car's current one first if it is unusual. */
function zoneOptions(current: string) {
  const zones = Intl.supportedValuesOf('timeZone');
  const all = zones.includes(current) || current === '' ? zones : [current, ...zones];
  return all.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }));
}
