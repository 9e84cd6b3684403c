// `pnpm bench`: every benchmark in turn; each prints its own figures and ratios.
import { runHttpOverhead } from './http-overhead';

process.env.TZ = 'UTC';
await runHttpOverhead();
process.exit(0);
