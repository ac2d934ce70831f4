import type { Aufruf } from '../addin/funktionen/stapel.ts';

/** The distinct calls of a big controlling workbook: IST and PROGNOSE per Sozialraum, year (2025, 2026), month and Topf (768). */
export function verschiedeneAufrufe(): Aufruf[] {
  const aufrufe: Aufruf[] = [];
  for (const funktion of ['IST', 'PROGNOSE'] as const) {
    for (const sr of ['konz', 'schweich', 'hermeskeil', 'saarburg']) {
      for (const jahr of [2025, 2026]) {
        for (let monat = 1; monat <= 12; monat++)
          for (const topf of [null, 'personalisiert', 'variabel', 'asd'])
            aufrufe.push({ funktion, argumente: [sr, jahr, monat, topf] });
      }
    }
  }
  return aufrufe;
}

/** n cells over those calls, as sheets repeat the same figures (per Träger, per report page). */
export function zellenAufrufe(n: number): Aufruf[] {
  const v = verschiedeneAufrufe();
  return Array.from({ length: n }, (_, i) => v[i % v.length]!);
}
