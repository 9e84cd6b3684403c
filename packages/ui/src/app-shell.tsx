import type { ReactNode } from 'react';

export interface AppShellProps {
  /** Shown in the header, e.g. "Fareway" or "Fareway Admin". */
  productName: string;
  /** Where the product name links to; defaults to "/". */
  homeHref?: string;
  /** Navigation links, rendered inside a labelled `<nav>`. */
  nav?: ReactNode;
  /** Right-hand end of the header: who is signed in, a sign-out button. */
  account?: ReactNode;
  /** Optional page footer content. */
  footer?: ReactNode;
  children: ReactNode;
}

export function AppShell({ productName, homeHref = '/', nav, account, footer, children }: AppShellProps) {
  return (
    <div className="fw-shell">
      <header className="fw-shell__header">
        <div className="fw-shell__bar">
          <a className="fw-shell__brand" href={homeHref}>
            {productName}
          </a>
          {nav ? (
            <nav className="fw-shell__nav" aria-label="Main">
              {nav}
            </nav>
          ) : null}
          {account ? <div className="fw-shell__account">{account}</div> : null}
        </div>
      </header>
      <main className="fw-shell__main">{children}</main>
      {footer ? <footer className="fw-shell__footer">{footer}</footer> : null}
    </div>
  );
}
