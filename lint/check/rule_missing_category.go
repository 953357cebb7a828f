package check

import (
	"fmt"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// MissingCategory reports a level with no cell for one of the ladder's
// categories (for example only a full-width row), and a ladder that lacks a
// category the configuration requires (`categories.required`, checked by the
// compiled schema).
type MissingCategory struct{}

func (MissingCategory) ID() string        { return "missing-category" }
func (MissingCategory) Default() Severity { return Error }
func (MissingCategory) Summary() string {
	return "a level has no cell for a category, or a required category is missing"
}
func (MissingCategory) Help() string {
	return "Every level should say what it expects in every category, so that levels can be compared side by side. " +
		"A row that spans all columns is a summary, not a substitute for the per-category cells."
}

func (MissingCategory) Check(c *Context, l *ladder.Ladder) {
	for _, lv := range l.Levels {
		if lv.Placeholder {
			continue
		}
		var missing []string
		seen := map[string]bool{} // a name used twice in a table is one finding
		for i, cell := range lv.Cells {
			if cell == nil && i < len(l.Categories) && l.Categories[i].Name != "" && !seen[l.Categories[i].Name] {
				seen[l.Categories[i].Name] = true
				missing = append(missing, l.Categories[i].Name)
			}
		}
		switch {
		case len(missing) == 0:
		case len(missing) == len(l.Categories) && lv.Summary != nil:
			c.Report(lv.Span, lv, "", fmt.Sprintf("level %q has only a full-width row and no cell for %s", lv.Label, quoteList(missing)))
		default:
			for _, m := range missing {
				c.Report(lv.Span, lv, m, fmt.Sprintf("level %q has no %q cell", lv.Label, m))
			}
		}
	}
	c.schemaFindings(c.checker.schemas.config, "category_set")
}

func quoteList(s []string) string {
	out := ""
	for i, v := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += " or "
		default:
			out += ", "
		}
		out += fmt.Sprintf("%q", v)
	}
	return out
}
