# Prétraduction (tribune translate), import XLIFF (tribune xliff import).

## Aide de la ligne de commande
cli-translate-about = Prétraduire un discours à partir de la mémoire de traduction (et de la traduction de la version précédente) : un projet dans la langue cible, un fichier XLIFF pour les outils de TAO, un rapport d’analyse.
cli-translate--file = Le discours à prétraduire ; - lit l’entrée standard.
cli-translate--to = La langue de traduction (par exemple fr, fr-CA).
cli-translate--lang = La langue du discours, quand ni l’en-tête ni le nom du fichier ne la donnent.
cli-translate--memory = La mémoire de traduction (par défaut : memory/tribune.sqlite, ou TRIBUNE_MEMORY).
cli-translate--threshold = Pourcentage de correspondance minimal proposé et inséré (75 par défaut).
cli-translate--xliff = Écrire un fichier XLIFF pour les outils de TAO (OmegaT, Trados, memoQ…).
cli-translate--xliff-version = Version XLIFF : 1.2 (par défaut, lue par tous les outils de TAO) ou 2.1.
cli-translate--output = Écrire le projet dans la langue cible dans ce fichier.
cli-translate--report = Afficher le rapport d’analyse : text (un tableau) ou json.
cli-translate--previous = La traduction de la version précédente : le XLIFF rendu pour elle, ou le discours traduit (avec --previous-source).
cli-translate--previous-source = La version précédente du discours source, quand --previous est un discours traduit.
cli-xliff-about = Fichiers XLIFF des outils de TAO : enregistrer leurs traductions dans la mémoire.
cli-xliff-import-about = Enregistrer dans la mémoire les traductions confirmées de fichiers XLIFF (1.2 ou 2.x), une transaction par fichier.
cli-xliff-import--files = Fichiers XLIFF (.xlf, .xliff, .sdlxliff).
cli-xliff-import--memory = La mémoire de traduction (par défaut : memory/tribune.sqlite, ou TRIBUNE_MEMORY).
cli-xliff-import--state = Quelles traductions prendre : translated (traduites, révisées ou finales ; par défaut), final ou any (toutes).
cli-xliff-import--origin = L’origine enregistrée pour les unités (par défaut : le nom du fichier).
cli-xliff-import--from = Langue source, quand le fichier ne la donne pas.
cli-xliff-import--to = Langue cible, quand le fichier ne la donne pas.
cli-xliff-import--format = Sortie : text (un résumé par fichier) ou json (chaque unité).

## Notes écrites dans le XLIFF pour le traducteur
translate-note-direction = Indication scénique ({ $kind }) : à ne pas traduire ; la cible la donne dans la langue cible.
translate-note-passage = Passage en { $language } : conservé tel quel.
translate-note-exact = Correspondance à 100 % provenant de { $origin }.
translate-note-fuzzy = Correspondance à { $score } % provenant de { $origin } ; différences avec sa source : { $diff }
translate-note-previous-kept = Inchangé depuis la version précédente : sa traduction est reprise.
translate-note-previous-edited = Modifié depuis la version précédente ({ $score } %) : { $diff }
translate-note-repetition = Répète le segment de la ligne { $line }.
translate-note-joined = Deux segments traduits ensemble : celui-ci et le suivant, ligne { $line }, qu’une unité de la mémoire traduit d’un seul tenant.
translate-note-covers-more = L’unité de la mémoire traduit plus que ce segment (elle contient une autre phrase) : simple proposition.
translate-note-term = Terme : { $term } → { $count ->
    [0] aucune traduction approuvée
   *[other] { $translations }
  } (base terminologique).
translate-term-avoid = À ne pas employer : { $terms }.

## Rapport d’analyse
translate-report-title = Analyse de { $file } ({ $from } → { $to }), mémoire { $memory }, seuil { $threshold } %
translate-report-no-memory = aucune
translate-report-match = Correspondance
translate-report-segments = Segments
translate-report-words = Mots
translate-report-total = Total
translate-band-in-context = 100 % en contexte
translate-band-exact = 100 %
translate-band-joined = Joints (deux segments, une unité)
translate-band-fuzzy-95 = 95–99 %
translate-band-fuzzy-85 = 85–94 %
translate-band-fuzzy-75 = 75–84 %
translate-band-no-match = Aucune correspondance
translate-band-repetition = Répétitions
translate-report-excluded = À ne pas traduire : { $directions ->
    [0] aucune indication scénique
    [one] une indication scénique
   *[other] { $directions } indications scéniques
  }, { $passages ->
    [0] aucun passage
    [one] un passage
   *[other] { $passages } passages
  } dans une autre langue ({ $words ->
    [0] aucun mot
    [one] un mot
   *[other] { $words } mots
  })
translate-report-filled = Insérés : { $filled } (dont { $review } à réviser) ; reste à traduire : { $left }
translate-report-review = À réviser (ligne, correspondance, texte) :
translate-report-left = À traduire (ligne, texte) :
translate-report-terms = Termes de la base terminologique (ligne, terme → traduction approuvée) :
translate-report-term-none = aucune traduction approuvée
translate-summary = { $segments } segments : { $filled } insérés (dont { $review } à réviser), { $left } à traduire
translate-previous-used = Version précédente : { $segments } segments, dont { $translated } traduits

## Erreurs et avertissements
translate-error-same-language = le discours est déjà en { $lang } : indiquez une autre langue avec --to
translate-error-previous-source = { $file } est un discours : indiquez la version source qu’il traduit avec --previous-source
translate-error-open = impossible d’ouvrir { $file } : { $reason }
translate-warning-no-memory = pas de mémoire de traduction à { $path } : rien n’est inséré depuis la mémoire
exchange-error-not-xliff = document XLIFF (<xliff>) attendu, trouvé : { exchange-found }
exchange-error-xliff-version = la version XLIFF { $version } n’est pas prise en charge (de 1.0 à 1.2 et de 2.0 à 2.2 le sont)
xliff-error-no-source-language = { $file }:{ $line } : le fichier n’indique pas sa langue source : utilisez --from
xliff-error-no-target-language = { $file }:{ $line } : le fichier n’indique pas sa langue cible : utilisez --to

## Import XLIFF
xliff-import-summary = { $file } : { $read } lus, { $added } ajoutés, { $updated } mis à jour, { $unchanged } inchangés, { $skipped } ignorés
xliff-skip-not-translatable = { $count } à ne pas traduire
xliff-skip-no-target = { $count } sans traduction
xliff-skip-state = { $count } non confirmés
xliff-skip-bad-language = { $count } avec une étiquette de langue invalide
xliff-skip-one-language = { $count } dans une seule langue
xliff-skipped-no-target = ignoré : pas de traduction
xliff-skipped-state = ignoré : l’état { $state } n’est pas confirmé (voir --state)
xliff-skipped-bad-language = ignoré : une étiquette de langue n’est pas valide
xliff-skipped-one-language = ignoré : source et cible sont dans la même langue
xliff-skipped-not-translatable = ignoré : à ne pas traduire
