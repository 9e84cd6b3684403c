import type { ReactNode } from 'react';
import { Alert } from './alert';
import { Button } from './button';
import { formatWait } from './format';
import { useUiLabels } from './ui-labels';
import { useCountdown } from './use-countdown';

/**
 * What went wrong with a request, ready to show: the server's own message (or
 * a plain sentence when the server was not reached), its stable code, and when
 * it may be tried again (epoch ms, from a 429's Retry-After).
 */
export interface Problem {
  message: string;
  code?: string | undefined;
  retryAt?: number | null;
}

export interface ProblemAlertProps {
  problem: Problem;
  title?: ReactNode;
  /** Offers a "Try again" button, held disabled until `retryAt` has passed. */
  onRetry?: () => void;
  retryLabel?: string;
  children?: ReactNode;
}

/** An error alert that never asks for a retry before the server said one may come. */
export function ProblemAlert({ problem, title, onRetry, retryLabel: givenRetryLabel, children }: ProblemAlertProps) {
  const labels = useUiLabels();
  const retryLabel = givenRetryLabel ?? labels.tryAgain;
  const wait = useCountdown(problem.retryAt ?? null);
  return (
    <Alert title={title}>
      <p>{problem.message}</p>
      {wait > 0 ? <p className="fw-problem__wait">{labels.tryAgainIn(formatWait(wait))}</p> : null}
      {children}
      {onRetry ? (
        <p className="fw-problem__actions">
          <Button variant="secondary" onClick={onRetry} disabled={wait > 0}>
            {wait > 0 ? `${retryLabel} (${wait}s)` : retryLabel}
          </Button>
        </p>
      ) : null}
    </Alert>
  );
}

/** Seconds left before a problem's Retry-After passes (0 when it may be retried now), ticking. */
export function useRetryWait(problem: Problem | null | undefined): number {
  return useCountdown(problem?.retryAt ?? null);
}
