import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ladeDatei } from '../warehouse/index.ts';
import { bestand, neuesWarehouse } from './helfer.ts';

// The file contract for the Wirkungskontrolle (docs/regeln.md §7, §8): the youth office's contract columns
// beendigungsgrund and zielerreichung, and the kind bevoelkerung; German findings, whole or nothing, both load paths.

let t: Awaited<ReturnType<typeof neuesWarehouse>>;
beforeEach(async () => {
  t = await neuesWarehouse();
});
afterEach(() => t.weg());

const KOPF =
  'quelle;kontrakt;sozialraum;fall;hilfeart;beginn;ende;stunden_monat;asd_zeichnung;wohnort_ags;beendigungsgrund;zielerreichung';

describe('Kontrakte mit Beendigungsgrund und Zielerreichung', () => {
  for (const nurSorgfaeltig of [false, true]) {
    it(`lädt die Spalten (${nurSorgfaeltig ? 'sorgfältiger' : 'schneller'} Weg), in Schreibweisen wie „Planmäßig“`, async () => {
      const e = await ladeDatei(
        t.wh,
        t.datei(
          'kontrakte.csv',
          `${KOPF}\njugendamt;K-1;konz;F-1;31;01.02.2025;30.09.2025;10;ASD-01;07235133;Planmäßig;erreicht\njugendamt;K-2;konz;F-2;30;01.03.2025;;8;ASD-01;07235133;;\n`,
        ),
        { nurSorgfaeltig },
      );
      expect(e.status, e.bericht).toBe('geladen');
      expect(
        await t.wh.abfrage('SELECT kontrakt, beendigungsgrund, zielerreichung FROM kontrakt ORDER BY kontrakt'),
      ).toEqual([
        { kontrakt: 'K-1', beendigungsgrund: 'planmaessig', zielerreichung: 'erreicht' },
        { kontrakt: 'K-2', beendigungsgrund: null, zielerreichung: null },
      ]);
    });
  }

  it('nimmt eine Kontraktliste ohne die neuen Spalten wie bisher', async () => {
    const e = await ladeDatei(
      t.wh,
      t.datei(
        'alt.csv',
        `${KOPF.split(';').slice(0, 10).join(';')}\njugendamt;K-1;konz;F-1;31;01.02.2025;30.09.2025;10;ASD-01;07235133\n`,
      ),
    );
    expect(e.status, e.bericht).toBe('geladen');
  });

  it('lehnt die ganze Datei ab und nennt jede Zeile: unbekannter Wert, Grund ohne Ende, Werte in der Liste eines Trägers', async () => {
    const vorher = await bestand(t.wh);
    const e = await ladeDatei(
      t.wh,
      t.datei(
        'falsch.csv',
        [
          KOPF,
          'jugendamt;K-1;konz;F-1;31;01.02.2025;30.09.2025;10;ASD-01;07235133;geplant;erreicht',
          'jugendamt;K-2;konz;F-2;31;01.02.2025;;10;ASD-01;07235133;planmaessig;',
          'jugendamt;K-3;konz;F-3;31;01.02.2025;;10;ASD-01;07235133;;teilweise',
          'jugendamt;K-4;konz;F-4;31;01.02.2025;30.09.2025;10;ASD-01;07235133;abbruch_familie;gut',
          'traeger:awo;K-5;konz;F-5;31;01.02.2025;30.09.2025;10;;07235133;planmaessig;erreicht',
        ].join('\n') + '\n',
      ),
    );
    expect(e.status).toBe('abgelehnt');
    const befunde = e.fehler.map((f) => `Zeile ${f.zeile} ${f.spalte}: ${f.grund}`);
    expect(befunde).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          /^Zeile 2 beendigungsgrund: ist kein Beendigungsgrund \(erlaubt: planmaessig, abbruch_familie/,
        ),
        'Zeile 3 beendigungsgrund: Ein Beendigungsgrund gehört nur zu einem Kontrakt mit Ende',
        'Zeile 4 zielerreichung: Eine Zielerreichung gehört nur zu einem Kontrakt mit Ende',
        expect.stringMatching(
          /^Zeile 5 zielerreichung: ist keine Zielerreichung \(erlaubt: erreicht, teilweise, nicht_erreicht\)/,
        ),
        'Zeile 6 beendigungsgrund: Beendigungsgrund und Zielerreichung meldet nur das Jugendamt, nicht traeger:awo',
      ]),
    );
    expect(await bestand(t.wh)).toBe(vorher);
  });
});

describe('Dateiart bevoelkerung', () => {
  const KOPF_B = 'jahr;wohnort_ags;altersgruppe;anzahl';

  for (const nurSorgfaeltig of [false, true]) {
    it(`erkennt die Art am Kopf und lädt Anzahlen mit Tausenderpunkt und siebenstellige AGS (${nurSorgfaeltig ? 'sorgfältig' : 'schnell'})`, async () => {
      const e = await ladeDatei(
        t.wh,
        t.datei('bev.csv', `${KOPF_B}\n2025;07235133;0-5;1.234\n2025;7235133;6 - 13;987\n2025;07235133;14–17;0\n`),
        { nurSorgfaeltig },
      );
      expect(e.status, e.bericht).toBe('geladen');
      expect(e.art).toBe('bevoelkerung');
      expect(
        await t.wh.abfrage(
          'SELECT jahr, wohnort_ags, altersgruppe, anzahl, absender FROM bevoelkerung ORDER BY altersgruppe',
        ),
      ).toEqual([
        { jahr: 2025, wohnort_ags: '07235133', altersgruppe: '0-5', anzahl: 1234, absender: 'jugendamt' },
        { jahr: 2025, wohnort_ags: '07235133', altersgruppe: '14-17', anzahl: 0, absender: 'jugendamt' },
        { jahr: 2025, wohnort_ags: '07235133', altersgruppe: '6-13', anzahl: 987, absender: 'jugendamt' },
      ]);
    });
  }

  it('ersetzt bei einer neuen Lieferung Jahr und Gemeinde, die sie enthält (alte Zeilen in die Historie)', async () => {
    await ladeDatei(t.wh, t.datei('a.csv', `${KOPF_B}\n2025;07235133;0-5;100\n2025;07235001;0-5;50\n`));
    const e = await ladeDatei(t.wh, t.datei('b.csv', `${KOPF_B}\n2025;07235133;0-5;110\n`));
    expect(e.ersetzt).toBe(1);
    expect(await t.wh.abfrage('SELECT wohnort_ags, anzahl FROM bevoelkerung ORDER BY wohnort_ags')).toEqual([
      { wohnort_ags: '07235001', anzahl: 50 },
      { wohnort_ags: '07235133', anzahl: 110 },
    ]);
    expect(Number(await t.wh.wert('SELECT count(*) FROM historie_bevoelkerung'))).toBe(1);
  });

  it('lehnt ab: fremde Gemeinde, unbekannte Altersgruppe, keine ganze Zahl, doppelte Zeile, anderer Absender; nichts ändert sich', async () => {
    const vorher = await bestand(t.wh);
    const e = await ladeDatei(
      t.wh,
      t.datei(
        'bev-falsch.csv',
        [
          KOPF_B,
          '2025;07211000;0-5;10',
          '2025;07235133;21-25;10',
          '2025;07235133;0-5;-3',
          '2025;07235133;6-13;1,5',
          '2025;07235001;0-5;4',
          '2025;07235001;0-5;5',
        ].join('\n') + '\n',
      ),
    );
    expect(e.status).toBe('abgelehnt');
    const befunde = e.fehler.map((f) => `Zeile ${f.zeile} ${f.spalte}: ${f.grund}`);
    expect(befunde).toEqual(
      expect.arrayContaining([
        'Zeile 2 wohnort_ags: ist keine Gemeinde des Landkreises Trier-Saarburg',
        'Zeile 3 altersgruppe: ist keine Altersgruppe (erlaubt: 0-5, 6-13, 14-17, 18-20)',
        'Zeile 4 anzahl: ist keine Anzahl (erwartet eine ganze Zahl ab 0, z. B. 1.234)',
        'Zeile 5 anzahl: ist keine Anzahl (erwartet eine ganze Zahl ab 0, z. B. 1.234)',
        'Zeile 7 altersgruppe: Die Altersgruppe 0-5 steht für 2025, 07235001 mehrfach in der Datei',
      ]),
    );
    const fremd = await ladeDatei(t.wh, t.datei('bev-traeger.csv', `${KOPF_B}\n2025;07235133;0-5;10\n`), {
      zuordnung: { absender: 'traeger:awo', dezimal: 'komma', spalten: {}, ignorieren: [] },
    });
    expect(fremd.status).toBe('abgelehnt');
    expect(fremd.fehler.map((f) => f.grund)).toContain(
      'Bevölkerungszahlen kommen nur vom Jugendamt, nicht von traeger:awo',
    );
    const ausserhalb = await ladeDatei(t.wh, t.datei('bev-asd.csv', `${KOPF_B}\n2025;07235133;0-5;10\n`), {
      bereich: { sozialraeume: ['saarburg'] },
    });
    expect(ausserhalb.fehler.map((f) => f.grund)).toContain(
      'Die Gemeinde 07235133 liegt außerhalb der Sozialräume dieses Zugangs',
    );
    expect(await bestand(t.wh)).toBe(vorher);
  });
});
