"""English times as the municipality writes them, on the 24-hour clock ("May 28, 2024,
09:15"): Django's English formats write "9:15 a.m.", and "midnight" for a consultation that
opens at 00:00. Dates stay Django's ("May 28, 2024")."""

TIME_FORMAT = "H:i"
DATETIME_FORMAT = "N j, Y, H:i"
SHORT_DATETIME_FORMAT = "m/d/Y H:i"
