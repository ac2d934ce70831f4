import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setPriority } from 'node:os';
import { fileURLToPath } from 'node:url';
import { alsPng, alsSvg } from './zeichnen.ts';
import type { Spezifikation } from './specs/rahmen.ts';

/** Turns a Vega-Lite spec into its SVG and PNG. */
export interface Zeichner {
  zeichne(spec: Spezifikation): Promise<{ svg: string; png: Uint8Array }>;
  beenden(): void;
}

/** In this process: for `srb report`, where nothing else waits on the event loop. */
export const zeichnerImProzess: Zeichner = {
  async zeichne(spec) {
    const svg = await alsSvg(spec);
    return { svg, png: await alsPng(svg) };
  },
  beenden() {},
};

interface Auftrag {
  spec: Spezifikation;
  fertig(e: { svg: string; png: Uint8Array }): void;
  fehler(e: Error): void;
}

/**
 * In a child process of its own, one chart at a time: Vega's layout and resvg's rasterising are
 * seconds of CPU for a pack, and in the server's thread they stall every request meanwhile (a
 * health request waited 2,9 s). The rows stay in the server (only it may open the DuckDB file);
 * specs with their data go to the child, SVG and PNG come back. Started on first use, again after
 * a crash; `beenden` ends it.
 */
export function zeichnerProzess(): Zeichner {
  let kind: ChildProcess | undefined;
  const warteschlange: Auftrag[] = [];
  let aktuell: Auftrag | undefined;
  const weiter = () => {
    if (aktuell || warteschlange.length === 0) return;
    aktuell = warteschlange.shift()!;
    starte().send({ spec: aktuell.spec });
  };
  const starte = (): ChildProcess => {
    if (kind) return kind;
    // From the sources (tests, tsx) the child needs tsx to read TypeScript; the compiled product does not.
    const ausQuelle = import.meta.url.endsWith('.ts');
    const k = fork(fileURLToPath(new URL('./zeichenprozess.ts', import.meta.url)), [], {
      execArgv: ausQuelle ? ['--import', createRequire(import.meta.url).resolve('tsx/esm')] : [],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    // Drawing is background work: below the server's event loop on a busy machine (as its other threads, api/nachrang.ts).
    try {
      if (k.pid) setPriority(k.pid, 10);
    } catch {
      // not allowed here (or no such process any more): it draws at the normal priority
    }
    k.on('message', (m: { svg?: string; png?: Uint8Array; fehler?: string }) => {
      const a = aktuell!;
      aktuell = undefined;
      if (m.fehler !== undefined) a.fehler(new Error(m.fehler));
      else a.fertig({ svg: m.svg!, png: m.png! });
      weiter();
    });
    k.on('exit', (code, signal) => {
      if (kind === k) kind = undefined;
      const a = aktuell;
      aktuell = undefined;
      a?.fehler(new Error(`Der Zeichenprozess endete unerwartet (${signal ?? code}).`));
      weiter();
    });
    kind = k;
    return k;
  };
  return {
    zeichne: (spec) =>
      new Promise((fertig, fehler) => {
        warteschlange.push({ spec, fertig, fehler });
        weiter();
      }),
    beenden() {
      const k = kind;
      kind = undefined;
      for (const a of warteschlange.splice(0)) a.fehler(new Error('Der Zeichenprozess wurde beendet.'));
      k?.kill();
    },
  };
}
