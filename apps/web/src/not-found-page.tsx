import { Link } from '@tanstack/react-router';

export function NotFoundPage() {
  return (
    <div className="web-page">
      <h1 className="fw-page-title">Page not found</h1>
      <p>
        There is nothing at this address. <Link to="/">Go to the start page</Link>.
      </p>
    </div>
  );
}
