import './ui.css';

export { AccountBar, type AccountBarProps } from './account-bar';
export { Alert, type AlertProps, type AlertVariant } from './alert';
export { AppShell, type AppShellProps } from './app-shell';
export { Button, type ButtonProps, type ButtonVariant } from './button';
export { Card, type CardProps } from './card';
export { formatAbsolute, formatPhone, formatRelative, formatWait } from './format';
export { StatusBadge, type StatusBadgeProps, type StatusVariant } from './status-badge';
export { type OverallHealth, overallHealth, type SystemStatus, SystemStatusCard, type SystemStatusCardProps } from './system-status-card';
export { TextField, type TextFieldProps } from './text-field';
export { secondsUntil, useCountdown } from './use-countdown';
