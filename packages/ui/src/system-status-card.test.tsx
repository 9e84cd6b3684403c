import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { type SystemStatus, SystemStatusCard } from './system-status-card';

const healthy: SystemStatus = {
  version: '0.1.0',
  environment: 'production',
  time: '2025-03-01T12:00:30.000Z',
  database: { ok: true, latencyMs: 3, serverVersion: 'PostgreSQL 18.0' },
  migrations: { applied: '0004_bookings', expected: '0004_bookings', current: true },
  worker: { lastSeenAt: '2025-03-01T12:00:25.000Z', alive: true },
};

const databaseDown: SystemStatus = {
  ...healthy,
  database: { ok: false, latencyMs: null, serverVersion: null },
  migrations: { applied: null, expected: '0004_bookings', current: false },
  worker: { lastSeenAt: '2025-03-01T11:55:30.000Z', alive: false },
};

/** The text a reader sees: tags dropped, whitespace collapsed. */
function visibleText(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('SystemStatusCard', () => {
  it('renders a healthy system with every fact and an accessible structure', () => {
    const html = renderToStaticMarkup(<SystemStatusCard status={healthy} />);
    const text = visibleText(html);

    expect(html).toMatch(/<h2 [^>]*>System status<\/h2>/);
    expect(html).toContain('<dl');
    expect(html).toMatch(/role="status"[^>]*>\s*<span class="fw-badge fw-badge--ok">Operational</);
    expect(text).toContain('Version 0.1.0');
    expect(text).toContain('Environment production');
    expect(text).toContain('Database up 3 ms');
    expect(text).toContain('Database server PostgreSQL 18.0');
    expect(text).toContain('Migrations current 0004_bookings of 0004_bookings');
    expect(text).toContain('Worker alive last seen 5 seconds ago');
    expect(html).toMatch(/<time datetime="2025-03-01T12:00:25.000Z" title="[^"]+">/i);
    expect(html).not.toContain('fw-badge--down');
    expect(html).not.toContain('style=');
  });

  it('renders clearly when the database is down', () => {
    const html = renderToStaticMarkup(<SystemStatusCard status={databaseDown} />);
    const text = visibleText(html);

    expect(html).toMatch(/role="status"[^>]*>\s*<span class="fw-badge fw-badge--down">Down</);
    expect(text).toContain('Database down unreachable');
    expect(text).toContain('Database server unknown');
    expect(text).toContain('Migrations unknown expected 0004_bookings');
    expect(text).toContain('Worker down last seen 5 minutes ago');
    expect(text).not.toContain('Operational');
  });

  it('marks lagging migrations as degraded, not down', () => {
    const behind = { ...healthy, migrations: { applied: '0003_fares', expected: '0004_bookings', current: false } };
    const text = visibleText(renderToStaticMarkup(<SystemStatusCard status={behind} />));

    expect(text).toContain('System status Degraded');
    expect(text).toContain('Migrations behind 0003_fares of 0004_bookings');
  });

  it('shows loading, and an error as an alert, before any status arrived', () => {
    expect(visibleText(renderToStaticMarkup(<SystemStatusCard status={undefined} isLoading />))).toContain('Loading system status');

    const html = renderToStaticMarkup(<SystemStatusCard status={undefined} error={{ message: 'Failed to fetch' }} />);
    expect(html).toContain('role="alert"');
    expect(visibleText(html)).toContain('Could not load the system status. Failed to fetch');
    expect(html).not.toContain('<dl');
  });

  it('keeps the last known status on screen when a refresh fails', () => {
    const text = visibleText(renderToStaticMarkup(<SystemStatusCard status={healthy} error={{ message: 'Failed to fetch' }} />));
    expect(text).toContain('Could not refresh; showing the last known status. Failed to fetch');
    expect(text).toContain('Database up 3 ms');
  });
});
