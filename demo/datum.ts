// Calendar arithmetic on whole UTC days. Plain day numbers keep the generator independent of the
// machine's time zone and make "one day later" a simple +1.

/** days since 1970-01-01 (UTC) */
export type Tag = number;

const MS_TAG = 86_400_000;

export function tag(jahr: number, monat: number, t: number): Tag {
  return Math.round(Date.UTC(jahr, monat - 1, t) / MS_TAG);
}

export function teile(d: Tag): [number, number, number] {
  const x = new Date(d * MS_TAG);
  return [x.getUTCFullYear(), x.getUTCMonth() + 1, x.getUTCDate()];
}

export function jahrVon(d: Tag): number {
  return new Date(d * MS_TAG).getUTCFullYear();
}

export function wochentag(d: Tag): number {
  // 0 = Sonntag … 6 = Samstag, like Date.getUTCDay
  return new Date(d * MS_TAG).getUTCDay();
}

export function jahresanfang(jahr: number): Tag {
  return tag(jahr, 1, 1);
}

export function jahresende(jahr: number): Tag {
  return tag(jahr, 12, 31);
}

export function tageImJahr(jahr: number): number {
  return jahresende(jahr) - jahresanfang(jahr) + 1;
}

export function monatsende(jahr: number, monat: number): Tag {
  return tag(jahr, monat + 1, 1) - 1;
}

function zwei(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

export function formatDe(d: Tag): string {
  const [j, m, t] = teile(d);
  return `${zwei(t)}.${zwei(m)}.${j}`;
}

export function formatIso(d: Tag): string {
  const [j, m, t] = teile(d);
  return `${j}-${zwei(m)}-${zwei(t)}`;
}

export function parseIso(s: string): Tag {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`Kein ISO-Datum (JJJJ-MM-TT): ${s}`);
  const j = Number(m[1]);
  const mo = Number(m[2]);
  const t = Number(m[3]);
  const d = tag(j, mo, t);
  const [j2, m2, t2] = teile(d);
  if (j2 !== j || m2 !== mo || t2 !== t) throw new Error(`Ungültiges Datum: ${s}`);
  return d;
}

/** The default for `bis`: last day of the last complete month before `heute`. */
export function letzterTagVormonat(heute: Date): Tag {
  return tag(heute.getUTCFullYear(), heute.getUTCMonth() + 1, 1) - 1;
}

/** Gregorian Easter Sunday (anonymous algorithm), needed for Rhineland-Palatinate holidays. */
function ostersonntag(jahr: number): Tag {
  const a = jahr % 19;
  const b = Math.floor(jahr / 100);
  const c = jahr % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const monat = Math.floor((h + l - 7 * m + 114) / 31);
  const t = ((h + l - 7 * m + 114) % 31) + 1;
  return tag(jahr, monat, t);
}

/** Public holidays in Rhineland-Palatinate: nobody books hours on these days. */
export function feiertageRlp(jahr: number): Set<Tag> {
  const o = ostersonntag(jahr);
  return new Set<Tag>([
    tag(jahr, 1, 1),
    o - 2, // Karfreitag
    o + 1, // Ostermontag
    tag(jahr, 5, 1),
    o + 39, // Christi Himmelfahrt
    o + 50, // Pfingstmontag
    o + 60, // Fronleichnam
    tag(jahr, 10, 3),
    tag(jahr, 11, 1),
    tag(jahr, 12, 25),
    tag(jahr, 12, 26),
  ]);
}

/**
 * Relative amount of work on each day of a year (index 0 = 1 January): zero on weekends and
 * holidays, reduced in the summer school holidays (mid-July to August, families are away and
 * staff on leave) and between 20 and 31 December.
 */
export function arbeitsgewichte(jahr: number): Float64Array {
  const start = jahresanfang(jahr);
  const n = tageImJahr(jahr);
  const feiertage = feiertageRlp(jahr);
  const w = new Float64Array(n);
  const sommerVon = tag(jahr, 7, 15);
  const sommerBis = tag(jahr, 8, 31);
  const winterVon = tag(jahr, 12, 20);
  for (let i = 0; i < n; i++) {
    const d = start + i;
    const wt = wochentag(d);
    if (wt === 0 || wt === 6 || feiertage.has(d)) continue;
    let g = 1;
    if (d >= sommerVon && d <= sommerBis) g = 0.55;
    else if (d >= winterVon) g = 0.3;
    w[i] = g;
  }
  return w;
}
