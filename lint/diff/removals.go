package diff

import (
	"github.com/ladderlint/ladderlint/lint/check"
)

// PageChange compares one page with its base version for the rules that
// guard against removals (ladder-removed, level-removed): the ladders of
// base that head does not have, and the levels gone from the ladders it
// kept. head is nil when the page is gone; renamedTo is its new path when
// git saw it move (head is then that page, if linted).
func PageChange(rev string, base, head *Page, renamedTo string, opt Options) *check.PageChange {
	ch := &check.PageChange{Rev: rev, OldFile: base.File, Gone: head == nil || renamedTo != "", RenamedTo: renamedTo}
	heads := []Page{}
	if head != nil {
		ch.File = head.File
		heads = append(heads, *head)
		if head.Path != base.Path {
			opt.Renames = map[string]string{base.Path: head.Path}
		}
	}
	r := Pages([]Page{*base}, heads, opt)
	for _, l := range r.Ladders {
		switch l.Change {
		case Removed:
			ch.Ladders = append(ch.Ladders, check.RemovedLadder{Name: l.Name, OldSpan: l.oldSpan, Levels: l.LevelCodes})
		case Changed:
			kept := map[string]bool{}
			for _, hl := range head.Ladders { // a changed ladder has a head page
				if hl.Span == l.span {
					for _, lv := range hl.Levels {
						kept[levelKey(lv)] = true
					}
				}
			}
			for _, lv := range l.Levels {
				old := lv.OldCode
				if old == "" {
					old = lv.OldLabel
				}
				if lv.Change == Removed || lv.Change == Renamed && !kept[old] {
					ch.Levels = append(ch.Levels, check.RemovedLevel{Ladder: l.Name, Code: lv.OldCode, Label: lv.OldLabel,
						Span: l.span, OldSpan: lv.oldSpan})
				}
			}
		}
	}
	return ch
}
