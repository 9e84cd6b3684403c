import { type MouseEvent, type ReactNode, useId, useState } from 'react';

export interface AppShellProps {
  /** The product name in the header, usually a router link home ("Fareway", "Fareway Admin"). */
  brand: ReactNode;
  /** Navigation links, rendered inside a labelled `<nav>`; behind a Menu button on phones. */
  nav?: ReactNode;
  /** Right-hand end of the header: who is signed in, a sign-out button. */
  account?: ReactNode;
  /** Optional page footer content. */
  footer?: ReactNode;
  /** The phone menu button's word and the navigation's accessible name, in the app's language ("Menu", "Main"). */
  labels?: { menu: string; nav: string };
  children: ReactNode;
}

/**
 * The page frame of both SPAs. Below 48rem the navigation and the account
 * corner fold behind a Menu button (a disclosure, `aria-expanded`), which
 * closes again when a link in it is followed.
 */
export function AppShell({ brand, nav, account, footer, labels = { menu: 'Menu', nav: 'Main' }, children }: AppShellProps) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const closeOnLink = (event: MouseEvent<HTMLDivElement>) => {
    if ((event.target as HTMLElement).closest('a')) setOpen(false);
  };
  const hasMenu = nav !== undefined && nav !== null;
  return (
    <div className="fw-shell">
      <header className="fw-shell__header">
        <div className="fw-shell__bar">
          <span className="fw-shell__brand">{brand}</span>
          {hasMenu || account ? (
            <button
              type="button"
              className="fw-shell__menu-button"
              aria-expanded={open}
              aria-controls={menuId}
              onClick={() => setOpen(!open)}
            >
              <span aria-hidden="true">{open ? '✕' : '☰'}</span> {labels.menu}
            </button>
          ) : null}
          {/* biome-ignore lint/a11y/noStaticElementInteractions lint/a11y/useKeyWithClickEvents: only notices link clicks bubbling up; the links themselves are the controls. */}
          <div id={menuId} className={`fw-shell__menu${open ? ' fw-shell__menu--open' : ''}`} onClick={closeOnLink}>
            {hasMenu ? (
              <nav className="fw-shell__nav" aria-label={labels.nav}>
                {nav}
              </nav>
            ) : null}
            {account ? <div className="fw-shell__account">{account}</div> : null}
          </div>
        </div>
      </header>
      <main className="fw-shell__main">{children}</main>
      {footer ? <footer className="fw-shell__footer">{footer}</footer> : null}
    </div>
  );
}
