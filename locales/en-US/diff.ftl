# Comparing two drafts (tribune diff).

diff-kept = kept
diff-edited = edited
diff-added = added
diff-removed = removed
diff-moved = moved
diff-summary = { $kept } kept, { $edited } edited, { $added } added, { $removed } removed, { $moved } moved
diff-title = Changes from { $old } to { $new }
diff-header-change = Change
diff-header-old = Old
diff-header-new = New
diff-header-text = Text
