/**
 * In-process wake-ups for requests waiting on a running Idempotency-Key: when
 * this process stores or releases a key, its waiters re-read the row at once
 * instead of at their next poll. Waiters on a key claimed by another process
 * are woken by their poll alone (bounded by the caller's interval).
 */
export class KeySignals {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Resolves when `id` is signalled or after `ms`, whichever comes first. */
  wait(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let set = this.waiters.get(id);
      if (!set) {
        set = new Set();
        this.waiters.set(id, set);
      }
      const waiters = set;
      const done = () => {
        clearTimeout(timer);
        waiters.delete(done);
        if (waiters.size === 0 && this.waiters.get(id) === waiters) this.waiters.delete(id);
        resolve();
      };
      const timer = setTimeout(done, ms);
      waiters.add(done);
    });
  }

  signal(id: string): void {
    const set = this.waiters.get(id);
    if (!set) return;
    for (const wake of [...set]) wake();
  }

  get size(): number {
    let total = 0;
    for (const set of this.waiters.values()) total += set.size;
    return total;
  }
}
