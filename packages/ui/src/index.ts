import './ui.css';

export { AppShell, type AppShellProps } from './app-shell';
export { Card, type CardProps } from './card';
export { formatAbsolute, formatRelative } from './format';
export { StatusBadge, type StatusBadgeProps, type StatusVariant } from './status-badge';
export { type OverallHealth, overallHealth, type SystemStatus, SystemStatusCard, type SystemStatusCardProps } from './system-status-card';
