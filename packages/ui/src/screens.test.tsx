import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatClock, formatMoney, humanize, minorToInput, parseMajorUnits } from './format';
import { Pager } from './pager';
import { QueryView } from './query-view';
import { SeatMap, type SeatMapCell } from './seat-map';

describe('money and words', () => {
  it.each([
    // typed, currency, minor units
    ['12,500', 'LKR', 1_250_000],
    ['12500.5', 'LKR', 1_250_050],
    ['0.29', 'USD', 29],
    ['500', 'JPY', 500],
    ['1.234', 'KWD', 1_234],
    ['1.234', 'USD', null],
    ['5.5', 'JPY', null],
    ['0', 'LKR', null],
    ['-5', 'LKR', null],
    ['abc', 'LKR', null],
    ['', 'LKR', null],
  ])('parses %s %s as %s minor units', (typed, currency, minor) => {
    expect(parseMajorUnits(typed, currency)).toBe(minor);
  });

  it('formats minor units with the currency exponent, and round-trips input values', () => {
    expect(formatMoney(1_250_000, 'LKR')).toBe('LKR\u00a012,500.00');
    expect(formatMoney(500, 'JPY')).toBe('JPY\u00a0500');
    expect(minorToInput(1_250_050, 'LKR')).toBe('12500.50');
    expect(minorToInput(5, 'USD')).toBe('0.05');
    expect(minorToInput(500, 'JPY')).toBe('500');
    expect(parseMajorUnits(minorToInput(987_654_321, 'KWD'), 'KWD')).toBe(987_654_321);
  });

  it('words countdowns and enums', () => {
    expect(formatClock(299)).toBe('4:59');
    expect(formatClock(0.4)).toBe('0:01');
    expect(formatClock(3_723)).toBe('1:02:03');
    expect(humanize('pending_review')).toBe('Pending review');
  });
});

describe('SeatMap', () => {
  const cells: SeatMapCell[] = [
    { row: 1, column: 1, kind: 'seat', label: '1A' },
    { row: 1, column: 2, kind: 'aisle' },
    { row: 1, column: 3, kind: 'seat', label: '1B' },
    { row: 2, column: 1, kind: 'seat', label: '2A' },
    { row: 2, column: 2, kind: 'aisle' },
    { row: 2, column: 3, kind: 'unavailable' },
  ];

  it('lays the layout out on a class-based grid and says each seat state in words', () => {
    const html = renderToStaticMarkup(
      <SeatMap
        rows={2}
        columns={3}
        cells={cells}
        states={{ '1A': 'free', '1B': 'sold', '2A': 'held' }}
        selected={new Set()}
        onToggle={() => {}}
      />,
    );
    expect(html).toContain('class="fw-seat-map fw-seat-map--cols-3"');
    expect(html).not.toContain('style=');
    expect(html.match(/<button /g)).toHaveLength(3);
    expect(html).toMatch(
      /<button type="button" class="fw-seat fw-seat--free" aria-pressed="false" aria-label="Seat 1A, free"[^>]*>1A<\/button>/,
    );
    expect(html).toMatch(/aria-label="Seat 1B, sold"[^>]*disabled=""/);
    expect(html).toMatch(/aria-label="Seat 2A, held by someone else"[^>]*disabled=""/);
    expect(html.match(/fw-seat-map__gap/g)).toHaveLength(2);
    expect(html.match(/fw-seat-map__blocked/g)).toHaveLength(1);
  });

  it('marks chosen seats and, at the cap, disables the free ones not chosen', () => {
    const html = renderToStaticMarkup(
      <SeatMap
        rows={2}
        columns={3}
        cells={cells}
        states={{ '1A': 'free', '1B': 'free', '2A': 'free' }}
        selected={new Set(['1A'])}
        onToggle={() => {}}
        full
      />,
    );
    expect(html).toMatch(
      /class="fw-seat fw-seat--free fw-seat--selected" aria-pressed="true" aria-label="Seat 1A, selected"(?![^>]*disabled)/,
    );
    expect(html).toMatch(/aria-label="Seat 1B, free"[^>]*disabled=""/);
  });
});

describe('QueryView', () => {
  const text = (html: string) =>
    html
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ')
      .trim();

  it('shows loading, then the server message with a retry held back by Retry-After, then empty or data', () => {
    expect(
      text(
        renderToStaticMarkup(
          <QueryView isPending hasData={false} problem={null} what="trips">
            {() => 'DATA'}
          </QueryView>,
        ),
      ),
    ).toBe('Loading trips…');
    const failed = renderToStaticMarkup(
      <QueryView
        isPending={false}
        hasData={false}
        problem={{ message: 'Too many requests', code: 'RATE_LIMITED', retryAt: Date.now() + 30_000 }}
        onRetry={() => {}}
        what="trips"
      >
        {() => 'DATA'}
      </QueryView>,
    );
    expect(failed).toContain('role="alert"');
    expect(text(failed)).toContain('Could not load trips Too many requests');
    expect(text(failed)).toMatch(/try again in 30 seconds/);
    expect(failed).toMatch(/<button [^>]*disabled=""[^>]*>Try again \(30s\)<\/button>/);
    expect(text(failed)).not.toContain('DATA');

    const empty = renderToStaticMarkup(
      <QueryView isPending={false} hasData problem={null} what="trips" isEmpty empty={<p>No trips</p>}>
        {() => 'DATA'}
      </QueryView>,
    );
    expect(text(empty)).toBe('No trips');
    const stale = renderToStaticMarkup(
      <QueryView isPending={false} hasData problem={{ message: 'Failed to fetch', retryAt: null }} onRetry={() => {}} what="trips">
        {() => 'DATA'}
      </QueryView>,
    );
    expect(text(stale)).toContain('Could not refresh trips; showing what we had Failed to fetch');
    expect(text(stale)).toContain('DATA');
    expect(stale).toMatch(/<button [^>]*>Try again<\/button>/);
  });
});

describe('Pager', () => {
  it('hides itself for one page and bounds Previous/Next', () => {
    expect(renderToStaticMarkup(<Pager page={1} limit={20} total={5} onPage={() => {}} />)).toBe('');
    const html = renderToStaticMarkup(<Pager page={1} limit={20} total={45} onPage={() => {}} />);
    expect(html).toMatch(/<button [^>]*disabled=""[^>]*>Previous<\/button>/);
    expect(html).toContain('Page 1 of 3 · 45 in all');
    expect(html).toMatch(/<button type="button" class="fw-button fw-button--secondary">Next<\/button>/);
  });
});
