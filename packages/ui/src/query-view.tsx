import type { ReactNode } from 'react';
import { type Problem, ProblemAlert } from './problem-alert';
import { useUiLabels } from './ui-labels';

export interface QueryViewProps {
  /** The first answer has not come yet. */
  isPending: boolean;
  /** Data is on hand (maybe from before a failed refresh). */
  hasData: boolean;
  problem: Problem | null;
  onRetry?: () => void;
  /** What is being loaded, for the loading line and the error title ("your bookings"). */
  what: string;
  /** Nothing to show: rendered instead of `children` when `isEmpty`. */
  isEmpty?: boolean;
  empty?: ReactNode;
  /** Rendered only once there is data (a function, so it may read data that is only defined then). */
  children: () => ReactNode;
}

/**
 * The four states of anything fetched: loading, failed (the server's message,
 * a retry that respects Retry-After), empty, and the data itself. A failed
 * refresh keeps the last data on screen under a warning: never a blank screen.
 */
export function QueryView({ isPending, hasData, problem, onRetry, what, isEmpty = false, empty, children }: QueryViewProps) {
  const labels = useUiLabels();
  if (!hasData) {
    if (problem) return <ProblemAlert title={labels.couldNotLoad(what)} problem={problem} {...(onRetry ? { onRetry } : {})} />;
    if (isPending)
      return (
        <p className="fw-muted fw-loading" role="status">
          {labels.loading(what)}
        </p>
      );
    return null;
  }
  return (
    <>
      {problem ? <ProblemAlert title={labels.couldNotRefresh(what)} problem={problem} {...(onRetry ? { onRetry } : {})} /> : null}
      {isEmpty ? <div className="fw-empty">{empty ?? <p>{labels.nothingHere}</p>}</div> : children()}
    </>
  );
}
