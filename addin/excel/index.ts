// Everything the add-in does in the workbook: whole 2-D ranges, few syncs, text stays text.
export { schreibeTabellen, type Blattinhalt, type Spalte, type Aenderung } from './tabellen.ts';
export {
  schreibePrognoseblaetter,
  lesePrognoseblatt,
  markiereFehler,
  prognoseblattName,
  MONATE,
  PROGNOSE_TOEPFE,
  type Prognoseeingabe,
  type Zellfehler,
} from './prognose.ts';
export { fuegeGrafikenEin, vorhandeneGrafiken, type Grafik } from './grafik.ts';
export { fuegeDiagrammEin, type Diagrammbindung, type Diagrammreihe } from './diagramm.ts';
export { FORMAT } from './format.ts';
export { srbBlaetter, schreibeStand, alsWerteKopieren, istSrbFormel, type SrbBlatt } from './srbblaetter.ts';
export { liesAuswahlzelle, type Auswahlzelle } from './auswahlzelle.ts';
