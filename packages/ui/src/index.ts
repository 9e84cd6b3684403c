import './ui.css';

export { AccountBar, type AccountBarProps } from './account-bar';
export { Alert, type AlertProps, type AlertVariant } from './alert';
export { AppShell, type AppShellProps } from './app-shell';
export { Button, type ButtonProps, type ButtonVariant } from './button';
export { Card, type CardProps } from './card';
export { type ColumnDef, DataTable, type DataTableProps, type SortingState, type VisibilityState } from './data-table';
export { Fact, Facts } from './facts';
export {
  browserTimeZone,
  DEFAULT_LOCALE,
  formatAbsolute,
  formatClock,
  formatDate,
  formatDateTime,
  formatLocale,
  formatMoney,
  formatPhone,
  formatRelative,
  formatTime,
  formatWait,
  humanize,
  instantToZonedDate,
  instantToZonedInput,
  isTimeZone,
  localeForLanguage,
  minorToInput,
  parseMajorUnits,
  setFormatLocale,
  zonedInputToInstant,
} from './format';
export { Pager, type PagerProps } from './pager';
export { type Problem, ProblemAlert, type ProblemAlertProps, useRetryWait } from './problem-alert';
export { QueryView, type QueryViewProps } from './query-view';
export {
  countParam,
  dateParam,
  enumParam,
  pageParam,
  sortingFromParam,
  sortingToParam,
  sortParam,
  textParam,
  wallClockParam,
} from './search-params';
export { MAX_SEAT_MAP_COLUMNS, SeatMap, type SeatMapCell, SeatMapLegend, type SeatMapProps, type SeatState } from './seat-map';
export { SeatPlan, type SeatPlanCell, type SeatPlanProps, seatClassCounts } from './seat-plan';
export { SelectField, type SelectFieldProps, type SelectOption } from './select-field';
export { StatusBadge, type StatusBadgeProps, type StatusVariant } from './status-badge';
export { type OverallHealth, overallHealth, type SystemStatus, SystemStatusCard, type SystemStatusCardProps } from './system-status-card';
export { TextAreaField, type TextAreaFieldProps } from './text-area-field';
export { TextField, type TextFieldProps } from './text-field';
export { ENGLISH_UI_LABELS, type UiLabels, UiLabelsProvider, useUiLabels } from './ui-labels';
export { secondsUntil, useCountdown } from './use-countdown';
