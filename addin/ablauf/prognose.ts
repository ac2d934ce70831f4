import { fehlertext, type Client } from '../api/index.ts';
import {
  lesePrognoseblatt,
  markiereFehler,
  MONATE,
  schreibePrognoseblaetter,
  type Prognoseeingabe,
  type Zellfehler,
} from '../excel/index.ts';
import type { Sozialraum } from './auswahl.ts';
import { json } from './abruf.ts';

export interface Pruefergebnis {
  werte: Array<{ topf: string; monat: number; betrag: string }>;
  fehler: Zellfehler[];
}

const KOPF_FEHLER = 'Prüfung: diese Zellen wurden nicht zurückgeschrieben';

/** Checks the open-month cells of a forecast sheet before anything is sent. */
export function pruefePrognose(e: Prognoseeingabe, erlaubt: string[]): Pruefergebnis {
  const fehler: Zellfehler[] = [];
  const werte: Pruefergebnis['werte'] = [];
  if (!erlaubt.includes(e.sozialraum)) {
    return {
      werte,
      fehler: [
        {
          adresse: 'E2',
          meldung: `Der Sozialraum „${e.sozialraum}“ ist Ihrer Rolle nicht freigegeben (freigegeben: ${erlaubt.join(', ')}).`,
        },
      ],
    };
  }
  for (const z of e.zellen) {
    if (z.monat <= e.letzterIstMonat) continue; // locked months with actuals are never sent
    const wo = `${z.topf}, ${MONATE[z.monat - 1]}`;
    if (z.wert === '' || z.wert === null || z.wert === undefined)
      fehler.push({
        adresse: z.adresse,
        meldung: `${wo}: die Zelle ist leer; bitte einen Betrag eintragen (0 für keinen Verbrauch).`,
      });
    else if (typeof z.wert !== 'number' || !Number.isFinite(z.wert))
      fehler.push({ adresse: z.adresse, meldung: `${wo}: „${String(z.wert)}“ ist keine Zahl.` });
    else if (z.wert < 0)
      fehler.push({ adresse: z.adresse, meldung: `${wo}: ein Verbrauch kann nicht negativ sein (${z.wert}).` });
    else werte.push({ topf: z.topf, monat: z.monat, betrag: z.wert.toFixed(2) });
  }
  return { werte, fehler };
}

export interface Konflikt {
  meldung: string;
  version: { version_id: number; autor: string; organisation: string; zeitpunkt: string };
  zellen: Array<{ topf: string; monat: number; basis: string | null; aktuell: string | null }>;
}

export type Rueckschreiben =
  | { art: 'gespeichert'; version: number; blatt: string; sozialraum: string }
  | { art: 'fehler'; fehler: Zellfehler[] }
  | { art: 'konflikt'; konflikt: Konflikt; eingabe: Prognoseeingabe }
  | { art: 'abgelehnt'; meldung: string }
  | { art: 'kein_blatt' };

/**
 * Prognose zurückschreiben: reads the sheet, checks it (bad cells are marked in the sheet), writes a
 * new version. `ueberschreibe` is the version the user chose to overwrite after a conflict.
 */
export async function prognoseZurueckschreiben(
  c: Client,
  o: { blatt?: string; kommentar: string; erlaubt: string[]; ueberschreibe?: number },
): Promise<Rueckschreiben> {
  const e = await lesePrognoseblatt(o.blatt);
  if (!e) return { art: 'kein_blatt' };
  const { werte, fehler } = pruefePrognose(e, o.erlaubt);
  await markiereFehler(e.blatt, e.letzterIstMonat, fehler, KOPF_FEHLER);
  if (fehler.length > 0) return { art: 'fehler', fehler };
  if (werte.length === 0)
    return { art: 'abgelehnt', meldung: 'Das Jahr hat keine offenen Monate mehr: es gibt nichts zu prognostizieren.' };
  const r = await c.api.v1.prognosen.$post({
    json: {
      jahr: e.jahr,
      sozialraum: e.sozialraum as Sozialraum,
      basisVersion: o.ueberschreibe ?? e.basisVersion,
      kommentar: o.kommentar,
      werte,
    },
  });
  if (r.status === 201) {
    const { version } = await r.json();
    await schreibePrognoseblaetter([
      await json(
        c.api.v1.prognosen.blatt.$get({ query: { jahr: String(e.jahr), sozialraum: e.sozialraum as Sozialraum } }),
      ),
    ]);
    return { art: 'gespeichert', version, blatt: e.blatt, sozialraum: e.sozialraum };
  }
  if (r.status === 409) {
    const f = (await r.json()).fehler;
    const d = f.details as { aktuelleVersion: Konflikt['version']; geaenderteZellen: Konflikt['zellen'] };
    return {
      art: 'konflikt',
      konflikt: { meldung: f.meldung, version: d.aktuelleVersion, zellen: d.geaenderteZellen },
      eingabe: e,
    };
  }
  return { art: 'abgelehnt', meldung: await fehlertext(r) };
}

/** After a conflict: the sheet again from the newest version (the user's edits are dropped). */
export async function prognoseNeuLaden(c: Client, jahr: number, sozialraum: string): Promise<void> {
  await schreibePrognoseblaetter([
    await json(c.api.v1.prognosen.blatt.$get({ query: { jahr: String(jahr), sozialraum: sozialraum as Sozialraum } })),
  ]);
}
