# La base terminologique : aides, messages et erreurs de `tribune terms`.

cli-terms-about = La base terminologique : importer des fichiers TBX, CSV ou TSV, exporter en TBX, trouver les termes d’un texte avec leurs traductions.

cli-terms-import-about = Importer des fichiers de terminologie (TBX 2008 ou 2019, TBX-Basic ou TBX-Min ; CSV ou TSV avec une ligne d’en-tête de langues) dans la mémoire, une transaction par fichier.
cli-terms-import--files = Fichiers TBX, CSV ou TSV à importer.
cli-terms-import--format = Le format des fichiers (par défaut : d’après l’extension .tbx, .xml, .csv, .tsv, ou le contenu).
cli-terms-import--memory = Le fichier de la mémoire (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).

cli-terms-export-about = Exporter la base terminologique en TBX-Basic (TBX 2019).
cli-terms-export--output = Écrire dans ce fichier (écrit en entier, puis renommé) au lieu de la sortie standard.
cli-terms-export--memory = Le fichier de la mémoire (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).

cli-terms-lookup-about = Trouver les termes de la base terminologique dans un texte, avec leurs traductions et le statut de chacune.
cli-terms-lookup--text = Le texte ; « - » ou rien lit un texte par ligne sur l’entrée standard.
cli-terms-lookup--from = Langue du texte (en trouve aussi les termes en-US et en-GB).
cli-terms-lookup--to = Langue des traductions voulues.
cli-terms-lookup--format = Sortie : text (lisible) ou jsonl (un objet JSON par texte ; json dit la même chose).
cli-terms-lookup--memory = Le fichier de la mémoire (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).

## Importation
terms-import-summary = { $file } : { $read } { $read ->
    [one] lu
   *[other] lus
  }, { $added } { $added ->
    [one] ajouté
   *[other] ajoutés
  }, { $updated } { $updated ->
    [one] mis à jour
   *[other] mis à jour
  }, { $unchanged } { $unchanged ->
    [one] inchangé
   *[other] inchangés
  }
terms-import-skipped = { $count } sans terme

## Recherche
terms-lookup-query = Texte : { $query }
terms-lookup-none = aucun terme
terms-lookup-avoid = à éviter
terms-status-preferred = privilégié
terms-status-admitted = admis
terms-status-deprecated = déconseillé
terms-status-superseded = remplacé

## Erreurs
exchange-error-not-tbx = un document TBX (<tbx>, <martif>) est attendu, trouvé : { exchange-found }
terms-error-language = « { $tag } » n’est pas une étiquette de langue (écrivez-la comme BCP 47 : en, fr, fr-CA)
terms-error-status = statut de terme inconnu « { $value } » : preferred, admitted, deprecated ou superseded étaient attendus (ou une valeur TBX telle que preferredTerm-admn-sts)
terms-error-id = l’identifiant de concept « { $id } » n’est pas un nom XML, comme doivent l’être les identifiants TBX : il commence par une lettre ou _ et ne contient que des lettres, des chiffres, -, . et _ (écrivez c12 plutôt que 12)
terms-error-csv-column = colonne inconnue « { $name } » : une colonne est nommée par une étiquette de langue (en, fr-CA) ou est l’une de status, pos, term note, id, subject, definition, note
terms-error-csv-attribute-first = la colonne « { $name } » porte sur un terme, mais aucune colonne de langue ne la précède
terms-error-csv-column-twice = la colonne « { $name } » figure deux fois
terms-error-csv-no-language = la ligne d’en-tête ne nomme aucune colonne de langue : la première ligne nomme les colonnes (en, fr, status…)
terms-error-csv-extra-field = cette ligne a plus de valeurs que les { $columns } colonnes de l’en-tête
terms-error-csv = impossible de lire cette ligne : { $detail }
terms-error-too-many = plus de { $limit } termes dans un même concept (ou colonnes dans une même ligne) : aucune base terminologique n’en a besoin ; scindez le concept
