import { AppError } from '@fareway/domain';

/** A calendar date "YYYY-MM-DD" that exists (no 2026-02-30), else VALIDATION_ERROR on `path`. */
export function parseCalendarDate(value: string, path: string): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [0, 0, 0];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (!match || probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || year < 2000)
    throw new AppError('VALIDATION_ERROR', `${path} must be a calendar date YYYY-MM-DD`, { details: [{ path, message: 'not a date' }] });
  return { year, month, day };
}

/** A wall-clock time "HH:MM" (24 h), else VALIDATION_ERROR on `path`. */
export function parseClockTime(value: string, path: string): { hour: number; minute: number } {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(value);
  if (!match) throw new AppError('VALIDATION_ERROR', `${path} must be a time HH:MM`, { details: [{ path, message: 'not a time' }] });
  return { hour: Number(match[1]), minute: Number(match[2]) };
}
