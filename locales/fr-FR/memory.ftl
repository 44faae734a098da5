# La mémoire de traduction : aides, messages et erreurs de `tribune memory`.

cli-memory-about = La mémoire de traduction : importer et exporter du TMX, chercher des correspondances approchantes, consulter un concordancier, afficher des chiffres.

cli-memory-import-about = Importer des fichiers TMX 1.4b (UTF-8 ou UTF-16) ou TSV (source<TAB>cible) dans la mémoire, une transaction par fichier.
cli-memory-import--files = Fichiers TMX ou TSV à importer.
cli-memory-import--origin = Provenance enregistrée pour les unités (par défaut : le nom du fichier).
cli-memory-import--from = Langue de la première colonne des fichiers TSV.
cli-memory-import--to = Langue de la deuxième colonne des fichiers TSV.
cli-memory-import--memory = Le fichier de la mémoire (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).

cli-memory-export-about = Exporter la mémoire en TMX 1.4b.
cli-memory-export--output = Écrire dans ce fichier (écrit en entier, puis renommé) au lieu de la sortie standard.
cli-memory-export--lang-pair = Seulement les unités dans les deux langues, avec seulement ces deux variantes, par exemple en:fr.
cli-memory-export--origin = Seulement les unités de cette provenance.
cli-memory-export--memory = Le fichier de la mémoire (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).

cli-memory-lookup-about = Trouver les traductions enregistrées d’un texte, la meilleure d’abord, avec les différences mises en évidence.
cli-memory-lookup--text = Le texte à chercher ; « - » ou rien lit une requête par ligne sur l’entrée standard.
cli-memory-lookup--from = Langue du texte (en trouve aussi les unités en-US et en-GB).
cli-memory-lookup--to = Langue des traductions voulues.
cli-memory-lookup--threshold = Pourcentage de correspondance minimal affiché (de 1 à 100).
cli-memory-lookup--limit = Nombre maximal de correspondances par requête.
cli-memory-lookup--format = Sortie : text (lisible) ou jsonl (un objet JSON par requête).
cli-memory-lookup--memory = Le fichier de la mémoire (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).

cli-memory-search-about = Concordancier : les unités dont le texte contient une expression, dans l’une ou l’autre langue, avec les deux côtés.
cli-memory-search--text = Le texte à trouver (sans tenir compte de la casse ni des accents ; les mots peuvent être coupés aux deux bouts).
cli-memory-search--lang = Chercher dans cette langue seulement.
cli-memory-search--limit = Nombre maximal d’unités affichées.
cli-memory-search--exact = Accents tels que tapés : « securite » ne trouve plus « sécurité » (la casse reste ignorée).
cli-memory-search--match-case = Casse telle que tapée : « conseil » ne trouve plus « Conseil ».
cli-memory-search--format = Sortie : text (lisible) ou jsonl (un objet JSON par unité).
cli-memory-search--memory = Le fichier de la mémoire (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).

cli-memory-stats-about = Afficher les unités, les langues, les provenances et la taille de la mémoire.
cli-memory-stats--format = Sortie : text ou json.
cli-memory-stats--memory = Le fichier de la mémoire (par défaut : memory/tribune.sqlite ; aussi TRIBUNE_MEMORY).

## Importation
memory-import-summary = { $file } : { $read } { $read ->
    [one] lue
   *[other] lues
  }, { $added } { $added ->
    [one] ajoutée
   *[other] ajoutées
  }, { $merged } { $merged ->
    [one] fusionnée
   *[other] fusionnées
  }, { $skipped } { $skipped ->
    [one] ignorée
   *[other] ignorées
  }
memory-skip-one-language = { $count } avec moins de deux langues
memory-skip-bad-language = { $count } avec une étiquette de langue invalide

## Recherche de correspondances
memory-lookup-query = Requête : { $query }
memory-lookup-none = aucune correspondance
memory-lookup-substituted = avec les nouveaux nombres : { $target }
memory-lookup-substituted-tags = avec les nouvelles balises : { $target }
memory-lookup-substituted-both = avec les nouveaux nombres et les nouvelles balises : { $target }
memory-lookup-in-context = en contexte
memory-difference-word = mots différents
memory-difference-number = nombres différents
memory-difference-punctuation = ponctuation différente
memory-difference-case = casse différente
memory-difference-tag = balises différentes
memory-difference-spacing = espacement différent
memory-difference-accent = accents différents
memory-difference-form = autres formes d’un mot
memory-difference-order = mots intervertis

## Concordancier
memory-lookup-terms = Termes de la base terminologique :
memory-search-none = « { $text } » n’est pas dans la mémoire

## Statistiques
memory-stats-file = Mémoire : { $path } ({ $size })
memory-stats-units = Unités : { $units }
memory-stats-languages = Variantes par langue :
memory-stats-origins = Unités par provenance :

## Erreurs de la mémoire
memory-error-create-folder = impossible de créer le dossier de la mémoire { $path } : { $reason }
memory-error-not-a-memory = { $path } n’est pas une mémoire de traduction Tribune (un fichier SQLite créé par Tribune est attendu)
memory-error-newer-schema = { $path } a été créé par une version plus récente de Tribune (schéma { $found } ; celle-ci connaît jusqu’au { $supported }) : mettez Tribune à jour ; le fichier n’a pas été modifié
memory-error-unknown-schema = { $path } porte le numéro de schéma { $found }, qu’aucun Tribune n’écrit : il est endommagé ou a été modifié par un autre programme ; restaurez-le depuis une copie ou exportez ce qu’un outil SQLite peut lire
memory-error-foreign-journal = { $journal } appartient à { $owner } et cet utilisateur ne peut pas y écrire : { $path } ne peut donc pas être ouvert, même pour la recherche ; { $owner } doit fermer Tribune (ou lancer une fois une commande de mémoire), ou un administrateur peut donner le fichier à cet utilisateur ou le supprimer quand aucun Tribune ne tourne
memory-error-read-only = { $path } est en lecture seule : la recherche fonctionne, mais rien ne peut y être importé
memory-error-read-only-upgrade = { $path } utilise l’ancien schéma { $found } et est en lecture seule, il ne peut donc pas être mis à niveau : rendez-le modifiable une fois
memory-error-busy = { $path } est occupé : une autre importation y écrit encore ; réessayez quand elle sera terminée
memory-error-disk-full = { $path } : le disque est plein ; rien n’a été modifié
memory-error-io = { $path } : le système n’a pas pu lire ou écrire le fichier (disque plein, taille de fichier limitée ou disque défaillant) ; rien n’a été modifié
memory-error-sql = { $path } : { $reason }
memory-error-tsv-languages = { $file } est un fichier TSV : indiquez ses langues avec --from et --to
memory-error-no-memory = il n’y a pas de mémoire de traduction à { $path }
memory-hint-no-memory = importez-y d’abord un fichier TMX ou XLIFF (tribune memory import, tribune xliff import), ou indiquez une autre mémoire avec --memory ou TRIBUNE_MEMORY
memory-error-open-file = impossible d’ouvrir { $file } : { $reason }

## Erreurs des fichiers d’échange
exchange-error-io = impossible de lire le fichier : { $reason }
exchange-error-xml = XML mal formé : { $detail }
exchange-error-entity = entité inconnue « &{ $name }; » : seules &lt; &gt; &amp; &apos; &quot; et les références de caractères sont lues (les entités ne sont jamais développées)
exchange-error-not-tmx = un document TMX (<tmx>) est attendu, trouvé : { exchange-found }
exchange-error-unexpected = { exchange-found } inattendu : { exchange-expected } attendu
exchange-error-missing-attribute = <{ $element }> n’a pas d’attribut { $attribute }
exchange-error-end = le fichier se termine trop tôt : { exchange-expected } attendu
exchange-found = { $found-kind ->
        [text] du texte
        [nothing] un fichier vide
       *[tag] { $found }
    }
exchange-expected = { $within-kind ->
        [some] { exchange-expected-what } dans { $within }
       *[none] { exchange-expected-what }
    }
exchange-expected-what = { $expected-kind ->
        [document-end] la fin du document
        [text] du texte ou { exchange-expected-tags }
        [inline] du texte ou des éléments en ligne ({ $expected-first }, { $expected-last })
       *[tags] { exchange-expected-tags }
    }
exchange-expected-tags = { $expected-count ->
        [one] { $expected-last }
       *[other] { $expected-first } ou { $expected-last }
    }
exchange-error-tsv = source<TAB>cible attendu sur cette ligne
exchange-error-utf8 = le texte n’est pas de l’UTF-8 valide (ni de l’UTF-16 avec indicateur d’ordre des octets)
exchange-error-too-long = un texte ou une balise de plus de { $limit } Mio sans balisage commence ici : aucun fichier de traduction n’en contient, il est donc refusé avant d’occuper la mémoire
exchange-error-segment-too-long = un segment de plus de { $limit } Kio : une unité de traduction contient une phrase ou un paragraphe ; scindez-le ou retirez-le du fichier
exchange-error-nested-too-deep = des éléments en ligne imbriqués sur plus de { $limit } niveaux : aucun document n’en a besoin ; simplifiez la mise en forme de ce segment
