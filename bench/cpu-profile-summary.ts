// Summarizes a V8 .cpuprofile (node --cpu-prof, or bench/profile-holds's BENCH_PROFILE_OUT):
// self time by package and by function, and inclusive time by function, as % of the busy
// samples (idle ones left out).
//   npx tsx cpu-profile-summary.ts FILE.cpuprofile [top=40]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Which package a script belongs to: a pnpm store package, a workspace package, node's own, or V8's. */
export function packageOf(url: string): string {
  if (!url) return '(native / V8)';
  const store = /node_modules\/\.pnpm\/(@[^+/]+\+[^@/]+|[^@/]+)@/.exec(url);
  if (store?.[1]) return store[1].replace('+', '/');
  const module = /node_modules\/((@[^/]+\/)?[^/]+)/.exec(url);
  if (module?.[1]) return module[1];
  const workspace = /\/(packages|apps|bench)\/([^/]+)/.exec(url);
  if (workspace) return workspace[1] === 'bench' ? 'bench' : `@fareway/${workspace[2]}`;
  if (url.startsWith('node:')) return 'node:internal';
  return url;
}

function main(): void {
  const [file, topArg] = process.argv.slice(2);
  if (!file) throw new Error('usage: cpu-profile-summary.ts FILE.cpuprofile [top]');
  const top = Number(topArg ?? 40);
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let total = 0;
  let idle = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    if (byId.get(id)?.callFrame.functionName === '(idle)') {
      idle += dt;
      return;
    }
    self.set(id, (self.get(id) ?? 0) + dt);
    total += dt;
  });
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);

  const key = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'}  ${packageOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  const bySelf = new Map<string, number>();
  const byPackage = new Map<string, number>();
  const byCaller = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const isRuntime = (pkg: string) => pkg === '(native / V8)' || pkg === 'node:internal';
  for (const [id, us] of self) {
    const node = byId.get(id);
    if (!node) continue;
    bySelf.set(key(node), (bySelf.get(key(node)) ?? 0) + us);
    byPackage.set(packageOf(node.callFrame.url), (byPackage.get(packageOf(node.callFrame.url)) ?? 0) + us);
    // The nearest package on the stack that is not node's or V8's own: who asked for the runtime's work (a socket write, a Buffer copy).
    // bench/socket-writes.ts's counter sits under every socket write: the write is its caller's.
    const chargeTo = (url: string) => (url.endsWith('/bench/socket-writes.ts') ? 'node:internal' : packageOf(url));
    let caller = chargeTo(node.callFrame.url);
    for (let at = parent.get(id); isRuntime(caller) && at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (frame) caller = chargeTo(frame.callFrame.url);
    }
    const label = node.callFrame.functionName === '(garbage collector)' ? '(garbage collector)' : caller;
    byCaller.set(label, (byCaller.get(label) ?? 0) + us);
    // Inclusive: every distinct function on the sample's stack gets the sample once (recursion counted once).
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const k = key(frame);
      if (seen.has(k)) continue;
      seen.add(k);
      inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    }
  }

  const pct = (us: number) => `${((us / total) * 100).toFixed(1).padStart(5)} %`;
  const print = (title: string, rows: Map<string, number>, n: number) => {
    console.log(`\n${title}`);
    for (const [name, us] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${pct(us)}  ${name}`);
  };
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s busy, ${(idle / 1e6).toFixed(1)} s idle`);
  print('self time by package', byPackage, 25);
  print("self time by package, node's and V8's work charged to the package that called it", byCaller, 25);
  print('self time by function', bySelf, top);
  print('inclusive time by function', inclusive, top);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
