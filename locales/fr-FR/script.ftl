# Scripts de l’orateur (tribune script) : libellés imprimés dans le script, dans la langue de
# lecture de chaque colonne (indications, mentions) ou dans la langue de l’interface (pages, minutage).

## Indications scéniques ($seconds vaut 0 quand la mention ne donne pas de durée)
script-cue-silence = { $seconds ->
    [60] Minute de silence
   *[other] Silence
  }
script-cue-applause = Applaudissements
script-cue-laughter = Rires
script-cue-slide = Diapositive
script-cue-media = Vidéo ou musique
script-cue-pause = Pause
script-cue-stop = Arrêt
script-cue-delivery = Mention
script-cue-language = Changement de langue
script-cue-language-to = Poursuivre en { $language }
script-cue-gesture = Geste
script-cue-note = Note
# Une indication et sa durée : « Minute de silence — 1 min ».
script-cue-timed = { $label } — { $duration }
# Une durée ($clock au format M:SS ; $minutes et $seconds ses composantes).
script-duration = { $minutes ->
    [0] { $seconds } s
   *[other] { $seconds ->
        [0] { $minutes } min
       *[other] { $minutes } min { $seconds } s
    }
  }

## Mentions de lecture, dans l’en-tête de chaque langue
script-note-check = Seul le prononcé fait foi
script-note-verbatim = À lire tel quel

## En-tête
script-place-date = { $place }, { $date }
script-column-deliver = à lire
script-column-reference = pour mémoire
script-speech-in = Discours en { $language }

## Minutage et pages, dans la langue de l’interface
script-page = page { $page } sur { $pages }
script-time-mark = { $elapsed } · reste { $left }
script-end = Fin du discours · { $total }
script-total = Durée estimée : { $total }
script-total-language = { $language } : { $words ->
    [one] { $words } mot
   *[other] { $words } mots
  } à { $rate } mots/min, { $time }
script-total-directions = { $count ->
    [one] une indication minutée
   *[other] { $count } indications minutées
  }, { $time }
script-target-over = Dépasse la durée prévue de { $target } de { $over }
script-target-within = Dans la durée prévue de { $target } (marge de { $left })
script-warning-over-target = la durée estimée, { $total }, dépasse la durée prévue de { $target } de { $over }

## Ligne de commande
script-written = Script écrit dans { $file }
error-script-same-language = les deux discours sont en { $lang } : donnez un discours par langue
error-script-deliver-missing = l’orateur ne peut pas lire en { $lang } : le script est en { $languages }
error-script-columns-mismatch = --columns { $columns } ne cite pas une fois chaque langue du script : le script est en { $languages } (par exemple --columns fr,en)
error-script-browser-missing = aucun navigateur Chromium pour imprimer le PDF : installez-le (Debian : apt-get install chromium), indiquez son chemin dans TRIBUNE_BROWSER ou choisissez --format html
error-script-browser-failed = Chromium n’a pas pu imprimer le PDF ({ $status }) : { $detail }
error-script-interrupted = l’impression du PDF a été interrompue (signal { $signal }) ; rien n’a été écrit
script-error-unknown-extension = impossible de savoir quel format écrire dans { $file } : Tribune écrit .html, .pdf, .docx, .md et .txt ; nommez le fichier ainsi, ou donnez --format
error-script-browser-timeout = Chromium n’a pas fini d’imprimer le PDF en { $seconds } secondes
error-script-write = impossible d’écrire { $file } : { $reason }
error-script-render = impossible de produire le script : { $reason }

## Aide de tribune script
cli-script-about = Produire le script minuté d’un discours et de sa traduction, prêt à imprimer : HTML, PDF, Word, Markdown ou texte.
cli-script--speech = Le discours, dans la langue donnée en premier (« - » pour l’entrée standard).
cli-script--translation = Sa traduction, présentée en regard (facultatif).
cli-script--layout = columns (langues côte à côte, une ligne par segment), interleaved (chaque paragraphe dans une langue, puis dans l’autre) ou single (la langue lue seule, en gros caractères).
cli-script--deliver = La langue que lit l’orateur (en, fr…), ou « mixed » pour changer de langue là où le discours dit « [En français] ». Par défaut : la clé deliver: de l’en-tête, sinon la langue du premier discours.
cli-script--format = html, pdf (imprimé par Chromium sans interface), docx, md ou txt. Par défaut : d’après le nom du fichier -o, sinon html.
cli-script--output = Fichier de sortie (« - » pour la sortie standard). Par défaut : la sortie standard pour html, md et txt ; NOM.pdf ou NOM.docx dans le répertoire courant.
cli-script--rates = Débit en mots par minute, pour toutes les langues (120) ou pour une seule (fr=140). Peut être répété.
cli-script--pace = Débits par défaut : normal, ou le débit plus lent adapté à l’interprétation.
cli-script--target = Le temps de parole prévu (MM:SS) ; le script et un avertissement signalent tout dépassement. Par défaut : la clé target: de l’en-tête.
cli-script--paper = Format du papier : a4 ou letter.
cli-script--font-size = Corps du texte en points (16 par défaut ; 18 en alternance ; 20 en langue seule).
cli-script--note = Mention d’en-tête : check (« Seul le prononcé fait foi », par défaut), verbatim (« À lire tel quel ») ou none (par défaut pour un article).
cli-script--density = Densité des pages : compact (espacement serré ; une rangée peut se poursuivre sur la page suivante entre deux phrases, avec la mention « (suite) »), normal (rangées entières, pages remplies aux deux tiers au moins) ou spacious (plus d’espace entre les lignes et les rangées).
cli-script--columns = Les langues des colonnes de gauche à droite, par exemple fr,en. Par défaut : la langue lue à voix haute à gauche (avec --deliver fr, le français d’abord), sinon l’ordre des fichiers.
script-continued = (suite)
