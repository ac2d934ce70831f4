// HiGHS, the linear-programming solver of the University of Edinburgh compiled to WebAssembly (npm `highs`),
// loaded once per thread (the protection runs in its worker thread, nebenher.ts). Its types describe the
// CommonJS build, so it is loaded as that one.
import { createRequire } from 'node:module';
import type * as HiGHS from 'highs';

const { default: ladeHighs } = createRequire(import.meta.url)('highs') as (typeof HiGHS)['default'];
export const highs = await ladeHighs();

/** Below this, two values of a solution count as equal (HiGHS solves to about 1e-7). */
export const EPS = 1e-6;
