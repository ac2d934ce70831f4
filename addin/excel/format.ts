// Range.numberFormat takes Excel's invariant (en-US) format codes and Excel shows them in the user's
// locale: `#,##0.00 "€"` appears as 1.234,56 € in a German Excel, DD.MM.YYYY as TT.MM.JJJJ.
// Writing the German code (`#.##0,00 €`) would mean something else to the invariant parser;
// the locale-specific setter is numberFormatLocal, which would break for English users.
export const FORMAT = {
  betrag: '#,##0.00 "€"',
  zahl: '#,##0.00',
  ganz: '0',
  datum: 'DD.MM.YYYY',
  text: '@',
  wahr: 'General',
} as const;

export type Spaltenart = keyof typeof FORMAT;
