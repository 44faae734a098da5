# tribune align : aides, erreurs, avertissements et libellés.

cli-align-about = Aligner un discours et sa traduction phrase par phrase : des groupes de segments qui se traduisent, chacun avec un indice de confiance.
cli-align--source = Le discours source ; « - » lit l’entrée standard.
cli-align--target = Sa traduction.
cli-align--input = Présentation des fichiers : text (discours, segmentés par Tribune) ou lines (un segment par ligne, déjà segmentés).
cli-align--format = Sortie : beads (INDICES_EN<TAB>INDICES_FR par groupe, à partir de 0), tsv (texte source et cible), jsonl (un objet JSON par groupe) ou text (côte à côte).
cli-align--min-confidence = Les groupes dont la confiance (de 0 à 1) est inférieure sont signalés pour révision et ne seraient pas enregistrés.
cli-align--source-lang = Langue du premier fichier (par défaut : son en-tête, son nom ou ses mots, à défaut en).
cli-align--target-lang = Langue du second fichier (par défaut : son en-tête, son nom ou ses mots, à défaut fr).

align-error-empty = { $file } est vide : un discours ou un segment par ligne est attendu
align-error-nothing = { $file } ne contient que des indications scéniques : il n’y a rien à aligner
align-error-wrong-language = { $file } semble être en « { $found } » alors que « { $expected } » est attendu : vérifiez le fichier, ou indiquez --source-lang / --target-lang
align-error-swapped = les fichiers sont dans le mauvais ordre : { $source } semble être en « { $source_lang } » et { $target } en « { $target_lang } » ; donnez d’abord le fichier en « { $target_lang } »
align-warning-lines-look-like-text = { $file } : { $lines } { $lines ->
    [one] ligne contient
   *[other] lignes contiennent
  } plusieurs phrases ; s’agit-il de texte suivi ? Utilisez --input text pour les discours
align-warning-text-looks-like-lines = { $file } n’a ni ligne vide ni paragraphe : s’il contient un segment par ligne, utilisez --input lines
align-warning-no-lexicon = Tribune n’a pas de liste de mots pour « { $source } » et « { $target } » : seuls les nombres, les noms, les mots apparentés et les longueurs sont utilisés

align-summary = { $beads } { $beads ->
    [one] groupe
   *[other] groupes
  } : { $storable } { $storable ->
    [one] paire sûre
   *[other] paires sûres
  } à enregistrer, { $held } en attente de révision, { $unaligned } sans correspondance, { $directions } { $directions ->
    [one] indication scénique
   *[other] indications scéniques
  }
align-text-review = ?
align-kind-direction = indication scénique
align-kind-salutation = formule d’appel
cli-align--store = Enregistrer les groupes sûrs 1-1, 1-2 et 2-1 dans la mémoire de traduction, avec les noms des deux fichiers, les identifiants des segments et la confiance comme provenance.
cli-align--memory = Le fichier de la mémoire pour --store (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).
align-stored = Enregistré dans { $memory } : { $added } { $added ->
    [one] nouvelle unité
   *[other] nouvelles unités
  }, { $merged } déjà présentes ; { $held } mises de côté pour révision.
