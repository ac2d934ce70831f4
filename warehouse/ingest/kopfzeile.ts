import { dateiarten, type Dateiart, type Spalte } from './vertrag.ts';
import { normalerSpaltenname, type Zuordnung } from './zuordnung.ts';

/** A column of the file: where it stands, what it is called there, what the contract calls it. */
export interface Dateispalte {
  position: number;
  imKopf: string;
  name: string;
  ignoriert: boolean;
}

export interface Kopfbefund {
  trennzeichen: string;
  spalten: Dateispalte[];
  art?: Dateiart;
  /** Header problems, each a complete German sentence without file name. */
  fehler: string[];
}

const KANDIDATEN = [';', '\t', ',', '|'];

export function erkenneTrennzeichen(kopfzeile: string, zuordnung: Zuordnung): string {
  if (zuordnung.trennzeichen) return zuordnung.trennzeichen;
  let bestes = ';';
  let anzahl = 0;
  for (const t of KANDIDATEN) {
    const n = kopfzeile.split(t).length - 1;
    if (n > anzahl) [bestes, anzahl] = [t, n];
  }
  return bestes;
}

export function teileKopfzeile(kopfzeile: string, trennzeichen: string): string[] {
  const felder: string[] = [];
  let feld = '';
  let inAnfuehrung = false;
  for (let i = 0; i < kopfzeile.length; i++) {
    const z = kopfzeile[i]!;
    if (z === '"') {
      if (inAnfuehrung && kopfzeile[i + 1] === '"') {
        feld += '"';
        i++;
      } else inAnfuehrung = !inAnfuehrung;
    } else if (z === trennzeichen && !inAnfuehrung) {
      felder.push(feld);
      feld = '';
    } else feld += z;
  }
  felder.push(feld);
  return felder;
}

const nenne = (namen: string[]) => namen.map((n) => `„${n}“`).join(', ');

/** Reads the header: renames and ignores per mapping, recognises the kind, names every problem. */
export function pruefeKopf(kopfzeile: string, zuordnung: Zuordnung): Kopfbefund {
  const trennzeichen = erkenneTrennzeichen(kopfzeile, zuordnung);
  const fehler: string[] = [];
  const spalten: Dateispalte[] = teileKopfzeile(kopfzeile, trennzeichen).map((roh, position) => {
    const normal = normalerSpaltenname(roh);
    return {
      position,
      imKopf: roh.trim(),
      name: zuordnung.spalten[normal] ?? normal,
      ignoriert: zuordnung.ignorieren.includes(normal),
    };
  });
  const genutzt = spalten.filter((s) => !s.ignoriert);

  const leer = genutzt.filter((s) => s.name === '');
  if (leer.length > 0)
    fehler.push(
      `Die Kopfzeile hat ${leer.length === 1 ? 'eine Spalte' : `${leer.length} Spalten`} ohne Namen (Spalte ${leer.map((s) => s.position + 1).join(', ')}).`,
    );
  const gesehen = new Map<string, number>();
  for (const s of genutzt) {
    if (s.name === '') continue;
    if (gesehen.has(s.name))
      fehler.push(
        `Die Spalte „${s.name}“ steht zweimal in der Kopfzeile (Spalte ${gesehen.get(s.name)! + 1} und ${s.position + 1}).`,
      );
    else gesehen.set(s.name, s.position);
  }

  const namen = new Set(genutzt.map((s) => s.name));
  const art = zuordnung.art ? dateiarten.find((d) => d.art === zuordnung.art) : erkenneArt(namen);
  if (!art) {
    fehler.unshift(
      `Die Art der Datei ist nicht zu erkennen: die Kopfzeile (${nenne([...namen].filter(Boolean))}) passt zu keiner Dateiart des Dateivertrags (${dateiarten.map((d) => d.art).join(', ')}).`,
    );
    return { trennzeichen, spalten, fehler };
  }
  const fehlend = art.spalten.filter((s) => s.pflichtspalte && !namen.has(s.name)).map((s) => s.name);
  if (fehlend.length > 0)
    fehler.push(
      `Pflichtspalte${fehlend.length > 1 ? 'n' : ''} ${nenne(fehlend)} fehl${fehlend.length > 1 ? 'en' : 't'} (Dateiart ${art.art}).`,
    );
  const bekannt = new Set(art.spalten.map((s) => s.name));
  const fremd = genutzt.filter((s) => s.name !== '' && !bekannt.has(s.name));
  for (const s of fremd) {
    fehler.push(
      `Die Spalte „${s.imKopf}“ ist im Dateivertrag für ${art.art} nicht vorgesehen. Sie könnte personenbezogene Daten enthalten und wird nicht geladen; ` +
        'wenn sie harmlos ist, in der Zuordnungsdatei unter „ignorieren“ eintragen.',
    );
  }
  return { trennzeichen, spalten, art, fehler };
}

/** The kind whose required columns the header holds, the one with most of them when several fit. */
function erkenneArt(namen: Set<string>): Dateiart | undefined {
  const pflicht = (d: Dateiart) => d.spalten.filter((s: Spalte) => s.pflichtspalte);
  const bewertet = dateiarten.map((d) => {
    const treffer = pflicht(d).filter((s) => namen.has(s.name)).length;
    return { d, treffer, vollstaendig: treffer === pflicht(d).length, anteil: treffer / pflicht(d).length };
  });
  const vollstaendig = bewertet.filter((b) => b.vollstaendig).sort((a, b) => b.treffer - a.treffer);
  if (vollstaendig[0]) return vollstaendig[0].d;
  // Otherwise the closest kind, so that the message can name the missing columns.
  const naechste = bewertet.sort((a, b) => b.anteil - a.anteil)[0];
  return naechste && naechste.anteil >= 0.5 ? naechste.d : undefined;
}
