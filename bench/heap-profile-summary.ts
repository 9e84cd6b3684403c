// Summarizes a V8 sampling heap profile (bench/profile-holds's BENCH_ALLOC_OUT): bytes allocated by
// package and by function (self), as % of all sampled bytes. With objects the GC collected kept in,
// it says who makes the garbage the collector then spends CPU on.
//   npx tsx heap-profile-summary.ts FILE.heapprofile [top=30]
import { readFileSync } from 'node:fs';
import { packageOf } from './cpu-profile-summary';

interface HeapNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: HeapNode[];
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: heap-profile-summary.ts FILE.heapprofile [top]');
const top = Number(topArg ?? 30);
const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: HeapNode };
const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
let total = 0;
const isRuntime = (pkg: string) => pkg === '(native / V8)' || pkg === 'node:internal';
const walk = (node: HeapNode, caller: string) => {
  const pkg = packageOf(node.callFrame.url);
  const charged = isRuntime(pkg) ? caller : pkg;
  if (node.selfSize > 0) {
    total += node.selfSize;
    byPackage.set(charged, (byPackage.get(charged) ?? 0) + node.selfSize);
    const k = `${node.callFrame.functionName || '(anonymous)'}  ${pkg}:${node.callFrame.lineNumber + 1}  [${charged}]`;
    byFunction.set(k, (byFunction.get(k) ?? 0) + node.selfSize);
  }
  for (const child of node.children) walk(child, charged);
};
walk(head, '(native / V8)');
const print = (title: string, rows: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [name, bytes] of [...rows].sort((a, b) => b[1] - a[1]).slice(0, n))
    console.log(`  ${((bytes / total) * 100).toFixed(1).padStart(5)} %  ${name}`);
};
console.log(`${file}: ${(total / 2 ** 20).toFixed(0)} MiB sampled`);
print("allocated by package (node's and V8's allocations charged to the package that called them)", byPackage, 25);
print('allocated by function [charged package]', byFunction, top);
