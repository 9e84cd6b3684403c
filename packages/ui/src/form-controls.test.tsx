import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { AccountBar } from './account-bar';
import { Alert } from './alert';
import { Button } from './button';
import { formatPhone, formatWait } from './format';
import { TextField } from './text-field';
import { secondsUntil } from './use-countdown';

/** The value of attribute `name` (any case: React writes `autoComplete`) on the first `<tag>`. */
function attributeOf(html: string, tag: string, name: string): string | undefined {
  const element = html.match(new RegExp(`<${tag}\\b[^>]*>`))?.[0];
  return element?.match(new RegExp(`\\s${name}="([^"]*)"`, 'i'))?.[1];
}

function idsIn(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1] ?? '');
}

describe('TextField', () => {
  it('labels the input and leaves it valid when there is no error', () => {
    const html = renderToStaticMarkup(<TextField label="Email" name="email" type="email" autoComplete="username" required />);

    const inputId = attributeOf(html, 'input', 'id');
    expect(inputId).toBeTruthy();
    expect(attributeOf(html, 'label', 'for')).toBe(inputId);
    expect(html).toMatch(/<label [^>]*>Email<\/label>/);
    expect(attributeOf(html, 'input', 'type')).toBe('email');
    expect(attributeOf(html, 'input', 'autocomplete')).toBe('username');
    expect(html).toMatch(/<input [^>]*required=""/);
    expect(attributeOf(html, 'input', 'aria-invalid')).toBeUndefined();
    expect(attributeOf(html, 'input', 'aria-describedby')).toBeUndefined();
    expect(html).not.toContain('fw-field__error');
  });

  it('ties the hint and the error to the input and marks it invalid', () => {
    const html = renderToStaticMarkup(
      <TextField label="Phone number" hint="Sri Lankan numbers work without +94" error="Enter a valid mobile number" />,
    );

    expect(attributeOf(html, 'input', 'aria-invalid')).toBe('true');
    const describedBy = attributeOf(html, 'input', 'aria-describedby')?.split(' ') ?? [];
    expect(describedBy).toHaveLength(2);
    const [hintId, errorId] = describedBy;
    expect(html).toContain(`<p id="${hintId}" class="fw-field__hint">Sri Lankan numbers work without +94</p>`);
    expect(html).toContain(`<p id="${errorId}" class="fw-field__error">Enter a valid mobile number</p>`);
    expect(html).toContain('class="fw-field fw-field--invalid"');
    // Every id on the page is distinct, so the references are unambiguous.
    expect(new Set(idsIn(html)).size).toBe(idsIn(html).length);
  });

  it('gives two fields on one page different ids and honours an explicit id', () => {
    const html = renderToStaticMarkup(
      <>
        <TextField label="A" error="bad" />
        <TextField label="B" error="bad" />
        <TextField id="otp" label="Code" inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
      </>,
    );
    expect(new Set(idsIn(html)).size).toBe(idsIn(html).length);
    expect(html).toContain('<label class="fw-field__label" for="otp">Code</label>');
    expect(html).toMatch(/<input [^>]*inputMode="numeric"[^>]*autoComplete="one-time-code"[^>]*maxLength="6"/i);
    expect(html).not.toContain('style=');
  });
});

describe('Button', () => {
  it('is a non-submitting button unless told otherwise', () => {
    expect(renderToStaticMarkup(<Button>Resend code</Button>)).toBe(
      '<button type="button" class="fw-button fw-button--primary">Resend code</button>',
    );
    expect(attributeOf(renderToStaticMarkup(<Button type="submit">Sign in</Button>), 'button', 'type')).toBe('submit');
  });

  it('is disabled and aria-busy while busy, showing the busy label', () => {
    const html = renderToStaticMarkup(
      <Button variant="secondary" busy busyLabel="Signing in…">
        Sign in
      </Button>,
    );
    expect(html).toContain('disabled=""');
    expect(attributeOf(html, 'button', 'aria-busy')).toBe('true');
    expect(html).toContain('fw-button--secondary fw-button--busy');
    expect(html).toContain('>Signing in…</button>');
  });
});

describe('Alert', () => {
  it('announces errors as alerts and information politely', () => {
    expect(renderToStaticMarkup(<Alert>That code is not right</Alert>)).toBe(
      '<div role="alert" class="fw-alert fw-alert--error"><div class="fw-alert__body">That code is not right</div></div>',
    );
    const info = renderToStaticMarkup(
      <Alert variant="info" title="Code sent">
        Check your messages
      </Alert>,
    );
    expect(info).toMatch(/^<div role="status" class="fw-alert fw-alert--info"><p class="fw-alert__title">Code sent<\/p>/);
  });
});

describe('formatWait / formatPhone / secondsUntil', () => {
  it('groups Sri Lankan numbers and leaves others alone', () => {
    expect(formatPhone('+94770000001')).toBe('+94 77 000 0001');
    expect(formatPhone('+447700900123')).toBe('+447700900123');
    expect(formatPhone('0771234567')).toBe('0771234567');
  });

  it('words a wait, rounding up', () => {
    expect(formatWait(1)).toBe('1 second');
    expect(formatWait(0.2)).toBe('1 second');
    expect(formatWait(45)).toBe('45 seconds');
    expect(formatWait(119)).toBe('119 seconds');
    expect(formatWait(900)).toBe('15 minutes');
    expect(formatWait(901)).toBe('16 minutes');
    expect(formatWait(3 * 3600)).toBe('3 hours');
  });

  it('counts whole seconds to a deadline, never below zero', () => {
    expect(secondsUntil(null, 1_000)).toBe(0);
    expect(secondsUntil(61_000, 1_000)).toBe(60);
    expect(secondsUntil(61_000, 1_001)).toBe(60);
    expect(secondsUntil(61_000, 60_999)).toBe(1);
    expect(secondsUntil(61_000, 61_000)).toBe(0);
    expect(secondsUntil(61_000, 99_000)).toBe(0);
  });
});

describe('AccountBar', () => {
  it('shows who is signed in and a Sign out button that says when it is busy', () => {
    const idle = renderToStaticMarkup(<AccountBar name="Nimal" detail="+94 77 000 0001" onSignOut={() => {}} />);
    expect(idle).toContain('<span class="fw-account__name">Nimal</span><span class="fw-account__detail">+94 77 000 0001</span>');
    expect(idle).toMatch(/<button type="button" class="[^"]*fw-account__sign-out">Sign out<\/button>/);
    expect(idle).not.toContain('role="alert"');

    const busy = renderToStaticMarkup(<AccountBar name="admin@example.com" onSignOut={() => {}} signingOut error="Could not sign out" />);
    expect(busy).not.toContain('fw-account__detail');
    expect(busy).toMatch(/<button [^>]*disabled=""[^>]*aria-busy="true">Signing out…<\/button>/);
    expect(busy).toContain('<span role="alert" class="fw-account__error">Could not sign out</span>');
  });
});
