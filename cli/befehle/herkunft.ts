import { deutscheZahl } from '../../format/index.ts';
import {
  alsCsv,
  FACH_HERKUNFT_SPALTEN,
  herkunft,
  herkunftFachcontrolling,
  HERKUNFT_KENNZAHLEN,
  oeffneWarehouse,
  WarehouseFehler,
  type HerkunftKennzahl,
  type HerkunftZeile,
} from '../../warehouse/index.ts';
import { dbOption, type Befehl } from '../befehl.ts';
import { zeigeFachHerkunft } from '../herkunft_fach.ts';

const SPALTEN: Array<keyof HerkunftZeile> = [
  'datei',
  'zeile',
  'absender',
  'geladen_am',
  'quelle',
  'jahr',
  'monat',
  'datum',
  'sozialraum',
  'topf',
  'traeger',
  'hilfeart',
  'segment',
  'stunden',
  'betrag',
  'ladung_id',
  'ersetzt_durch',
  'ersetzt_durch_datei',
  'ersetzt_am',
];
const ZAHLEN = new Set<string>(['stunden', 'betrag']);

export const herkunftBefehl: Befehl = {
  name: 'herkunft',
  hilfe: `srb herkunft --kennzahl verbrauch|abweichung|jahresabrechnung|finanzvolumen|fachcontrolling --jahr JJJJ [Koordinaten] [--historie] [--csv]

Zeigt die Zeilen der Exportdateien, die eine Zahl ergeben: Datei, Zeile (wie in den Ablehnungsberichten,
Kopfzeile = 1), Absender, Ladezeit, Betrag; dazu ihre Summe und ob sie die Zahl ergibt.
  abweichung        --quartal N --sozialraum S --topf T (gesamt: alle Töpfe)   ist_bis_stichtag
  verbrauch         [--bis M] [--monat M] [--sozialraum S] [--topf T] [--hilfeart H] [--segment G] [--traeger T]   betrag
                    (ein leerer Wert, z. B. --hilfeart "", steht für eine leere Zelle)
  jahresabrechnung  --sozialraum S --traeger T (oder gesamt)                  personalkosten_ist
  finanzvolumen     --sozialraum S                                              gesamtfinanzvolumen
  fachcontrolling   --spalte ${FACH_HERKUNFT_SPALTEN.slice(0, 4).join('|')}|beendet_…|ziel_…|wiederaufnahmen
                    [--quartal N] --sozialraum S (oder gesamt) [--hilfeart H (oder gesamt)]
                    die Kontraktzeilen des Jugendamts, die die Anzahl zählt (faelle: je Fall eine Zeile);
                    ohne --exakt wie für die Analyse: eine verdeckte Zelle (Schutz kleiner Fallzahlen) wird
                    abgelehnt, Zeilen nur als Anzahl; --exakt: die exakten Zahlen des Jugendamts, Zeile für Zeile
  --historie        auch die Zeilen früherer Lieferungen und die Ladung, die sie ersetzt hat
  --csv             die Zeilen als CSV (Semikolon, Dezimalkomma) statt als Tabelle
  --seite N, --pro-seite N   blättern (Standard: Seite 1, 100 Zeilen)
Die Kommandozeile sieht das ganze Warehouse (wie der Landkreis).`,
  optionen: {
    ...dbOption,
    kennzahl: { type: 'string' },
    jahr: { type: 'string' },
    bis: { type: 'string' },
    quartal: { type: 'string' },
    monat: { type: 'string' },
    sozialraum: { type: 'string' },
    topf: { type: 'string' },
    hilfeart: { type: 'string' },
    segment: { type: 'string' },
    traeger: { type: 'string' },
    seite: { type: 'string' },
    'pro-seite': { type: 'string' },
    spalte: { type: 'string' },
    exakt: { type: 'boolean', default: false },
    historie: { type: 'boolean', default: false },
    csv: { type: 'boolean', default: false },
  },
  async fuehreAus(w) {
    const kennzahl = String(w.kennzahl ?? '');
    if (kennzahl !== 'fachcontrolling' && !(HERKUNFT_KENNZAHLEN as readonly string[]).includes(kennzahl)) {
      throw new WarehouseFehler(
        'abfrage_ungueltig',
        `--kennzahl „${kennzahl}“ gibt es nicht (erlaubt: ${HERKUNFT_KENNZAHLEN.join(', ')}, fachcontrolling).`,
      );
    }
    const ganz = (name: string): number | undefined => {
      if (w[name] === undefined) return undefined;
      const n = Number(w[name]);
      if (!Number.isInteger(n))
        throw new WarehouseFehler('abfrage_ungueltig', `--${name} „${String(w[name])}“ ist keine ganze Zahl.`);
      return n;
    };
    const jahr = ganz('jahr');
    if (jahr === undefined) throw new WarehouseFehler('abfrage_ungueltig', '--jahr fehlt.');
    const text = (name: string) => (w[name] === undefined ? undefined : String(w[name]));
    const wh = await oeffneWarehouse(String(w.db));
    try {
      if (kennzahl === 'fachcontrolling') {
        const exakt = w.exakt === true;
        const fach = await herkunftFachcontrolling(
          wh,
          {
            jahr,
            quartal: ganz('quartal'),
            sozialraum: text('sozialraum'),
            hilfeart: text('hilfeart'),
            spalte: text('spalte'),
            seite: ganz('seite'),
            proSeite: ganz('pro-seite'),
            bis: ganz('bis'),
            monat: ganz('monat'),
            topf: text('topf'),
            segment: text('segment'),
            traeger: text('traeger'),
            historie: Boolean(w.historie),
          },
          // the whole county; without --exakt as an analyst sees it (docs/regeln.md §9)
          { sichtbar: 'true', einzeln: exakt ? 'true' : 'false', protokoll: 'true' },
          exakt,
        );
        return zeigeFachHerkunft(fach, Boolean(w.csv));
      }
      const h = await herkunft(
        wh,
        {
          kennzahl: kennzahl as HerkunftKennzahl,
          jahr,
          bis: ganz('bis'),
          quartal: ganz('quartal'),
          monat: ganz('monat'),
          sozialraum: text('sozialraum'),
          topf: text('topf'),
          hilfeart: text('hilfeart'),
          segment: text('segment'),
          traeger: text('traeger'),
          seite: ganz('seite'),
          proSeite: ganz('pro-seite'),
          historie: Boolean(w.historie),
        },
        { sichtbar: 'true', einzeln: 'true', protokoll: 'true' },
      );
      const zeilen = [...h.zeilen, ...(h.historie ?? [])];
      if (w.csv) {
        process.stdout.write(
          alsCsv(
            zeilen.map((z) => ({ ...z })),
            SPALTEN,
            SPALTEN.map((s) => ZAHLEN.has(s)),
          ),
        );
        return h.stimmt ? 0 : 1;
      }
      const euro = (s: string | null) => (s === null ? '–' : `${deutscheZahl(s)} €`);
      console.log(`Herkunft von ${kennzahl}.${h.spalte}: ${euro(h.wert)}`);
      console.log(`Summe der ${h.anzahl} Zeilen: ${euro(h.summe)} (${h.stimmt ? 'stimmt' : 'stimmt NICHT'})`);
      if (h.hinweis) console.log(h.hinweis);
      console.log('');
      const tabelle = [
        [
          'Datei',
          'Zeile',
          'Absender',
          'geladen',
          'Datum/Jahr',
          'Sozialraum',
          'Topf',
          'Träger',
          'Stunden',
          'Betrag',
          'ersetzt durch',
        ],
      ];
      for (const z of zeilen) {
        tabelle.push([
          z.datei,
          String(z.zeile ?? ''),
          z.absender,
          z.geladen_am.replace('T', ' '),
          z.datum ?? String(z.jahr),
          z.sozialraum,
          z.topf ?? '',
          z.traeger ?? '',
          z.stunden === null ? '' : deutscheZahl(z.stunden),
          z.betrag === null ? '' : deutscheZahl(z.betrag),
          z.ersetzt_durch === null ? '' : `${z.ersetzt_durch_datei} (${z.ersetzt_am?.replace('T', ' ')})`,
        ]);
      }
      const breiten = tabelle[0]!.map((_, i) => Math.max(...tabelle.map((r) => r[i]!.length)));
      tabelle.forEach((r, n) => {
        console.log(
          r
            .map((c, i) => (i === 1 || i === 8 || i === 9 ? c.padStart(breiten[i]!) : c.padEnd(breiten[i]!)))
            .join('  ')
            .trimEnd(),
        );
        if (n === 0) console.log(breiten.map((b) => '─'.repeat(b)).join('  '));
      });
      const seiten = Math.max(1, Math.ceil(h.anzahl / h.pro_seite));
      console.log(`\nSeite ${h.seite} von ${seiten} (${h.pro_seite} Zeilen je Seite)`);
      console.log('Dateien:');
      for (const d of h.dateien)
        console.log(
          `  Ladung ${d.ladung_id}: ${d.dateiname}, ${d.absender}, ${d.zeitpunkt.replace('T', ' ')}, ${d.benutzer ?? ''}, ${d.zeilen} Zeilen`,
        );
      return h.stimmt ? 0 : 1;
    } finally {
      wh.schliessen();
    }
  },
};
