-- When the figures last changed by a load or a forecast (the server's Last-Modified after a restart).
SELECT strftime(greatest((SELECT max(zeitpunkt) FROM ladung), (SELECT max(zeitpunkt) FROM prognose_version)), '%Y-%m-%dT%H:%M:%S.%gZ') AS zeitpunkt
