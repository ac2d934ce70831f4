-- The display name of a Sozialraum (chart titles); no row for a code the county does not have.
SELECT name FROM sozialraum WHERE sozialraum = $sozialraum
