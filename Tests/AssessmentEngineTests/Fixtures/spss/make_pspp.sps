* GNU PSPP 1.6.2: a windows-1252 system file with string and numeric items, value labels,
* user-missing values and a string id with non-ASCII letters (pspp make_pspp.sps).
SET LOCALE='windows-1252'.
DATA LIST LIST /klien (A16) q1 q2 (F8.0) s1 (A16).
BEGIN DATA.
"Ärï-01" 1 5 "Sering"
"Çélïne-02" 9 4 "jarang"
"K-03" 3 . "Tidak pernah"
"Ñoño-04" 2 1 "Selalu"
END DATA.
VARIABLE LABELS klien 'Identitas klien (é)' q1 'Pernyataan 1' q2 'Pernyataan 2'.
VALUE LABELS q1 q2 1 'Tidak pernah' 2 'Jarang' 3 'Kadang-kadang' 4 'Sering' 5 'Selalu' 9 'Tidak menjawab'.
MISSING VALUES q1 q2 (9).
SAVE OUTFILE='pspp_1252.sav' /COMPRESSED.
SAVE OUTFILE='pspp_1252_plain.sav' /UNCOMPRESSED.
SAVE OUTFILE='pspp_1252.zsav' /ZCOMPRESSED.
