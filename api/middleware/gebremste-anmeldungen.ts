import { protokolliere, type Auditeintrag } from '../../warehouse/index.ts';
import type { Dienste } from '../dienste.ts';

interface Fenster {
  beginn: number;
  aktion: string;
  wort: string;
  weitere: number;
  konten: Set<string>;
  adressen: Set<string>;
}

const HOECHSTENS_NAMEN = 5;

/**
 * The audit of sign-ins refused with 429, per limit that refused them (Anmeldebremse.grenze): the first
 * of a window is audited at once with the name tried and the address; the further ones in that window
 * are counted and audited as one line when the window is over. A guesser sending thousands of attempts
 * a second wrote one audit line each, and every line is a write: the audit grew without bound and
 * the audit's queue was theirs.
 */
export class GebremsteAnmeldungen {
  private fenster = new Map<string, Fenster>();

  constructor(readonly fensterMs = 60_000) {}

  /** A refused sign-in: the audit lines to write now (windows of this limit that are over, and this one if it opens a window). */
  gebremst(grenze: string, konto: string, adresse: string, jetzt = Date.now()): Auditeintrag[] {
    return this.einmalJeFenster(
      grenze,
      { benutzer: konto, aktion: 'anmeldung_gebremst', objekt: adresse, details: 'zu viele Fehlversuche' },
      'gebremst',
      jetzt,
    );
  }

  /**
   * Any attempt that a flood could repeat (a wrong API key, a write with one): `eintrag` (its user is the
   * name tried, its object the address) is the line if it opens the window for `grenze`; later ones in the
   * window are counted into one line, whose details say they were `wort` (e.g. „abgelehnt“).
   */
  einmalJeFenster(grenze: string, eintrag: Auditeintrag, wort: string, jetzt = Date.now()): Auditeintrag[] {
    const zeilen = this.vorbei(jetzt, (s) => s === grenze);
    const f = this.fenster.get(grenze);
    if (f) {
      f.weitere++;
      if (f.konten.size < HOECHSTENS_NAMEN) f.konten.add(eintrag.benutzer);
      if (f.adressen.size < HOECHSTENS_NAMEN && eintrag.objekt) f.adressen.add(eintrag.objekt);
      return zeilen;
    }
    // Names made up by the thousand must not fill the memory: the windows are closed early then.
    if (this.fenster.size >= 10_000) zeilen.push(...this.vorbei(Infinity));
    this.fenster.set(grenze, {
      beginn: jetzt,
      aktion: eintrag.aktion,
      wort,
      weitere: 0,
      konten: new Set(),
      adressen: new Set(),
    });
    return [...zeilen, eintrag];
  }

  /** The count lines of the windows that are over at `jetzt` (all of them with Infinity, at the end). */
  vorbei(jetzt: number, welche: (grenze: string) => boolean = () => true): Auditeintrag[] {
    const zeilen: Auditeintrag[] = [];
    for (const [grenze, f] of this.fenster) {
      if (!welche(grenze) || jetzt - f.beginn < this.fensterMs) continue;
      this.fenster.delete(grenze);
      if (f.weitere === 0) continue;
      const ende = Number.isFinite(jetzt) ? Math.min(jetzt, f.beginn + this.fensterMs) : Date.now();
      zeilen.push({
        benutzer: [...f.konten].join(', '),
        aktion: f.aktion,
        objekt: [...f.adressen].join(', '),
        details:
          `${f.weitere} weitere Versuche ${f.wort} (${grenze.split(':')[0]}) zwischen ` +
          `${new Date(f.beginn).toISOString()} und ${new Date(ende).toISOString()}`,
      });
    }
    return zeilen;
  }
}

/**
 * Writes the count lines of windows nobody tries in again, once a window's length, and at the server's
 * end those of every open window (before the audit closes). Returns how to write the lines of one attempt.
 */
export function protokolliereFenster(d: Dienste, g: GebremsteAnmeldungen): (zeilen: Auditeintrag[]) => Promise<void> {
  const schreibe = async (zeilen: Auditeintrag[]) => {
    for (const z of zeilen) await protokolliere(d.schreiber, z);
  };
  // All queued at once: at the end the server waits only for the audit lines queued so far.
  const schreibeVorbei = (jetzt: number) => {
    for (const z of g.vorbei(jetzt))
      protokolliere(d.schreiber, z).catch((e: unknown) =>
        console.error(`Audit der wiederholten Anmeldeversuche nicht geschrieben: ${String(e)}`),
      );
  };
  const takt = setInterval(() => schreibeVorbei(Date.now()), g.fensterMs).unref();
  d.ereignisse.once('ende', () => {
    clearInterval(takt);
    schreibeVorbei(Infinity);
  });
  return schreibe;
}
