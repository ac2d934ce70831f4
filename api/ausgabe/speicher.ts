import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { AENDERUNGSARTEN, type Aenderungsart } from '../../warehouse/index.ts';
import { heute, type Dienste } from '../dienste.ts';
import type { ApiUmgebung } from '../kontext.ts';
import { mitKoepfen } from '../middleware/sicherheit.ts';
import { formatFuer } from './tabelle.ts';
import { kopf } from '../kopf.ts';

/** A finished answer body and its content type. */
export interface Inhalt {
  body: string | Uint8Array;
  typ: string;
}

interface Eintrag extends Inhalt {
  kopf: Record<string, string>;
  abhaengig: readonly Aenderungsart[];
  stand: string;
  /** How the answer is made, to make it again before a change (erneuere). */
  erzeugen: () => Promise<Inhalt>;
  /** When it was last asked for (ms). */
  zugriff: number;
}

const HOECHSTENS = 500;
/** Answers computed again before a change: those asked for in the last minute, the most recent first, at most this many. */
const VORAUS_HOECHSTENS = 16;
const VORAUS_FENSTER_MS = 60_000;

/**
 * Answers of the read endpoints per URL, Accept header and user, kept while no write that can change
 * them has happened (`abhaengig`: the kinds of write, read from the query's plan by the warehouse; a
 * forecast does not change the bookings), with Last-Modified and an ETag of those kinds' change counts.
 * A client that has the answer gets 304 without a query; an equal request is answered from memory
 * before it is validated and queried again (the same user and URL have the same scope until the
 * warehouse changes: users only change through `srb user`, with the server stopped).
 */
export class Antwortspeicher {
  private eintraege = new Map<string, Eintrag>();
  // Answers being computed, by ETag (key and state): after a load, fifty clients refreshing at once run the query once.
  private laufend = new Map<string, Promise<Eintrag>>();
  // Answers computed for the state after a change that is not yet announced (erneuere), by key.
  private voraus = new Map<string, Eintrag>();

  constructor(private readonly d: Dienste) {
    d.vorausrechner.push(this);
  }

  /** Route middleware, before validation: answers known requests from memory. */
  vorab = createMiddleware<ApiUmgebung>(async (c, next) => {
    const e = this.gueltig(this.schluessel(c));
    if (e) return this.sende(c, e.kopf.ETag!, e);
    await next();
  });

  /** `abhaengig`: the kinds of write that can change the answer; all of them where it is not known. */
  async antworte(
    c: Context<ApiUmgebung>,
    erzeugen: () => Promise<Inhalt>,
    abhaengig: readonly Aenderungsart[] = AENDERUNGSARTEN,
  ): Promise<Response> {
    const schluessel = this.schluessel(c);
    const bekannt = this.gueltig(schluessel);
    if (bekannt) return this.sende(c, bekannt.kopf.ETag!, bekannt);
    const stand = this.standVon(abhaengig);
    const etag = this.etag(stand, schluessel);
    if (kopf(c, 'if-none-match') === etag) return this.sende(c, etag);
    let laeuft = this.laufend.get(etag);
    if (!laeuft) {
      laeuft = this.berechne(schluessel, stand, etag, abhaengig, erzeugen).finally(() => this.laufend.delete(etag));
      this.laufend.set(etag, laeuft);
    }
    const e = await laeuft;
    return this.sende(c, etag, e);
  }

  private async berechne(
    schluessel: string,
    stand: string,
    etag: string,
    abhaengig: readonly Aenderungsart[],
    erzeugen: () => Promise<Inhalt>,
  ): Promise<Eintrag> {
    const e = this.eintrag(await erzeugen(), erzeugen, abhaengig, stand, etag, Date.now());
    // A change while the answer was computed: it may show either state, so it is not kept.
    if (stand === this.standVon(abhaengig)) this.behalte(this.eintraege, schluessel, e);
    return e;
  }

  /**
   * Before a write of `art` is announced (Dienste.geaendert): the kept answers it changes that were asked for
   * in the last minute are computed again now, after its commit, and kept for the state the announcement makes.
   * One that fails is left to the next reader.
   */
  async erneuere(art: Aenderungsart): Promise<void> {
    const jetzt = Date.now();
    const faellig = [...this.eintraege]
      .filter(([, e]) => e.abhaengig.includes(art) && jetzt - e.zugriff < VORAUS_FENSTER_MS)
      .sort(([, a], [, b]) => b.zugriff - a.zugriff)
      .slice(0, VORAUS_HOECHSTENS);
    for (const [schluessel, alt] of faellig) {
      const stand = this.standVon(alt.abhaengig, art);
      try {
        const inhalt = await alt.erzeugen();
        const e = this.eintrag(inhalt, alt.erzeugen, alt.abhaengig, stand, this.etag(stand, schluessel), alt.zugriff);
        this.behalte(this.voraus, schluessel, e);
      } catch {
        // computed by the first reader after the change, as without this
      }
    }
  }

  private eintrag(
    inhalt: Inhalt,
    erzeugen: () => Promise<Inhalt>,
    abhaengig: readonly Aenderungsart[],
    stand: string,
    etag: string,
    zugriff: number,
  ): Eintrag {
    return {
      ...inhalt,
      abhaengig,
      stand,
      erzeugen,
      zugriff,
      kopf: { ...this.zeitkopf(etag), 'Content-Type': inhalt.typ },
    };
  }

  private behalte(wo: Map<string, Eintrag>, schluessel: string, e: Eintrag): void {
    if (wo.size >= HOECHSTENS) wo.clear();
    wo.set(schluessel, e);
  }

  private gueltig(schluessel: string): Eintrag | undefined {
    let e = this.eintraege.get(schluessel);
    if (e && e.stand !== this.standVon(e.abhaengig)) {
      this.eintraege.delete(schluessel);
      e = undefined;
    }
    const v = this.voraus.get(schluessel);
    if (!e && v && v.stand === this.standVon(v.abhaengig)) {
      // the change it was computed for has been announced: it is the answer now
      this.voraus.delete(schluessel);
      this.eintraege.set(schluessel, v);
      e = v;
    }
    if (e) e.zugriff = Date.now();
    return e;
  }

  private etag(stand: string, schluessel: string): string {
    return `W/"${this.d.start}.${stand}-${createHash('sha1').update(schluessel).digest('hex').slice(0, 16)}"`;
  }

  /**
   * The state an answer was computed in: the change counts of the kinds it depends on, and the day,
   * since figures show a quarter once it has ended (stichtag <= current_date) without any write;
   * `danach`: the state once a change of that kind is announced.
   */
  private standVon(abhaengig: readonly Aenderungsart[], danach?: Aenderungsart): string {
    return [...abhaengig.map((a) => this.d.staende[a] + (a === danach ? 1 : 0)), heute()].join('.');
  }

  private schluessel(c: Context<ApiUmgebung>): string {
    return `${formatFuer(kopf(c, 'accept'))}|${c.req.url}|${c.get('benutzer').name}`;
  }

  private zeitkopf(etag: string): Record<string, string> {
    return {
      ETag: etag,
      'Last-Modified': this.zuletzt().toUTCString(),
      'Cache-Control': 'private, no-cache',
      Vary: 'Accept, Authorization, Origin',
    };
  }

  private zuletzt(): Date {
    return new Date(Math.floor(this.d.letzteAenderung.getTime() / 1000) * 1000);
  }

  private sende(c: Context<ApiUmgebung>, etag: string, e?: Eintrag): Response {
    const wenn = kopf(c, 'if-none-match');
    const seit = kopf(c, 'if-modified-since');
    if (!e || wenn === etag || (!wenn && seit && Date.parse(seit) >= this.zuletzt().getTime())) {
      return mitKoepfen(c, null, 304, this.zeitkopf(etag));
    }
    return mitKoepfen(c, e.body, 200, e.kopf);
  }
}
