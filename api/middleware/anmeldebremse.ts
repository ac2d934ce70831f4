import { ApiFehler } from '../fehler.ts';

/**
 * Slows guessing: after 5 failed logins for a user name or from an address within 15 minutes, that
 * name or address waits until the window has passed.
 */
export class Anmeldebremse {
  private fehlversuche = new Map<string, number[]>();
  constructor(private readonly hoechstens = 5, private readonly fensterMs = 15 * 60 * 1000) {}

  pruefe(...schluessel: string[]): void {
    const jetzt = Date.now();
    for (const s of schluessel) {
      const liste = (this.fehlversuche.get(s) ?? []).filter((t) => jetzt - t < this.fensterMs);
      this.fehlversuche.set(s, liste);
      if (liste.length >= this.hoechstens) {
        const warten = Math.ceil((this.fensterMs - (jetzt - liste[0]!)) / 60000);
        throw new ApiFehler('zu_viele_versuche', `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${warten} Minuten erneut versuchen.`);
      }
    }
  }

  fehlschlag(...schluessel: string[]): void {
    for (const s of schluessel) this.fehlversuche.set(s, [...(this.fehlversuche.get(s) ?? []), Date.now()]);
  }

  erfolg(name: string): void {
    this.fehlversuche.delete(name);
  }
}
