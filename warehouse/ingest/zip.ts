import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** What an .xlsx may unpack to: far above any county's export, far below what stalls the server. */
// A part may pack tightly (repeated XML), but a large part packed more than `verhaeltnis`-fold is built to explode.
export const ZIP_GRENZEN = {
  entpackt: 512 * 1024 * 1024,
  eintraege: 10_000,
  verhaeltnis: 100,
  verdaechtigAb: 50 * 1024 * 1024,
};

const MB = 1024 * 1024;
const groesse = (n: number) => (n >= MB ? `${(n / MB).toFixed(1).replace('.', ',')} MB` : `${Math.ceil(n / 1024)} KB`);

/**
 * Reads the zip's central directory (the end of the file, a few KB) and refuses, before anything is
 * unpacked, a workbook whose parts would unpack to more than the limits (a zip bomb) or that is no
 * zip at all. Undefined when the workbook may be read; otherwise the German reason.
 */
export function pruefeZip(pfad: string): string | undefined {
  const fd = openSync(pfad, 'r');
  try {
    const laenge = fstatSync(fd).size;
    const ende = Buffer.alloc(Math.min(laenge, 65_557));
    readSync(fd, ende, 0, ende.length, laenge - ende.length);
    const eocd = ende.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (eocd < 0 || eocd + 22 > ende.length)
      return 'Die Datei endet auf .xlsx, ist aber keine vollständige Excel-Arbeitsmappe (ZIP-Verzeichnis fehlt; abgeschnitten oder beschädigt)';
    const anzahl = ende.readUInt16LE(eocd + 10);
    const verzeichnisGroesse = ende.readUInt32LE(eocd + 12);
    const verzeichnisAb = ende.readUInt32LE(eocd + 16);
    if (anzahl === 0xffff || verzeichnisAb === 0xffffffff || verzeichnisAb + verzeichnisGroesse > laenge) {
      return 'Die Excel-Arbeitsmappe ist beschädigt oder zu groß (ZIP64, Verzeichnis außerhalb der Datei)';
    }
    if (anzahl > ZIP_GRENZEN.eintraege)
      return `Die Excel-Arbeitsmappe hat ${anzahl} Teile (höchstens ${ZIP_GRENZEN.eintraege}); das ist keine Exportdatei`;
    const verzeichnis = Buffer.alloc(verzeichnisGroesse);
    readSync(fd, verzeichnis, 0, verzeichnisGroesse, verzeichnisAb);
    let summe = 0;
    for (let i = 0, pos = 0; i < anzahl; i++) {
      if (pos + 46 > verzeichnis.length || verzeichnis.readUInt32LE(pos) !== 0x02014b50)
        return 'Die Excel-Arbeitsmappe ist beschädigt (ZIP-Verzeichnis unlesbar)';
      const gepackt = verzeichnis.readUInt32LE(pos + 20);
      const entpackt = verzeichnis.readUInt32LE(pos + 24);
      const nameLaenge = verzeichnis.readUInt16LE(pos + 28);
      const name = verzeichnis.toString('utf8', pos + 46, pos + 46 + nameLaenge);
      summe += entpackt;
      if (entpackt > ZIP_GRENZEN.verdaechtigAb && entpackt > gepackt * ZIP_GRENZEN.verhaeltnis) {
        return `Der Teil „${name}“ der Arbeitsmappe entpackt sich von ${groesse(gepackt)} auf ${groesse(entpackt)} (mehr als das ${ZIP_GRENZEN.verhaeltnis}-Fache): das ist keine Exportdatei, sondern eine Zip-Bombe`;
      }
      if (summe > ZIP_GRENZEN.entpackt) {
        return `Die Arbeitsmappe entpackt sich auf mehr als ${groesse(ZIP_GRENZEN.entpackt)}: zu groß zum Laden. Bitte als CSV exportieren oder auf mehrere Dateien aufteilen`;
      }
      pos += 46 + nameLaenge + verzeichnis.readUInt16LE(pos + 30) + verzeichnis.readUInt16LE(pos + 32);
    }
    return undefined;
  } finally {
    closeSync(fd);
  }
}
