# Contrôles de qualité d’une traduction (tribune check).

## Aide de la ligne de commande
cli-check-about = Contrôler une traduction par rapport à sa source : nombres, indications scéniques, segments non traduits, typographie de la langue cible. Sort avec le code 3 en cas d’erreur.
cli-check--source = Le discours source.
cli-check--target = Sa traduction ; sans elle, le discours est contrôlé seul (guillemets, parenthèses, mots doublés).
cli-check--source-lang = La langue de la source, quand ni l’en-tête ni le nom du fichier ne la donnent.
cli-check--target-lang = La langue et la variante de la traduction (fr-FR, fr-CA), quand ni l’en-tête ni le nom du fichier ne la donnent ; la variante détermine la typographie contrôlée.
cli-check--strict = Compter la typographie de la ponctuation et des guillemets (une espace insécable manquante avant « : ») comme des erreurs, non comme des avertissements.
cli-check--memory = La mémoire dont la base terminologique est contrôlée, si le fichier existe (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).
cli-check--format = Sortie : text (une ligne située par problème) ou json.

## Problèmes
check-error = erreur
check-warning = avertissement
check-number = nombres différents : { $missing ->
    [0] la traduction ajoute { $target }
   *[other] { $extra ->
        [0] { $source } de la source manque dans la traduction
       *[other] { $source } dans la source, { $target } dans la traduction
    }
  }
check-direction-missing = indication scénique absente de la traduction : { $kind }{ $time }
check-direction-extra = indication scénique absente de la source : { $kind }{ $time }
check-direction-differs = indication scénique différente : { $source_kind }{ $source_time } dans la source, { $target_kind }{ $target_time } dans la traduction
check-untranslated-identical = non traduit : la traduction reprend le texte source
check-untranslated-language = non traduit : ce segment est dans la langue source ({ $lang })
check-typography-before-mark = typographie ({ $locale }) : avant « { $mark } », attendu { $expected }, trouvé { $found }
check-typography-guillemets = typographie ({ $locale }) : à l’intérieur des « », attendu { $expected }, trouvé { $found }
check-typography-percent = typographie ({ $locale }) : avant « % », attendu { $expected }, trouvé { $found }
check-typography-thousands = typographie ({ $locale }) : entre les groupes de chiffres, attendu { $expected }, trouvé { $found }
check-term-missing = terme non traduit comme le veut la base terminologique : « { $term } » devrait être { $approved }
check-term-forbidden = terme à ne pas employer : « { $used } » pour « { $term } » (la base terminologique dit { $approved })
check-writing-quotes = les guillemets ne s’équilibrent pas dans ce paragraphe : « { $mark } » n’a pas de pendant
check-writing-brackets = les crochets ou parenthèses ne s’équilibrent pas : « { $mark } » n’a pas de pendant
check-writing-doubled = mot écrit deux fois : « { $word } { $word } »
check-unaligned = aucune traduction trouvée pour ce segment source
check-space-narrow = une espace fine insécable (U+202F)
check-space-nbsp = une espace insécable (U+00A0)
check-space-thin = une espace fine (U+2009)
check-space-figure = une espace tabulaire (U+2007)
check-space-space = une espace
check-space-none = aucune espace
check-summary = { $errors ->
    [0] aucune erreur
    [one] une erreur
   *[other] { $errors } erreurs
  }, { $warnings ->
    [0] aucun avertissement
    [one] un avertissement
   *[other] { $warnings } avertissements
  }
check-failed = le contrôle a trouvé { $errors ->
    [one] une erreur
   *[other] { $errors } erreurs
  }
