import type { Client } from '../api/index.ts';
import {
  liesAuswahlzelle,
  schreibeTabellen,
  type Auswahlzelle,
  type Blattinhalt,
  type Spalte,
} from '../excel/index.ts';
import { AbrufFehler, json } from './abruf.ts';
import { SOZIALRAEUME, type Auswahl, type Sozialraum } from './auswahl.ts';
import { mitArgumentwerten, srbAufruf } from './formelbezuege.ts';
import { BLAETTER } from './blaetter.ts';
import { fachInhalt, faelleFrage, fachtabellenFrage } from './herkunft_fach.ts';

/** What the API is asked: a figure kind and the coordinates of the cell (as query text). */
type Frage = Parameters<Client['api']['v1']['herkunft']['$get']>[0]['query'];

/** What Herkunft anzeigen found, for the pane: the traced figure, its sum, and whether it matches the cell. */
export interface Herkunftsergebnis {
  was: string;
  zellwert: number | null;
  summe: string | null;
  anzahl: number;
  gezeigt: number;
  /** The rows' sum is the cell's value (to the cent); null where the cell shows another figure (a variance). */
  stimmt: boolean | null;
}

/** At most this many rows land on the sheet; the total count and the sum are always of all rows. */
export const HERKUNFT_ZEILEN = 1000;

const TABELLEN = [BLAETTER.abweichung, BLAETTER.verbrauch, BLAETTER.finanzvolumen, BLAETTER.jahresabrechnung];
const tabellenJeBlatt = Object.fromEntries([...TABELLEN, BLAETTER.fachcontrolling].map((t) => [t.blatt, [t.tabelle]]));

const s = (name: string, titel: string, art: Spalte['art']): Spalte => ({ name, titel, art });
const SPALTEN: Spalte[] = [
  s('datei', 'Datei', 'text'),
  s('zeile', 'Zeile', 'ganz'),
  s('absender', 'Absender', 'text'),
  s('geladen_am', 'geladen am', 'text'),
  s('datum', 'Datum', 'datum'),
  s('jahr', 'Jahr', 'ganz'),
  s('sozialraum', 'Sozialraum', 'text'),
  s('topf', 'Topf', 'text'),
  s('traeger', 'Träger', 'text'),
  s('hilfeart', 'Hilfeart', 'text'),
  s('stunden', 'Stunden', 'zahl'),
  s('betrag', 'Betrag (genau)', 'zahl'),
  s('ladung_id', 'Ladung', 'ganz'),
  // contract rows behind a Fachcontrolling count (one column set for every trace: a rewrite keeps no stale columns)
  s('ende', 'Ende', 'datum'),
  s('beendigungsgrund', 'Beendigungsgrund', 'text'),
  s('zielerreichung', 'Zielerreichung', 'text'),
];
const DATEISPALTEN: Spalte[] = [
  s('ladung_id', 'Ladung', 'ganz'),
  s('dateiname', 'Datei', 'text'),
  s('absender', 'Absender', 'text'),
  s('zeitpunkt', 'geladen am', 'text'),
  s('benutzer', 'geladen von', 'text'),
  s('zeilen', 'Zeilen', 'ganz'),
];

/** A Sozialraum code of the county, or a German message. */
function sozialraumAus(text: string): Sozialraum {
  const code = SOZIALRAEUME.find((s) => s === text);
  if (!code) throw new AbrufFehler(`„${text}“ ist kein Sozialraum (erlaubt: ${SOZIALRAEUME.join(', ')}).`);
  return code;
}

/** Excel's date serial (days since 30.12.1899) as year and quarter. */
function jahrQuartal(serial: unknown): { jahr: number; quartal: number } | null {
  if (typeof serial !== 'number') return null;
  const d = new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000);
  return { jahr: d.getUTCFullYear(), quartal: Math.floor(d.getUTCMonth() / 3) + 1 };
}

/** The arguments of an SRB.* formula (references already replaced by their values): text in quotes or whole numbers. */
function argumente(formel: string): { funktion: string; werte: Array<string | null> } | null {
  const aufruf = srbAufruf(formel);
  if (!aufruf) return null;
  const werte = aufruf.argumente.map((a) => {
    if (a === '') return null;
    if (/^".*"$/.test(a)) return a.slice(1, -1).replaceAll('""', '"');
    if (/^-?\d+$/.test(a)) return a;
    throw new AbrufFehler(
      `Das Argument ${a} der Formel ${formel} ist weder Text noch eine ganze Zahl; für die Herkunft bitte einen Wert oder einen Bezug auf eine Zelle.`,
    );
  });
  return { funktion: aufruf.funktion, werte };
}

/** Which figure the cell shows, as the Herkunft query, and whether the cell's own value is that figure. */
function frageZurZelle(
  z: Auswahlzelle,
  a: Auswahl,
): { frage: Frage; was: string; vergleichbar: boolean; wert: unknown } {
  const f = z.formel ? argumente(z.formel) : null;
  if (f) {
    const [sozialraum, jahr, drittes, viertes] = f.werte;
    if (!sozialraum || !jahr) throw new AbrufFehler(`In ${z.formel} fehlen Sozialraum oder Jahr.`);
    if (f.funktion === 'IST') {
      return {
        frage: {
          kennzahl: 'verbrauch',
          sozialraum: sozialraumAus(sozialraum),
          jahr,
          bis: drittes ?? '12',
          ...(viertes ? { topf: viertes } : {}),
        },
        was: `SRB.IST ${sozialraum} ${jahr} bis Monat ${drittes ?? 12}${viertes ? ` ${viertes}` : ''}`,
        vergleichbar: true,
        wert: z.wert,
      };
    }
    if (f.funktion === 'ABWEICHUNG') {
      return {
        frage: {
          kennzahl: 'abweichung',
          sozialraum: sozialraumAus(sozialraum),
          jahr,
          quartal: drittes ?? '',
          topf: viertes ?? 'gesamt',
        },
        was: `Ist bis Stichtag hinter SRB.ABWEICHUNG ${sozialraum} ${jahr} Q${drittes}`,
        vergleichbar: false,
        wert: z.wert,
      };
    }
    if (f.funktion === 'FINANZVOLUMEN') {
      const gesamt = !drittes || drittes === 'gesamt';
      return {
        frage: { kennzahl: 'finanzvolumen', sozialraum: sozialraumAus(sozialraum), jahr },
        was: `Gesamtfinanzvolumen ${sozialraum} ${jahr}`,
        vergleichbar: gesamt,
        wert: z.wert,
      };
    }
    if (f.funktion === 'FAELLE') return { ...faelleFrage(f.werte, z.wert), vergleichbar: true };
    throw new AbrufFehler(
      `Für SRB.${f.funktion} gibt es keine Herkunft aus Exportzeilen (nur SRB.IST, SRB.ABWEICHUNG, SRB.FINANZVOLUMEN, SRB.FAELLE).`,
    );
  }
  const t = z.tabelle;
  if (!t)
    throw new AbrufFehler(
      'Bitte eine Zelle einer SRB-Tabelle (Finanzvolumen, Verbrauch, Abweichung, Jahresabrechnung, Fachcontrolling) oder eine =SRB.-Formel auswählen.',
    );
  if (t.name === BLAETTER.fachcontrolling.tabelle) return { ...fachtabellenFrage(t, a), vergleichbar: true };
  const spalte = (tabelle: (typeof TABELLEN)[number], name: string) =>
    t.zeile[t.kopf.indexOf(tabelle.spalten.find((x) => x.name === name)!.titel)];
  const text = (v: unknown) => String(v ?? '');
  if (t.name === BLAETTER.abweichung.tabelle) {
    const jq = jahrQuartal(spalte(BLAETTER.abweichung, 'stichtag'));
    if (!jq) throw new AbrufFehler('Die Zeile hat keinen Stichtag.');
    const [sr, topf] = [text(spalte(BLAETTER.abweichung, 'sozialraum')), text(spalte(BLAETTER.abweichung, 'topf'))];
    return {
      frage: {
        kennzahl: 'abweichung',
        jahr: String(jq.jahr),
        quartal: String(jq.quartal),
        sozialraum: sozialraumAus(sr),
        topf,
      },
      was: `Ist bis Stichtag ${sr} ${topf} ${jq.quartal}/${jq.jahr}`,
      vergleichbar: true,
      wert: spalte(BLAETTER.abweichung, 'ist_bis_stichtag'),
    };
  }
  if (t.name === BLAETTER.verbrauch.tabelle) {
    const [sr, monat, topf] = [
      text(spalte(BLAETTER.verbrauch, 'sozialraum')),
      text(spalte(BLAETTER.verbrauch, 'monat')),
      text(spalte(BLAETTER.verbrauch, 'topf')),
    ];
    return {
      frage: { kennzahl: 'verbrauch', jahr: String(a.jahr), sozialraum: sozialraumAus(sr), monat, topf },
      was: `Verbrauch ${sr} ${monat}/${a.jahr} ${topf}`,
      vergleichbar: true,
      wert: spalte(BLAETTER.verbrauch, 'betrag'),
    };
  }
  if (t.name === BLAETTER.finanzvolumen.tabelle) {
    const [jahr, sr] = [
      text(spalte(BLAETTER.finanzvolumen, 'jahr')),
      text(spalte(BLAETTER.finanzvolumen, 'sozialraum')),
    ];
    return {
      frage: { kennzahl: 'finanzvolumen', jahr, sozialraum: sozialraumAus(sr) },
      was: `Gesamtfinanzvolumen ${sr} ${jahr}`,
      vergleichbar: true,
      wert: spalte(BLAETTER.finanzvolumen, 'gesamtfinanzvolumen'),
    };
  }
  const [jahr, sr, traeger] = [
    text(spalte(BLAETTER.jahresabrechnung, 'jahr')),
    text(spalte(BLAETTER.jahresabrechnung, 'sozialraum')),
    text(spalte(BLAETTER.jahresabrechnung, 'traeger')),
  ];
  return {
    frage: { kennzahl: 'jahresabrechnung', jahr, sozialraum: sozialraumAus(sr), traeger },
    was: `Personalkosten Ist ${sr} ${traeger} ${jahr}`,
    vergleichbar: true,
    wert: spalte(BLAETTER.jahresabrechnung, 'personalkosten_ist'),
  };
}

const euro = (x: number | string) =>
  `${Number(x).toLocaleString('de-DE', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} €`;

/**
 * Herkunft anzeigen: the rows behind the selected cell (a cell of an SRB_… table or an =SRB.* formula)
 * on the sheet Herkunft, up to HERKUNFT_ZEILEN rows, with the files they came from, the total count,
 * the sum, and whether the sum is the cell's value.
 */
export async function herkunftAnzeigen(c: Client, a: Auswahl): Promise<Herkunftsergebnis> {
  const zelle = await mitArgumentwerten(await liesAuswahlzelle(tabellenJeBlatt));
  const { frage, was, vergleichbar, wert } = frageZurZelle(zelle, a);
  const h = await json(c.api.v1.herkunft.$get({ query: { ...frage, pro_seite: String(HERKUNFT_ZEILEN) } }));
  const zellwert = typeof wert === 'number' ? wert : null;
  const titel = `Herkunft: ${was} (Zelle ${zelle.blatt}!${zelle.adresse})`;
  if (h.kennzahl === 'fachcontrolling') {
    const f = fachInhalt(h, zellwert);
    await schreibeTabellen(inhalte(titel, f.zeilen, h.dateien), f.stand);
    const summe = String(h.summe);
    return { was, zellwert, summe, anzahl: h.anzahl, gezeigt: h.zeilen.length, stimmt: f.stimmt };
  }
  const stimmt =
    vergleichbar && zellwert !== null && h.summe !== null
      ? Math.round(zellwert * 100) === Math.round(Number(h.summe) * 100)
      : null;
  const urteil =
    stimmt === null
      ? 'die Zelle zeigt eine andere Zahl (Vergleich mit der Summe nicht möglich)'
      : stimmt
        ? 'stimmt mit der Zelle überein'
        : `weicht von der Zelle (${euro(zellwert!)}) ab`;
  const andere = h.andere
    ? `; dazu andere Träger und Zahlungen des Jugendamts: ${h.andere.zeilen} Zeilen, ${h.andere.summe === null ? '–' : euro(h.andere.summe)}`
    : '';
  const stand =
    `Summe aller ${h.anzahl + (h.andere?.zeilen ?? 0)} Zeilen: ${h.summe === null ? '–' : euro(h.summe)}, ${urteil}. ` +
    `Gezeigt ${h.zeilen.length} von ${h.anzahl} Zeilen${andere}.${h.hinweis ? ` ${h.hinweis}` : ''}`;
  await schreibeTabellen(inhalte(titel, h.zeilen, h.dateien), stand);
  return { was, zellwert, summe: h.summe, anzahl: h.anzahl, gezeigt: h.zeilen.length, stimmt };
}

/** The sheet Herkunft: the rows, and the files below. */
function inhalte(
  titel: string,
  zeilen: Array<Record<string, unknown>>,
  dateien: Array<Record<string, unknown>>,
): Blattinhalt[] {
  return [
    { blatt: 'Herkunft', tabelle: 'SRB_Herkunft', titel, spalten: SPALTEN, zeilen },
    {
      blatt: 'Herkunft',
      tabelle: 'SRB_Herkunft_Dateien',
      teil: 'Dateien',
      titel: 'Dateien',
      spalten: DATEISPALTEN,
      zeilen: dateien,
    },
  ];
}
