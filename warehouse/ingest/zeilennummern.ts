import { createReadStream } from 'node:fs';

/**
 * Walks the records of a CSV file and tells, for each data record in file order (nr from 0), the line it
 * starts on as an editor shows it (header = line 1, blank lines and quoted line breaks counted). Records
 * the reader refused (`ausgelassen`, by their line) get no nr. A workbook converted to CSV (`xlsx`) counts
 * sheet rows instead: one record per row, so a line break inside a cell does not move the rows below it.
 * `proSatz` returning true stops the walk.
 */
async function durchlaufe(
  csvPfad: string,
  ausgelassen: Set<number>,
  xlsx: boolean,
  proSatz: (nr: number, zeile: number) => boolean,
): Promise<void> {
  let zeile = 1;
  let satzBeginn = 1;
  let inAnfuehrung = false;
  let satzLeer = true;
  let kopfGelesen = false;
  let nr = 0;
  let fertig = false;
  const satzEnde = () => {
    if (!satzLeer) {
      if (!kopfGelesen) kopfGelesen = true;
      else if (!ausgelassen.has(satzBeginn)) fertig = proSatz(nr++, satzBeginn);
    }
    satzLeer = true;
    satzBeginn = zeile;
  };
  for await (const stueck of createReadStream(csvPfad, {
    encoding: 'utf8',
    highWaterMark: 1 << 20,
  }) as AsyncIterable<string>) {
    for (let i = 0; i < stueck.length && !fertig; i++) {
      const z = stueck.charCodeAt(i);
      if (z === 34) {
        inAnfuehrung = !inAnfuehrung;
        satzLeer = false;
      } else if (z === 10) {
        if (!inAnfuehrung) {
          zeile++;
          satzEnde();
        } else if (!xlsx) zeile++;
      } else if (z !== 13 && z !== 0xfeff) satzLeer = false;
    }
    if (fertig) return;
  }
  zeile++;
  satzEnde();
}

/**
 * Line numbers as an editor shows them (header = line 1) for data rows given by their position in
 * the file (0 = first data row). Only needed when blank lines, line breaks inside quotes or rows that
 * the reader refused shift rows against lines; otherwise row n stands on line n + 2.
 */
export async function zeilennummern(
  csvPfad: string,
  nrs: number[],
  ausgelassen: Set<number>,
  xlsx: boolean,
): Promise<Map<number, number>> {
  const gesucht = new Set(nrs);
  const ergebnis = new Map<number, number>();
  if (gesucht.size === 0) return ergebnis;
  await durchlaufe(csvPfad, ausgelassen, xlsx, (nr, zeile) => {
    if (gesucht.has(nr)) ergebnis.set(nr, zeile);
    return ergebnis.size === gesucht.size;
  });
  return ergebnis;
}

/** From data row `ab` on (until the next entry), a row stands `versatz` lines further down than n + 2. */
export interface Versatz {
  ab: number;
  versatz: number;
}

/**
 * Where rows and lines part in a whole file, as the few places the shift changes (a blank line, a
 * quoted line break): what a load needs to store every row's line without a map of millions of rows.
 */
export async function zeilenversatz(csvPfad: string, xlsx: boolean): Promise<Versatz[]> {
  const stellen: Versatz[] = [];
  let bisher = 0;
  await durchlaufe(csvPfad, new Set(), xlsx, (nr, zeile) => {
    const versatz = zeile - nr - 2;
    if (versatz !== bisher) stellen.push({ ab: nr, versatz });
    bisher = versatz;
    return false;
  });
  return stellen;
}
