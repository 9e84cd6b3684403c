// What queues a request besides its own work (issue 16's p99): the event loop's delay (a turn that
// runs long makes every waiting request later) and garbage collection, measured while a row runs.
import { constants, monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

export interface LoopFigures {
  /** Event-loop delay percentiles over the row (ms): how late a ready callback ran. */
  delayP50Ms: number;
  delayP99Ms: number;
  delayMaxMs: number;
  /** Garbage collection pauses during the row: their sum (ms), count and longest. */
  gcMs: number;
  gcCount: number;
  gcMaxMs: number;
  /** Of those, full (mark-compact) collections: objects that outlived the young generation. */
  gcMajorCount: number;
}

/** Runs `work` while sampling the event-loop delay (1 ms resolution) and GC pauses. */
export async function watchLoop<T>(work: () => Promise<T>): Promise<{ result: T; loop: LoopFigures }> {
  const delay = monitorEventLoopDelay({ resolution: 1 });
  let gcMs = 0;
  let gcCount = 0;
  let gcMaxMs = 0;
  let gcMajorCount = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      gcMs += entry.duration;
      gcCount += 1;
      gcMaxMs = Math.max(gcMaxMs, entry.duration);
      if ((entry as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gcMajorCount += 1;
    }
  });
  observer.observe({ entryTypes: ['gc'] });
  delay.enable();
  try {
    const result = await work();
    return {
      result,
      loop: {
        delayP50Ms: delay.percentile(50) / 1e6,
        delayP99Ms: delay.percentile(99) / 1e6,
        delayMaxMs: delay.max / 1e6,
        gcMs,
        gcCount,
        gcMaxMs,
        gcMajorCount,
      },
    };
  } finally {
    delay.disable();
    observer.disconnect();
  }
}

export function formatLoop(label: string, operations: number, loop: LoopFigures): string {
  return `  ${label.padEnd(40)} loop delay p50 ${loop.delayP50Ms.toFixed(1).padStart(5)} p99 ${loop.delayP99Ms.toFixed(1).padStart(6)} max ${loop.delayMaxMs.toFixed(1).padStart(6)} ms | GC ${((loop.gcMs / operations) * 1000).toFixed(0).padStart(4)} ms per 1000 ops, ${loop.gcCount} pauses (${loop.gcMajorCount} full), longest ${loop.gcMaxMs.toFixed(1)} ms`;
}
