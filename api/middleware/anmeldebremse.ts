import { ApiFehler } from '../fehler.ts';

const FENSTER_MS = 15 * 60 * 1000;

/** How many failed logins within the window each key allows before it waits. */
export const GRENZEN = {
  /** One account from one address: the guesser at a keyboard. */
  kontoUndAdresse: 5,
  /** One account from anywhere: guessing spread over many addresses. */
  konto: 20,
  /** One address over all accounts: trying many names. An office behind one NAT stays far below. */
  adresse: 50,
} as const;

const BEKANNT_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Slows guessing per account, per address and per pair of both. The limits of the account and of the
 * address do not hold for a pair that has signed in successfully before (within 30 days): otherwise
 * someone spraying wrong passwords from the office's shared address (a NAT, a reverse proxy) or at one
 * account from many addresses would lock the colleagues out. A new pair still waits, and so does the
 * pair whose own guesses failed.
 */
export class Anmeldebremse {
  private fehlversuche = new Map<string, number[]>();
  private bekannt = new Map<string, number>();
  constructor(
    private readonly grenzen = GRENZEN,
    private readonly fensterMs = FENSTER_MS,
  ) {}

  private schluessel(konto: string, adresse: string): Array<[string, number]> {
    return [
      [`paar:${konto}\u0000${adresse}`, this.grenzen.kontoUndAdresse],
      [`konto:${konto}`, this.grenzen.konto],
      [`adresse:${adresse}`, this.grenzen.adresse],
    ];
  }

  pruefe(konto: string, adresse: string): void {
    const g = this.grenze(konto, adresse);
    if (g) throw g.fehler;
  }

  /** The limit this sign-in is over (its key, e.g. `adresse:…`, and the German answer), or none. */
  grenze(konto: string, adresse: string): { schluessel: string; fehler: ApiFehler } | undefined {
    const jetzt = Date.now();
    const paar = this.schluessel(konto, adresse);
    const vertraut = jetzt - (this.bekannt.get(paar[0]![0]) ?? -Infinity) < BEKANNT_MS;
    for (const [s, grenze] of vertraut ? paar.slice(0, 1) : paar) {
      const liste = (this.fehlversuche.get(s) ?? []).filter((t) => jetzt - t < this.fensterMs);
      if (liste.length === 0) this.fehlversuche.delete(s);
      else this.fehlversuche.set(s, liste);
      if (liste.length >= grenze) {
        const warten = Math.ceil((this.fensterMs - (jetzt - liste[0]!)) / 60000);
        return {
          schluessel: s,
          fehler: new ApiFehler(
            'zu_viele_versuche',
            `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${warten} Minuten erneut versuchen.`,
          ),
        };
      }
    }
    return undefined;
  }

  fehlschlag(konto: string, adresse: string): void {
    if (this.fehlversuche.size > 100_000) this.vergiss();
    for (const [s] of this.schluessel(konto, adresse))
      this.fehlversuche.set(s, [...(this.fehlversuche.get(s) ?? []), Date.now()]);
  }

  /** Names made up by the thousand must not fill the memory: drop what the window has left behind. */
  private vergiss(): void {
    const jetzt = Date.now();
    for (const [s, liste] of this.fehlversuche)
      if (jetzt - liste[liste.length - 1]! >= this.fensterMs) this.fehlversuche.delete(s);
  }

  /** A right password clears the pair's count and makes the pair known; the account's and the address's counts stay. */
  erfolg(konto: string, adresse: string): void {
    const paar = this.schluessel(konto, adresse)[0]![0];
    this.fehlversuche.delete(paar);
    if (this.bekannt.size > 100_000) this.bekannt.clear();
    this.bekannt.set(paar, Date.now());
  }
}
