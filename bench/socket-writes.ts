// How many times this process hands bytes to the kernel, per peer (issue 16): every socket write is a
// system call, and on loopback the sender's CPU also pays for delivering the bytes. Counted at
// net.Socket's one funnel for write() and a corked writev() alike (_writeGeneric), so a batch that
// leaves in one write counts once.
import { Socket } from 'node:net';

type Peer = 'postgres' | 'http server' | 'http client';

export interface SocketWrites {
  /** Writes since the last reset, by peer. */
  counts(): Record<Peer, number>;
  reset(): void;
  /** Puts net.Socket's writer back. */
  stop(): void;
}

/** Counts socket writes from now on: to Postgres on `postgresPort`, by HTTP servers (their accepted sockets) and by HTTP clients (the rest). */
export function countSocketWrites(postgresPort: number): SocketWrites {
  const proto = Socket.prototype as unknown as { _writeGeneric: (...args: unknown[]) => unknown };
  const original = proto._writeGeneric;
  const zero = (): Record<Peer, number> => ({ postgres: 0, 'http server': 0, 'http client': 0 });
  let counts = zero();
  proto._writeGeneric = function (this: Socket, ...args: unknown[]) {
    // A server's accepted socket carries its server; the load generator's (fetch) do not.
    const peer: Peer =
      this.remotePort === postgresPort ? 'postgres' : (this as { server?: unknown }).server ? 'http server' : 'http client';
    counts[peer] += 1;
    return original.apply(this, args);
  };
  return {
    counts: () => ({ ...counts }),
    reset: () => {
      counts = zero();
    },
    stop: () => {
      proto._writeGeneric = original;
    },
  };
}

/** "postgres 3.00, http server 1.00, …" per operation. */
export function formatWrites(counts: Record<Peer, number>, operations: number): string {
  return Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([peer, n]) => `${peer} ${(n / operations).toFixed(2)}`)
    .join(', ');
}
