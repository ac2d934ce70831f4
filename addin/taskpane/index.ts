// The task pane and, in the same shared runtime, the ribbon commands and the SRB.* cell formulas.
import {
  abweichungsgrafikEinfuegen,
  alleAktualisieren,
  alsWerteWeitergeben,
  erlaubteSozialraeume,
  GRAFIKARTEN,
  grafikErneuern,
  herkunftAnzeigen,
  holeAbweichung,
  holeAbweichungsgrafiken,
  holeDaten,
  prognoseNeuLaden,
  prognoseZurueckschreiben,
  standText,
  zahlenHolen,
  type Auswahl,
  type Grafikart,
} from '../ablauf/index.ts';
import { schreibeTabellen, srbBlaetter } from '../excel/index.ts';
import { registriereFormeln, trenneFormeln, verbindeFormeln, type Formelstapel } from '../funktionen/index.ts';
import { einstellungen, fehlerBanner, starte } from '../office/index.ts';
import {
  $,
  beschrifte,
  fortschritt,
  liste,
  status,
  zeigeGrafiken,
  zeigeKonflikt,
  zeigeTabellen,
  zeigeWeitergabeBlaetter,
} from './ansicht.ts';
import { abmelden, anmelden, fortsetzen, type Sitzung } from './sitzung.ts';
import { texte, type Texte } from './texte.ts';

registriereFormeln();

let t: Texte = texte('de');
let excel = false;
let sitzung: Sitzung | null = null;
let formeln: Formelstapel<CustomFunctions.Error> | null = null;

function auswahl(): Auswahl {
  const gewaehlt = [...document.querySelectorAll<HTMLInputElement>('#sozialraeume input:checked')].map((i) => i.value);
  return {
    jahr: Number($<HTMLInputElement>('jahr').value),
    quartal: Number($<HTMLSelectElement>('quartal').value),
    sozialraeume: gewaehlt,
  };
}

/** Runs a step with the buttons locked; a failure becomes a German message and a banner. */
async function schritt(laeuft: string, f: (s: Sitzung) => Promise<void>): Promise<void> {
  if (!sitzung) {
    status(t.anmelden, 'fehler');
    return;
  }
  const knoepfe = [...document.querySelectorAll<HTMLButtonElement>('#arbeit button')];
  for (const k of knoepfe) k.disabled = true;
  status(laeuft, 'laeuft');
  try {
    await f(sitzung);
  } catch (e) {
    status((e as Error).message, 'fehler');
    fehlerBanner((e as Error).message, t.fehler);
  } finally {
    for (const k of knoepfe) k.disabled = false;
    fortschritt(null);
  }
}

/** After anything that adds or removes SRB sheets: the list of sheets to share. */
async function weitergabeListe(): Promise<void> {
  if (excel) zeigeWeitergabeBlaetter((await srbBlaetter()).map((b) => b.blatt));
}

const holen = () =>
  schritt(t.holt, async (s) => {
    const a = auswahl();
    if (excel) {
      const aenderungen = await zahlenHolen(s.client, a);
      status(t.geholt(new Set(aenderungen.map((x) => x.blatt)).size + a.sozialraeume.length));
      liste(aenderungen.map((x) => t.aenderung(x.name, x)));
      await weitergabeListe();
    } else {
      const { inhalte } = await holeDaten(s.client, a);
      zeigeTabellen(inhalte);
      status(t.geholt(new Set(inhalte.map((i) => i.blatt)).size));
    }
  });

const grafik = () =>
  schritt(t.grafikLaeuft, async (s) => {
    const a = auswahl();
    if (!excel) {
      const g = await holeAbweichungsgrafiken(s.client, a);
      zeigeGrafiken(g);
      status(t.grafikEingefuegt(g.length, 'SVG'));
      return;
    }
    // The pane's choice, also for the ribbon command (same runtime); both where nothing else is chosen.
    const gewaehlt = $<HTMLSelectElement>('grafik-art').value as Grafikart;
    const r = await abweichungsgrafikEinfuegen(s.client, a, GRAFIKARTEN.includes(gewaehlt) ? gewaehlt : 'beide');
    if (r.art === 'kein_blatt') status(t.abweichungFehlt, 'fehler');
    else {
      status(
        t.grafikEingefuegt(
          r.arten.length,
          [...new Set(r.arten)].map((x) => (x === 'diagramm' ? t.excelDiagramm : x.toUpperCase())).join(', '),
        ),
      );
    }
  });

const aktualisieren = () =>
  schritt(`${t.alleAktualisieren} …`, async (s) => {
    const r = await alleAktualisieren(s.client, auswahl(), formeln, (n, von, text) => {
      fortschritt(n, von);
      status(`${n}/${von}: ${text} …`, 'laeuft');
    });
    status(t.aktualisiert(r.blaetter.length, r.formeln));
    liste(r.aenderungen.map((x) => t.aenderung(x.name, x)));
  });

const weitergeben = (gewaehlt: string[] | null) =>
  schritt(`${t.alsWerte} …`, async (s) => {
    const kopien = await alsWerteWeitergeben(gewaehlt, s.benutzer);
    if (kopien.length === 0) status(t.keineSrbBlaetter, 'fehler');
    else status(t.weitergegeben(kopien));
    await weitergabeListe();
  });
const gewaehlteBlaetter = () =>
  [...document.querySelectorAll<HTMLInputElement>('#weitergabe-blaetter input:checked')].map((i) => i.value);

const herkunft = () =>
  schritt(t.herkunftLaeuft, async (s) => {
    const e = await herkunftAnzeigen(s.client, auswahl());
    status(t.herkunftGezeigt(e.was, e.gezeigt, e.anzahl, e.stimmt), e.stimmt === false ? 'fehler' : undefined);
  });

const schreiben = (ueberschreibe?: number) =>
  schritt(t.schreibt, async (s) => {
    const r = await prognoseZurueckschreiben(s.client, {
      kommentar: $<HTMLInputElement>('kommentar').value.trim() || t.kommentarVorgabe,
      erlaubt: erlaubteSozialraeume(s.sozialraeume),
      ueberschreibe,
    });
    liste([]);
    if (r.art === 'kein_blatt') status(t.keinBlatt, 'fehler');
    else if (r.art === 'abgelehnt') status(r.meldung, 'fehler');
    else if (r.art === 'fehler') {
      status(t.zellfehler(r.fehler.length), 'fehler');
      liste(r.fehler.map((f) => `${f.adresse}: ${f.meldung}`));
    } else if (r.art === 'konflikt') {
      status(t.konflikt, 'fehler');
      zeigeKonflikt(
        r.konflikt,
        t,
        () =>
          void schritt(t.holt, async (s2) => {
            await prognoseNeuLaden(s2.client, r.eingabe.jahr, r.eingabe.sozialraum);
            status(t.neuGeladen);
          }),
        () => void schreiben(r.konflikt.version.version_id),
      );
    } else {
      // The variance (and its chart) of the Sozialraum now rests on the new forecast.
      const a = { ...auswahl(), sozialraeume: [...new Set([...auswahl().sozialraeume, r.sozialraum])] };
      await schreibeTabellen([await holeAbweichung(s.client, a)], standText(new Date(), a));
      await grafikErneuern(s.client, a, r.sozialraum);
      status(t.gespeichert(r.version, r.sozialraum));
    }
  });

function zeigeArbeit(s: Sitzung): void {
  $('anmeldung').hidden = true;
  $('arbeit').hidden = false;
  $('wer').textContent = t.angemeldetAls(s.benutzer, s.rolle);
  const heute = new Date();
  $<HTMLInputElement>('jahr').value = String(heute.getFullYear());
  $<HTMLSelectElement>('quartal').value = String(Math.max(1, Math.floor(heute.getMonth() / 3)));
  $('sozialraeume').replaceChildren(
    $('sozialraeume').querySelector('legend')!,
    ...erlaubteSozialraeume(s.sozialraeume).map((sr) => {
      const l = document.createElement('label');
      const i = document.createElement('input');
      i.type = 'checkbox';
      i.value = sr;
      i.checked = true;
      l.append(i, ` ${sr}`);
      return l;
    }),
  );
  s.ereignisse.addEventListener('aenderung', () => status(t.neueZahlen));
  if (excel) {
    formeln = verbindeFormeln(s.client, s.ereignisse);
    void weitergabeListe();
  }
}

function zeigeAnmeldung(): void {
  const e = einstellungen.lesen();
  $<HTMLInputElement>('server').value = e.server ?? location.origin;
  $<HTMLInputElement>('benutzer').value = e.benutzer ?? '';
  $('arbeit').hidden = true;
  $('anmeldung').hidden = false;
}

/** Ribbon commands: the same steps as the buttons; Office needs completed() in any case. */
function befehl(f: () => Promise<void>) {
  return (ereignis: Office.AddinCommands.Event) => {
    const fertig = () => ereignis.completed();
    if (!sitzung) {
      void Office.addin.showAsTaskpane().finally(fertig);
      return;
    }
    void f().finally(fertig);
  };
}

async function main(): Promise<void> {
  const start = await starte();
  excel = start.excel;
  t = texte(start.sprache);
  document.documentElement.lang = start.sprache;
  beschrifte(t);
  if (!excel) {
    $('nur-excel').textContent = t.nurExcel;
    $('nur-excel').hidden = false;
    // Writing back reads the forecast sheet: nothing to write from a plain web page.
    $('kommentar-feld').hidden = true;
    $('prognose-schreiben').hidden = true;
    for (const e of document.querySelectorAll<HTMLElement>('.nur-excel')) e.hidden = true;
    // Herkunft starts from a cell of the workbook.
    $('herkunft-anzeigen').hidden = true;
  } else {
    Office.actions.associate('zahlenHolen', befehl(holen));
    Office.actions.associate(
      'prognoseZurueckschreiben',
      befehl(() => schreiben()),
    );
    Office.actions.associate('abweichungsgrafikEinfuegen', befehl(grafik));
    Office.actions.associate('alleAktualisieren', befehl(aktualisieren));
    // From the ribbon there is no choice of sheets: every sheet with SRB tables or formulas.
    Office.actions.associate(
      'alsWerteWeitergeben',
      befehl(() => weitergeben(null)),
    );
    Office.actions.associate('herkunftAnzeigen', befehl(herkunft));
  }
  $('anmeldung').onsubmit = (ev) => {
    ev.preventDefault();
    void (async () => {
      try {
        sitzung = await anmelden(
          $<HTMLInputElement>('server').value.replace(/\/+$/, ''),
          $<HTMLInputElement>('benutzer').value,
          $<HTMLInputElement>('passwort').value,
        );
        $<HTMLInputElement>('passwort').value = '';
        status('');
        zeigeArbeit(sitzung);
      } catch (e) {
        status((e as Error).message, 'fehler');
      }
    })();
  };
  $('zahlen-holen').onclick = () => void holen();
  $('prognose-schreiben').onclick = () => void schreiben();
  $('grafik-einfuegen').onclick = () => void grafik();
  $('alle-aktualisieren').onclick = () => void aktualisieren();
  $('als-werte').onclick = () => void weitergeben(gewaehlteBlaetter());
  $('herkunft-anzeigen').onclick = () => void herkunft();
  $('abmelden').onclick = () => {
    if (sitzung) abmelden(sitzung);
    if (excel) trenneFormeln();
    formeln = null;
    sitzung = null;
    zeigeAnmeldung();
  };
  sitzung = fortsetzen();
  if (sitzung) zeigeArbeit(sitzung);
  else zeigeAnmeldung();
  document.body.dataset.bereit = excel ? 'excel' : 'web';
}

void main();
