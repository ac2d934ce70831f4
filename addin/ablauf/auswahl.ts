/** What the controller chose in the task pane. */
export interface Auswahl {
  jahr: number;
  quartal: number;
  sozialraeume: string[];
}

export const SOZIALRAEUME = ['konz', 'schweich', 'hermeskeil', 'saarburg'] as const;
export type Sozialraum = (typeof SOZIALRAEUME)[number];

/** The Sozialräume a role may choose: the token's list, or all four for the whole county. */
export const erlaubteSozialraeume = (ausToken: string[]): string[] =>
  SOZIALRAEUME.filter((s) => ausToken.length === 0 || ausToken.includes(s));

const zwei = (n: number) => String(n).padStart(2, '0');
/** TT.MM.JJJJ hh:mm in the workbook's local time. */
export const zeitpunkt = (jetzt: Date) =>
  `${zwei(jetzt.getDate())}.${zwei(jetzt.getMonth() + 1)}.${jetzt.getFullYear()} ${zwei(jetzt.getHours())}:${zwei(jetzt.getMinutes())}`;
export const standText = (jetzt: Date, a: Auswahl) =>
  `Stand: ${zeitpunkt(jetzt)} · Sozialräume: ${a.sozialraeume.join(', ')}`;
