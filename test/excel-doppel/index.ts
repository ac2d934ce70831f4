// A test double of the Excel objects the add-in uses, over an in-memory workbook. Unit tests use it in
// Node; the end-to-end test loads it into the task pane in Chromium in place of Office.js.
export {
  Mappe,
  Blatt,
  type Zelle,
  type Wert,
  type Tabelle,
  type Form,
  type Diagramm,
  type Reihe,
  type Bezug,
} from './zustand.ts';
export { BYTES_JE_SYNC, excelFuer } from './excel.ts';
export { installiere, type Host, type Funktionsaufruf } from './office.ts';
export { lies as liesAdresse } from './adresse.ts';
