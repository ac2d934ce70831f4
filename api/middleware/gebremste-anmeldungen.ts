import type { Auditeintrag } from '../../warehouse/index.ts';

interface Fenster {
  beginn: number;
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
    const zeilen = this.vorbei(jetzt, (s) => s === grenze);
    const f = this.fenster.get(grenze);
    if (f) {
      f.weitere++;
      if (f.konten.size < HOECHSTENS_NAMEN) f.konten.add(konto);
      if (f.adressen.size < HOECHSTENS_NAMEN) f.adressen.add(adresse);
      return zeilen;
    }
    // Names made up by the thousand must not fill the memory: the windows are closed early then.
    if (this.fenster.size >= 10_000) zeilen.push(...this.vorbei(Infinity));
    this.fenster.set(grenze, { beginn: jetzt, weitere: 0, konten: new Set(), adressen: new Set() });
    return [
      ...zeilen,
      { benutzer: konto, aktion: 'anmeldung_gebremst', objekt: adresse, details: 'zu viele Fehlversuche' },
    ];
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
        aktion: 'anmeldung_gebremst',
        objekt: [...f.adressen].join(', '),
        details:
          `${f.weitere} weitere Versuche gebremst (${grenze.split(':')[0]}) zwischen ` +
          `${new Date(f.beginn).toISOString()} und ${new Date(ende).toISOString()}`,
      });
    }
    return zeilen;
  }
}
