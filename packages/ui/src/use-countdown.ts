import { useEffect, useState } from 'react';

/** Whole seconds from `now` until `deadline` (epoch ms), never negative; 0 when there is no deadline. */
export function secondsUntil(deadline: number | null, now: number): number {
  if (deadline === null) return 0;
  return Math.max(0, Math.ceil((deadline - now) / 1000));
}

/**
 * Seconds left until `deadline` (epoch ms), re-rendering as it counts down and
 * stopping at 0. Pass `null` for "no deadline".
 */
export function useCountdown(deadline: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  const left = secondsUntil(deadline, now);

  useEffect(() => {
    setNow(Date.now());
    if (deadline === null || deadline <= Date.now()) return;
    // Ticks a little faster than once a second so the display never skips a number.
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);

  return left;
}
