# Comparaison de deux versions (tribune diff).

diff-kept = conservé
diff-edited = modifié
diff-added = ajouté
diff-removed = supprimé
diff-moved = déplacé
diff-summary = { $kept } { $kept ->
    [one] conservé
   *[other] conservés
  }, { $edited } { $edited ->
    [one] modifié
   *[other] modifiés
  }, { $added } { $added ->
    [one] ajouté
   *[other] ajoutés
  }, { $removed } { $removed ->
    [one] supprimé
   *[other] supprimés
  }, { $moved } { $moved ->
    [one] déplacé
   *[other] déplacés
  }
diff-title = Modifications de { $old } à { $new }
diff-header-change = Modification
diff-header-old = Avant
diff-header-new = Après
diff-header-text = Texte
