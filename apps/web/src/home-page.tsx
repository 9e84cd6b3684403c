import { useSession } from '@fareway/api-client';
import { Alert, Button } from '@fareway/ui';
import { Link } from '@tanstack/react-router';
import { PhoneSignIn } from './phone-sign-in';

/** The landing page: what Fareway does, the two ways in, and sign-in for newcomers. */
export function HomePage() {
  const session = useSession();
  return (
    <div className="web-landing">
      <section className="web-hero" aria-labelledby="web-hero-title">
        <h1 id="web-hero-title" className="web-hero__title">
          Book a car or a seat
        </h1>
        <p className="web-hero__lead">Rental cars and travel seats, booked and paid for in one place.</p>
        <div className="web-hero__actions">
          <Link to="/cars" className="fw-button fw-button--primary">
            Rent a car
          </Link>
          <Link to="/bus" className="fw-button fw-button--secondary">
            Bus tickets
          </Link>
        </div>
      </section>
      {session.isLoading || session.isSignedIn ? null : (
        <div className="web-landing__aside">
          {session.error ? (
            <Alert title="Could not check whether you are signed in">
              <p>{session.error.message}</p>
              <Button variant="secondary" onClick={() => void session.refetch()}>
                Try again
              </Button>
            </Alert>
          ) : null}
          <PhoneSignIn />
        </div>
      )}
    </div>
  );
}
