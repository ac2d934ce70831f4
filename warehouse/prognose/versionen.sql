-- All versions of the forecast of a year and Sozialraum, newest first.
SELECT version_id, basis_version, autor, organisation, zeitpunkt, kommentar
FROM prognose_version
WHERE jahr = $jahr AND sozialraum = $sozialraum
ORDER BY version_id DESC
