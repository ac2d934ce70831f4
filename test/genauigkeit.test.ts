import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ladeDatei } from '../warehouse/index.ts';
import { KOPF_LEISTUNGEN, neuesWarehouse } from './helfer.ts';

// docs/regeln.md §3 worked example as the 2024 budget of Konz: G 2.345.678,91 €, FLS 44,55 €/h
// (71.250 / 1.599,5) → ASD 351.851,84; P 1.595.061,66; V 398.765,41.
// 0,1 team hours a month in January–March: each month is worth 4,455 € (a half cent), the quarter 13,365 €.
let t: Awaited<ReturnType<typeof neuesWarehouse>>;
const BUDGET = 'jahr;sozialraum;gesamtfinanzvolumen;stellenfaktor;bruttojahresarbeitszeit;vertragszeitraum\n';

beforeAll(async () => {
  t = await neuesWarehouse();
  expect(
    (await ladeDatei(t.wh, t.datei('budget.csv', `${BUDGET}2024;konz;2.345.678,91;71.250,00;1599,5;2024-2028\n`)))
      .status,
  ).toBe('geladen');
  const zeilen = [
    KOPF_LEISTUNGEN,
    ...[1, 2, 3].map((m) => `caritas-trier;konz;K-1;F-1;§31;fallspezifisch;10.0${m}.2024;0,1;MA-1;ja`),
  ];
  expect((await ladeDatei(t.wh, t.datei('leistungen.csv', zeilen.join('\n') + '\n'))).status).toBe('geladen');
});
afterAll(() => t.weg());

const zeile = async (quartal: number, topf: string) =>
  (
    await t.wh.abfrage(
      `SELECT * FROM abweichung WHERE jahr = 2024 AND quartal = $q AND sozialraum = 'konz' AND topf = $t`,
      { q: quartal, t: topf },
    )
  )[0]!;

const PHASIERUNG = 'jahr;sozialraum;topf;monat;anteil\n';
const profil = (anteile: string[], topf = 'variabel') =>
  PHASIERUNG + anteile.map((a, i) => `2024;konz;${topf};${i + 1};${a}`).join('\n') + '\n';

describe('Genau auf den Cent: einmal gerundet, an der Zahl selbst', () => {
  it('rundet das Quartal einmal: 3 × 4,455 € sind 13,37 €, nicht 3 × 4,46 € = 13,38 €', async () => {
    const monate = await t.wh.abfrage(
      `SELECT monat, betrag, betrag_genau FROM verbrauch_topf_monat WHERE jahr = 2024 ORDER BY monat`,
    );
    expect(monate.map((m) => [m.betrag, m.betrag_genau])).toEqual([
      ['4.46', '4.4550'],
      ['4.46', '4.4550'],
      ['4.46', '4.4550'],
    ]);
    expect(await zeile(1, 'personalisiert')).toMatchObject({ ist_bis_stichtag: '13.37', prognose_methode: 'linear' });
    // Linear for the nine months left: 13,365 × 9 / 3 = 40,095 → 40,10; Hochrechnung 13,365 + 40,10 = 53,465 → 53,47.
    expect(await zeile(1, 'personalisiert')).toMatchObject({ prognose_rest: '40.10', hochrechnung: '53.47' });
    expect(await zeile(1, 'gesamt')).toMatchObject({ ist_bis_stichtag: '13.37', hochrechnung: '53.47' });
  });

  it('phast gesamt aus G: round(G × 9/12) = 1.759.259,18 €, auch wo die drei Töpfe 1.759.259,19 € ergeben', async () => {
    const toepfe = await Promise.all(['personalisiert', 'variabel', 'asd'].map((topf) => zeile(3, topf)));
    expect(toepfe.map((z) => z.soll_bis_stichtag)).toEqual(['1196296.25', '299074.06', '263888.88']);
    expect(await zeile(3, 'gesamt')).toMatchObject({
      budget: '2345678.91',
      soll_bis_stichtag: '1759259.18',
      phasierung: 'linear',
    });
  });

  it('schlägt am Rand der Reserve round(G × 95 % − Hochrechnung) vor: 2.228.341,50 €, nicht G − 117.283,95 − 53,47 = ,49', async () => {
    // G × 0,95 = 2.228.394,9645; exact Hochrechnung 53,465 → 2.228.341,4995 → 2.228.341,50.
    const [v] = await t.wh.abfrage(`SELECT * FROM umschichtung_vorschlag WHERE jahr = 2024 AND quartal = 1`);
    expect(v).toMatchObject({
      budget: '2345678.91',
      hochrechnung: '53.47',
      reserve: '117283.95',
      vorschlag: '2228341.50',
    });
  });

  it('lehnt ein Phasierungsprofil ab, das nicht genau 100 % ergibt, und ein Profil eines Trägers', async () => {
    const e = await ladeDatei(
      t.wh,
      t.datei('phasierung-99.csv', profil(['8', '8', '8', '8', '8', '8', '8', '8', '9', '9', '9', '8,99'])),
    );
    expect(e).toMatchObject({ status: 'abgelehnt', art: 'phasierung', absender: 'jugendamt' });
    expect(e.fehler).toMatchObject([
      { zeile: 2, spalte: 'anteil', grund: 'Die Anteile von 2024, konz, variabel ergeben 99,99 % statt genau 100 %' },
    ]);
    const elf = await ladeDatei(
      t.wh,
      t.datei('phasierung-11.csv', profil(['10', '10', '10', '10', '10', '10', '10', '10', '10', '5', '5'])),
    );
    expect(elf.fehler.map((f) => f.grund)).toEqual([
      'Für 2024, konz, variabel stehen nur 11 von 12 Monaten in der Datei',
    ]);
    const traeger = await ladeDatei(
      t.wh,
      t.datei(
        'phasierung-traeger.csv',
        profil(
          Array(12)
            .fill('8,3333')
            .map((a, i) => (i === 11 ? '8,3337' : a)),
        ),
      ),
      { zuordnung: { absender: 'traeger:caritas-trier', dezimal: 'komma', spalten: {}, ignorieren: [] } },
    );
    expect(traeger.status).toBe('abgelehnt');
    expect(traeger.fehler[0]!.grund).toContain('Phasierungen kommen nur vom Jugendamt');
    expect(Number(await t.wh.wert('SELECT count(*) FROM phasierung'))).toBe(0);
    // The refused load names its sender in the log.
    expect(
      await t.wh.abfrage(`SELECT absender, status FROM import_protokoll WHERE dateiname = 'phasierung-traeger.csv'`),
    ).toEqual([{ absender: 'traeger:caritas-trier', status: 'abgelehnt' }]);
  });

  it('phast mit einem Profil Soll, Projektion und Status des Topfs danach, und gesamt als Summe der Töpfe', async () => {
    expect(await zeile(1, 'variabel')).toMatchObject({ soll_bis_stichtag: '99691.35', phasierung: 'linear' });
    // Little in Q1 (6 %), the rest over the year. Variabel then gets 10 € a month in Q1: linear that is
    // 90 € to come; by the profile 30 € × 94 / 6 = 470 €.
    const anteile = ['2', '2', '2', '10,4', '10,4', '10,4', '10,4', '10,4', '10,4', '10,4', '10,4', '10,8'];
    const e = await ladeDatei(t.wh, t.datei('phasierung.csv', profil(anteile)));
    expect(e, e.bericht).toMatchObject({
      status: 'geladen',
      zeilen: 12,
      meldung: 'phasierung.csv: 12 Zeilen phasierung geladen.',
    });
    expect(
      (
        await ladeDatei(
          t.wh,
          t.datei(
            'zahlungen.csv',
            'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n' +
              [1, 2, 3].map((m) => `15.0${m}.2024;konz;variabel;Verbund;K-9;§30;10,00`).join('\n') +
              '\n',
          ),
        )
      ).status,
    ).toBe('geladen');
    // round(398.765,41 × 6 %) = 23.925,9246 → 23.925,92
    expect(await zeile(1, 'variabel')).toMatchObject({
      soll_bis_stichtag: '23925.92',
      phasierung: 'profil',
      ist_bis_stichtag: '30.00',
      prognose_rest: '470.00',
      prognose_methode: 'profil',
      hochrechnung: '500.00',
    });
    // gesamt with a profile: the pots' figures added (87.962,96 + 398.765,42 + 23.925,92)
    expect(await zeile(1, 'gesamt')).toMatchObject({ soll_bis_stichtag: '510654.30', phasierung: 'profil' });
    // The same phasing for the verlauf chart and the forecast sheet (budget_phasiert): Q1 ends at 6 %.
    expect(
      await t.wh.abfrage(
        `SELECT soll, phasierung FROM budget_phasiert WHERE jahr = 2024 AND sozialraum = 'konz' AND topf = 'variabel' AND monat IN (3, 12) ORDER BY monat`,
      ),
    ).toEqual([
      { soll: '23925.92', phasierung: 'profil' },
      { soll: '398765.41', phasierung: 'profil' },
    ]);
  });

  it('verschiebt den Status mit dem Profil: ein Topf, der linear nicht auskömmlich ist, hat nach dem Profil freie Mittel', async () => {
    // ASD: 100.000 € paid in Q1. Linear: 100.000 × 4 = 400.000 € of 351.851,84 → nicht_auskoemmlich.
    // A profile that expects half the ASD use in Q1: 100.000 × 50 / 50 more = 200.000 € → freie_mittel.
    expect(
      (
        await ladeDatei(
          t.wh,
          t.datei(
            'asd.csv',
            'buchungsdatum;sozialraum;topf;empfaenger;kontrakt;hilfeart;betrag\n15.02.2024;konz;asd;Beratung;;;100.000,00\n',
          ),
        )
      ).status,
    ).toBe('geladen');
    expect(await zeile(1, 'asd')).toMatchObject({
      prognose_methode: 'linear',
      hochrechnung: '400000.00',
      status: 'nicht_auskoemmlich',
    });
    const anteile = ['20', '20', '10', ...Array(8).fill('5,5'), '6'];
    expect((await ladeDatei(t.wh, t.datei('phasierung-asd.csv', profil(anteile, 'asd')))).status).toBe('geladen');
    expect(await zeile(1, 'asd')).toMatchObject({
      phasierung: 'profil',
      soll_bis_stichtag: '175925.92',
      prognose_methode: 'profil',
      hochrechnung: '200000.00',
      status: 'freie_mittel',
    });
  });
});

describe('Regeln aus docs/regeln.md §5 und §7', () => {
  it('lehnt eine Budgetzeile außerhalb ihres Vertragszeitraums ab', async () => {
    const e = await ladeDatei(
      t.wh,
      t.datei(
        'budget-2030.csv',
        `${BUDGET}2030;konz;1.000.000,00;71.250,00;1599,5;2024-2028\n2029;saarburg;1.000.000,00;71.250,00;1599,5;2030-2025\n`,
      ),
    );
    expect(e.status).toBe('abgelehnt');
    expect(e.fehler).toMatchObject([
      {
        zeile: 2,
        spalte: 'vertragszeitraum',
        wert: '2024-2028',
        grund: 'Das Jahr 2030 liegt nicht im Vertragszeitraum 2024-2028',
      },
      {
        zeile: 3,
        spalte: 'vertragszeitraum',
        wert: '2030-2025',
        grund: 'Der Vertragszeitraum 2030-2025 endet vor seinem Beginn',
      },
    ]);
    expect(Number(await t.wh.wert('SELECT count(*) FROM budget'))).toBe(1);
  });

  it('nennt einen Kontrakt, dessen Familie in einem anderen Sozialraum wohnt, lehnt ihn aber nicht ab', async () => {
    // Kell am See belongs to Sozialraum Hermeskeil; the contract is Konz's.
    const kell = String(await t.wh.wert(`SELECT ags FROM gemeinde WHERE gemeinde = 'Kell am See'`));
    const kopf = 'quelle;kontrakt;sozialraum;fall;hilfeart;beginn;ende;stunden_monat;asd_zeichnung;wohnort_ags\n';
    const e = await ladeDatei(
      t.wh,
      t.datei('kontrakte.csv', `${kopf}jugendamt;K-1;konz;F-1;31;01.01.2024;;10;ASD-1;${kell}\n`),
    );
    expect(e.status, e.bericht).toBe('geladen');
    const [k] = await t.wh.abfrage(`SELECT status, wohnort_befund FROM kontrakt_abgleich WHERE kontrakt = 'K-1'`);
    expect(k!.wohnort_befund).toBe(
      `wohnort_anderer_sozialraum: Wohnort Kell am See (${kell}) gehört zum Sozialraum Hermeskeil, der Kontrakt zu Konz`,
    );
    const befunde = await t.wh.abfrage(
      `SELECT thema, regel, objekt, massnahme FROM befunde WHERE objekt = 'K-1' ORDER BY regel`,
    );
    expect(befunde.map((b) => b.regel)).toEqual(['asd_zeichnung', 'nur_jugendamt', 'wohnort_anderer_sozialraum']);
    for (const b of befunde) expect(b.massnahme).toMatch(/[a-zäöü]{4,}.*[a-zäöü]{4,}/);
  });

  it('prüft das Personal erst ab dem ersten Budgetjahr des Sozialraums', async () => {
    const kopf = 'traeger;sozialraum;mitarbeiter;stellenumfang;qualifikation;fachstudium;sv_pflichtig;von;bis\n';
    const e = await ladeDatei(
      t.wh,
      t.datei('personal.csv', `${kopf}caritas-trier;konz;MA-1;40 %;Sozialpädagogin;ja;ja;01.01.2020;31.12.2024\n`),
    );
    expect(e.status, e.bericht).toBe('geladen');
    // On the roster since 2020, but Konz's first budget is 2024: one finding, for 2024.
    expect(
      (await t.wh.abfrage(`SELECT jahr, regel FROM personal_pruefung WHERE mitarbeiter = 'MA-1'`)).map((z) => [
        Number(z.jahr),
        z.regel,
      ]),
    ).toEqual([[2024, 'mindestumfang']]);
  });

  it('listet Stunden eines Jahres ohne Budget als offenen Punkt, bis das Budget kommt', async () => {
    const e = await ladeDatei(
      t.wh,
      t.datei(
        'leistungen-2025.csv',
        `${KOPF_LEISTUNGEN}\ncaritas-trier;konz;K-1;F-1;§31;fallspezifisch;02.09.2025;2,5;MA-1;ja\n`,
      ),
    );
    expect(e.offen).toEqual([
      '1 Zeile Stunden in konz 2025 ohne Budget 2025: nicht bewertet, bis das Budget geladen ist',
    ]);
    const offen = async () =>
      await t.wh.abfrage(`SELECT jahr, traeger, befund, massnahme FROM befunde WHERE thema = 'buchung_ohne_budget'`);
    expect(await offen()).toEqual([
      {
        jahr: 2025,
        traeger: 'caritas-trier',
        befund: '2,50 Stunden (1 Zeile) ohne Budget 2025: nicht bewertet, fehlen in Verbrauch und Abweichung',
        massnahme:
          'Budget 2025 für diesen Sozialraum laden (Budgetdatei des Jugendamts); dann werden die Buchungen bewertet',
      },
    ]);
    expect(
      (
        await ladeDatei(
          t.wh,
          t.datei('budget-2025.csv', `${BUDGET}2025;konz;2.345.678,91;71.250,00;1599,5;2024-2028\n`),
        )
      ).status,
    ).toBe('geladen');
    expect(await offen()).toEqual([]);
  });
});
