# Messages, libellés et erreurs de la ligne de commande.

error-prefix = erreur
error-hint-prefix = conseil
warning-prefix = avertissement

## Lecture des fichiers
error-file-not-found = impossible d’ouvrir { $file } : fichier introuvable
error-file-permission = impossible d’ouvrir { $file } : accès refusé
error-file-io = impossible de lire { $file } : { $reason }
error-invalid-utf8 = le texte n’est pas en UTF-8 valide (premier octet erroné à la position { $offset }) ; enregistrez le fichier en UTF-8
error-control-character = le caractère de contrôle { $code } n’est pas du texte : supprimez-le (une tabulation verticale ou un saut de page est lu comme un saut de ligne, une tabulation est gardée)
error-binary-file = ce fichier est binaire (octet NUL à la position { $offset }), ce n’est pas un discours en texte brut
error-file-too-large = le fichier fait { $size } Mo, plus que les { $limit } Mo que Tribune accepte ; s’agit-il vraiment d’un discours ?
size-megabytes = { $size } Mo
size-kilobytes = { $size } ko
error-output = impossible d’écrire le résultat : { $reason }

## Discours
error-speech-empty = le discours est vide : au moins une ligne de texte est attendue
error-unclosed-bracket = « [ » n’est pas fermé : « ] » est attendu avant la fin de la ligne (une indication scénique s’écrit [Pause])
error-pronunciation-mark = une indication de prononciation s’écrit juste après le nom qu’elle concerne, avec la prononciation, sur une seule ligne : Annadif{"{"}pron=a-na-DIF{"}"}
error-front-matter-unclosed = l’en-tête qui commence ici n’est pas fermé : une ligne « --- » est attendue après sa dernière clé
error-front-matter-syntax = « clé : valeur » est attendu dans l’en-tête
error-front-matter-unknown-key = clé d’en-tête inconnue « { $key } » : title, speaker, event, place, date, language, target ou deliver sont attendus
error-front-matter-duplicate-key = la clé d’en-tête « { $key } » figure deux fois
error-bad-language = « { $value } » n’est pas une étiquette de langue : en, fr ou fr-CA par exemple
error-bad-duration = « { $value } » n’est pas une durée : minutes et secondes attendues, par exemple 12:30
error-bad-kind = « { $value } » n’est pas un type de document : remarks, statement, message ou story attendu
error-bad-delivery = « { $value } » n’est pas une langue de lecture : une étiquette de langue (en, fr…) ou « mixed » est attendue
error-unknown-language = impossible de déterminer la langue du discours : ajoutez --lang, une ligne « language: » dans l’en-tête, ou nommez le fichier NOM.fr.txt
error-speech-too-large = le discours ne tient pas en mémoire : le garder jusqu’à cette ligne demande plus de { $needed } Mio, et ce processus peut encore en utiliser { $available } ; scindez le fichier (un discours de lignes courtes coûte le plus), ou relevez la limite
warning-language-mismatch = { $file } est pris pour un texte en « { $declared } » (son en-tête, son nom de fichier ou --lang), mais son texte se lit comme du « { $found } » : indiquez sa langue par language: dans l’en-tête ou par --lang
warning-set-apart = { $file } : { $lines ->
    [one] une ligne
   *[other] { $lines } lignes
  } de la page web d’où il a été copié { $lines ->
    [one] laissée
   *[other] laissées
  } hors du discours ({ $captions ->
    [0] texte du site et signatures
    [one] une légende de photo, le reste texte du site et signatures
   *[other] { $captions } légendes de photo, le reste texte du site et signatures
  }) : jamais lues, minutées, alignées ni mémorisées
warning-generic-profile = Tribune n’a pas de règles pour la langue « { $lang } » : des règles de segmentation génériques et 130 mots par minute sont utilisés

## Types de segments
kind-heading = titre
kind-dateline = lieu et date
kind-salutation = formule d’appel
kind-sentence = phrase
kind-direction = indication
kind-web-text = texte de la page web
kind-caption = légende de photo

## Types d’indications scéniques
direction-silence = silence
direction-applause = applaudissements
direction-laughter = rires
direction-slide = diapositive
direction-media = vidéo ou musique
direction-pause = pause
direction-stop = arrêt
direction-delivery = mention de prononcé
direction-language = changement de langue
direction-gesture = geste
direction-note = note

## Statistiques
stats-file = { $file } ({ $lang })
stats-words = Mots : { $words } ({ $spoken } prononcés)
stats-segments = Segments : { $segments }, dont { $directions } { $directions ->
    [one] indication scénique
   *[other] indications scéniques
  } ({ $timed } minutées, { $time })
stats-language = Durée de lecture en { $lang } : { $words } { $words ->
    [one] mot
   *[other] mots
  } à { $rate } mots/min, { $time }
stats-story = Un article, pas une allocution ({ $how ->
    [guessed] d’après ses citations rapportées ; indiquez kind: remarks dans l’en-tête si ce n’en est pas un
   *[other] son en-tête le dit
  }) : ces durées sont des temps de lecture, pour un texte lu et non prononcé.
stats-total = Durée totale estimée : { $time }
stats-target-over = Dépasse la durée prévue de { $target } de { $over }
stats-target-within = Dans la durée prévue de { $target } (marge de { $left })
error-output-is-input = { $output } est aussi une entrée de cette commande ({ $input }) : l’écrire détruirait ce que la commande lit ; choisissez un autre fichier de sortie
error-output-file = impossible d’écrire { $file } : { $reason }
error-internal = erreur interne : c’est un défaut de Tribune { $version }, pas un problème de vos fichiers. Merci de le signaler avec la commande lancée et ce détail : { $detail }
value-error-confidence = « { $value } » n’est pas une confiance : attendu un nombre de 0 à 1
value-error-language-pair = « { $value } » n’est pas une paire de langues : attendu deux étiquettes de langue comme en:fr
value-error-threshold = « { $value } » n’est pas un seuil de correspondance : attendu un pourcentage de 1 à 100
value-error-delivery = « { $value } » n’est ni une étiquette de langue (en, fr, fr-CA) ni « mixed »
value-error-duration = « { $value } » n’est pas une durée : attendu des minutes et des secondes comme 6:30
value-error-font-size = « { $value } » n’est pas une taille de caractères : attendu de 8 à 72 points
value-error-language = « { $value } » n’est pas une étiquette de langue : attendu par exemple en ou fr-FR
value-error-rate = « { $value } » n’est pas un débit de parole : attendu des mots par minute, de 30 à 400
