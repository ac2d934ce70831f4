// HiGHS, the linear-programming solver of the University of Edinburgh compiled to WebAssembly (npm `highs`),
// loaded once per thread (the protection runs in its worker thread, nebenher.ts). Its types describe the
// CommonJS build, so it is loaded as that one.
import { createRequire } from 'node:module';
import type * as HiGHS from 'highs';

const { default: ladeHighs } = createRequire(import.meta.url)('highs') as (typeof HiGHS)['default'];
export const highs = await ladeHighs();

/** Below this, two values of a solution count as equal (HiGHS solves to about 1e-7). */
export const EPS = 1e-6;

/** Rows of a constraint matrix as HiGHS takes them (compressed sparse rows), filled row by row. */
export class Zeilenmatrix {
  private readonly starts = [0];
  private readonly indices: number[] = [];
  private readonly values: number[] = [];
  /** One entry of the row being filled; columns must ascend within a row. */
  eintrag(spalte: number, wert: number): void {
    this.indices.push(spalte);
    this.values.push(wert);
  }
  /** Ends the row being filled. */
  zeileFertig(): void {
    this.starts.push(this.indices.length);
  }
  get zeilen(): number {
    return this.starts.length - 1;
  }
  /** The `matrix` of a HiGHS model with `numCols` columns. */
  fuer(numCols: number) {
    return {
      format: 'csr' as const,
      numRows: this.zeilen,
      numCols,
      starts: Int32Array.from(this.starts),
      indices: Int32Array.from(this.indices),
      values: Float64Array.from(this.values),
    };
  }
}
