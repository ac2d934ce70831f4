import { createReadStream } from 'node:fs';

/**
 * Line numbers as an editor shows them (header = line 1) for data rows given by their position in
 * the file (0 = first data row). Only needed when blank lines, line breaks inside quotes or rows that
 * the reader refused shift rows against lines; otherwise row n stands on line n + 2.
 */
export async function zeilennummern(csvPfad: string, nrs: number[], ausgelassen: Set<number>): Promise<Map<number, number>> {
  const gesucht = new Set(nrs);
  const ergebnis = new Map<number, number>();
  if (gesucht.size === 0) return ergebnis;
  let zeile = 1;
  let satzBeginn = 1;
  let inAnfuehrung = false;
  let satzLeer = true;
  let kopfGelesen = false;
  let nr = 0;
  const satzEnde = () => {
    if (!satzLeer) {
      if (!kopfGelesen) kopfGelesen = true;
      else if (!ausgelassen.has(satzBeginn)) {
        if (gesucht.has(nr)) ergebnis.set(nr, satzBeginn);
        nr++;
      }
    }
    satzLeer = true;
    satzBeginn = zeile;
  };
  for await (const stueck of createReadStream(csvPfad, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>) {
    for (let i = 0; i < stueck.length; i++) {
      const z = stueck.charCodeAt(i);
      if (z === 34) { inAnfuehrung = !inAnfuehrung; satzLeer = false; }
      else if (z === 10) {
        zeile++;
        if (!inAnfuehrung) satzEnde();
      } else if (z !== 13 && z !== 0xfeff) satzLeer = false;
    }
    if (ergebnis.size === gesucht.size) return ergebnis;
  }
  zeile++;
  satzEnde();
  return ergebnis;
}
