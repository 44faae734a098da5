# Textes d’aide de la ligne de commande. Identifiants : cli-CHEMIN-about pour une commande, cli-CHEMIN--ARG pour un argument.

cli-about = Tribune : préparer des discours multilingues — segmentation, mémoire de traduction, alignement et textes bilingues pour l’orateur.
cli--ui-lang = Langue de l’interface (par défaut : selon LC_ALL, LC_MESSAGES ou LANG ; anglais si elle n’est pas disponible).
cli--color = Quand colorer la sortie : auto (sur un terminal, sauf si NO_COLOR est défini), always (aussi dans un tube, pour less -R) ou never.

cli-segment-about = Découper un discours en segments : phrases, titres, formules d’appel et indications scéniques.
cli-segment--file = Le fichier du discours ; « - » ou rien lit l’entrée standard.
cli-segment--lang = Langue du discours, si ni l’en-tête ni le nom du fichier (NOM.fr.txt) ne l’indiquent.
cli-segment--format = Sortie : lines (un segment par ligne), jsonl (un objet JSON par segment) ou text (une liste lisible).

cli-stats-about = Compter les mots, les segments et les indications scéniques, et estimer la durée de lecture par langue.
cli-stats--files = Fichiers de discours (« - » pour l’entrée standard).
cli-stats--lang = Langue des discours, si ni l’en-tête ni le nom du fichier ne l’indiquent.
cli-stats--format = Sortie : text ou json.
cli-stats--rates = Débit en mots par minute, pour toutes les langues (120) ou pour une seule (fr=140). Peut être répété.
cli-stats--pace = Débits par défaut : lecture normale, ou débit plus lent adapté à l’interprétation.

cli-completions-about = Afficher un script de complétion pour un shell.
cli-completions--shell = Le shell : bash, zsh, fish, powershell ou elvish.

cli-man-about = Afficher une page de manuel (roff), ou les écrire toutes dans un dossier.
cli-man--command = La commande dont afficher la page (translate ; memory-import pour memory import) ; par défaut, la page de tribune.
cli-man--dir = Écrire toutes les pages (tribune.1, tribune-translate.1, tribune-memory-import.1 …) dans ce dossier.
man-error-unknown-command = il n’y a pas de page de manuel pour « { $command } » : nommez une commande comme translate ou memory-import
man-exit-status = CODE DE RETOUR
man-exit-0 = Terminé.
man-exit-1 = Un problème dans les données ou l’environnement ; le message dit où (fichier:ligne:colonne, ou le fichier).
man-exit-2 = Une erreur d’utilisation : option inconnue, argument manquant, valeur inutilisable.
man-exit-3 = tribune check a trouvé des erreurs.
man-exit-70 = Une erreur interne : un défaut de Tribune, signalé par un court message qui demande de le rapporter.
man-environment = ENVIRONNEMENT
man-env-memory = Le fichier de la mémoire de traduction, quand --memory n’est pas donné (par défaut : memory/tribune.sqlite).
man-env-browser = Le Chromium (ou Chrome) qui imprime les scripts PDF, quand il n’est pas dans le PATH.
man-env-no-color = Défini et non vide : pas de couleurs, même sur un terminal.
man-env-lang = La langue de l’interface, des messages et des aides (--ui-lang l’emporte) ; l’anglais quand Tribune ne l’a pas.

cli-diff-about = Comparer deux versions d’un discours : segments conservés, modifiés, ajoutés, supprimés ou déplacés, avec les différences mot à mot.
cli-diff--old = La version précédente.
cli-diff--new = La nouvelle version.
cli-diff--lang = Langue des versions, si ni l’en-tête ni le nom du fichier ne l’indiquent.
cli-diff--format = Sortie : text (une liste lisible), json ou html (une page autonome).
cli-diff--output = Écrire dans ce fichier plutôt que sur la sortie standard.
cli-default-value = [par défaut : { $value }]
