package check

import (
	"fmt"
	"strings"

	"github.com/xeipuuv/gojsonschema"

	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
)

// MissingCategory reports a level with no cell for one of the ladder's
// categories (for example only a full-width row), and a ladder that lacks a
// category the configuration requires (`categories.required`, checked by the
// compiled schema).
type MissingCategory struct{}

func (MissingCategory) ID() string                { return "missing-category" }
func (MissingCategory) Default() finding.Severity { return finding.Error }
func (MissingCategory) Summary() string {
	return "a level has no cell for a category, or a required category is missing"
}
func (MissingCategory) Help() string {
	return "Every level should say what it expects in every category, so that levels can be compared side by side. " +
		"A row that spans all columns is a summary, not a substitute for the per-category cells. " +
		"A category only one level has is usually a renamed one, and is reported on that level; a required category " +
		"the ladder lacks is reported at the header ladderlint did not expect, when there is one."
}

func (MissingCategory) Check(c *Context, l *ladder.Ladder) {
	lone := loneCategories(l)
	for _, lv := range l.Levels {
		if lv.Placeholder {
			continue
		}
		var missing []string
		seen := map[string]bool{} // a name used twice in a table is one finding
		for i, cell := range lv.Cells {
			if cell == nil && i < len(l.Categories) && l.Categories[i].Name != "" && !seen[l.Categories[i].Name] {
				seen[l.Categories[i].Name] = true
				if lone[i] == nil {
					missing = append(missing, l.Categories[i].Name)
				}
			}
		}
		// A category only this level has: a renamed one (the other levels'
		// missing cells are blamed here, on the level that differs).
		for i, cell := range lv.Cells {
			if cell == nil || lone[i] != lv {
				continue
			}
			name := l.Categories[i].Name
			if len(missing) > 0 {
				c.Report(cell.Span, lv, name, fmt.Sprintf("level %q has a %q category where the other levels have %s; rename it, or add %q to every level",
					lv.Label, name, quoteList(missing), name))
				missing = nil
				continue
			}
			c.Report(cell.Span, lv, name, fmt.Sprintf("only level %q has a %q category; add it to the other levels or remove it", lv.Label, name))
		}
		switch {
		case len(missing) == 0:
		case len(missing) == len(l.Categories) && lv.Summary != nil:
			if l.Table == "" {
				// A heading ladder: the level has a paragraph but none of the sections.
				c.Report(lv.Span, lv, "", fmt.Sprintf("level %q has only an introduction and no %s section", lv.Label, quoteList(missing)))
			} else {
				c.Report(lv.Span, lv, "", fmt.Sprintf("level %q has only a full-width row and no cell for %s", lv.Label, quoteList(missing)))
			}
		default:
			for _, m := range missing {
				c.Report(lv.Span, lv, m, fmt.Sprintf("level %q has no %q cell", lv.Label, m))
			}
		}
	}
	requiredCategories(c, l)
}

// loneCategories maps the index of each category that exactly one level
// has, in a heading ladder of three or more written levels, to that level.
// Table columns exist for every row, so only heading ladders have them.
func loneCategories(l *ladder.Ladder) map[int]*ladder.Level {
	if l.Table != "" {
		return nil
	}
	written := 0
	for _, lv := range l.Levels {
		if !lv.Placeholder {
			written++
		}
	}
	if written < 3 {
		return nil
	}
	out := map[int]*ladder.Level{}
	for i := range l.Categories {
		var only *ladder.Level
		n := 0
		for _, lv := range l.Levels {
			if !lv.Placeholder && i < len(lv.Cells) && lv.Cells[i] != nil {
				only = lv
				n++
			}
		}
		if n == 1 {
			out[i] = only
		}
	}
	return out
}

// schemas is the rule's part of the effective schema: the ladder has every
// category the configuration requires (categories.required).
func (MissingCategory) schemas(cfg *config.Config) ([]*gojsonschema.Schema, error) {
	if len(cfg.Categories.Required) == 0 {
		return nil, nil
	}
	s, err := compileConfigPart(cfg, map[string]any{"category_set": map[string]any{"required": cfg.Categories.Required}})
	return []*gojsonschema.Schema{s}, err
}

// requiredCategories reports the categories the configuration requires
// (compiled into the schema's category_set) that the ladder lacks. When the
// ladder has categories the configuration does not name, the finding points
// at the first of them: most often the required one, renamed.
func requiredCategories(c *Context, l *ladder.Ladder) {
	required := map[string]bool{}
	for _, r := range c.checker.cfg.Categories.Required {
		required[strings.ToLower(r)] = true
	}
	var unlisted []ladder.Category
	for _, cat := range l.Categories {
		if !required[strings.ToLower(cat.Name)] {
			unlisted = append(unlisted, cat)
		}
	}
	for _, v := range c.violations() {
		if v.Type() != "required" || last(v.path) != "category_set" {
			continue
		}
		prop := fmt.Sprint(v.Details()["property"])
		msg := fmt.Sprintf("the ladder has no %q category, which %s requires", prop, c.configName())
		if len(unlisted) == 0 {
			root, _ := c.Spans.Lookup("")
			c.Report(root.Span, nil, "", msg)
			continue
		}
		var names []string
		for _, u := range unlisted {
			names = append(names, u.Name)
		}
		verb := "is"
		if len(names) > 1 {
			verb = "are"
		}
		at := unlisted[0]
		if at.Span.End == 0 {
			at.Span = l.Span
		}
		c.Report(at.Span, nil, at.Name, fmt.Sprintf("%s; %s %s here instead (rename it %q, or list it in categories.required)",
			msg, quoteAnd(names), verb, prop))
	}
}

func quoteList(s []string) string { return quoteJoin(s, " or ") }
func quoteAnd(s []string) string  { return quoteJoin(s, " and ") }

func quoteJoin(s []string, lastSep string) string {
	out := ""
	for i, v := range s {
		switch {
		case i == 0:
		case i == len(s)-1:
			out += lastSep
		default:
			out += ", "
		}
		out += fmt.Sprintf("%q", v)
	}
	return out
}
