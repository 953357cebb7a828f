package check

import (
	"fmt"
	"strings"

	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/source"
)

// LadderMissing reports a ladder pinned in the configuration (`ladders:`)
// that is not on its page, or is there without some of its pinned levels or
// categories, and a pin whose file matches no page.
type LadderMissing struct{}

func (LadderMissing) AboutMissing()             {}
func (LadderMissing) ID() string                { return "ladder-missing" }
func (LadderMissing) Default() finding.Severity { return finding.Error }
func (LadderMissing) Summary() string {
	return "a ladder pinned in the configuration (ladders:) is missing, or lacks pinned levels or categories"
}
func (LadderMissing) Help() string {
	return "Pin the ladders your handbook must hold under `ladders:` in .ladderlint.yml (`ladderlint init` writes the list). " +
		"When a pinned ladder is no longer recognised, its table or headings were usually broken by an edit: a deleted <table> tag, " +
		"a level label mistyped (lC3 for IC3), a header row lost. Fix the page, or update the pin if the ladder changed on purpose."
}

func (LadderMissing) CheckPage(c *PageContext) {
	for _, i := range c.checker.cfg.Pins(c.Rel) {
		pin := c.checker.cfg.Ladders[i]
		l := pinned(pin, c.Ladders)
		if l == nil {
			span, hint := c.brokenHint()
			c.Report(span, pin.Name, fmt.Sprintf("%s should hold %s; %s", c.File.Path, pinWhat(pin.Name, pin.Levels), hint))
			continue
		}
		have := map[string]bool{}
		for _, lv := range l.Levels {
			have[strings.ToLower(lv.Code)] = true
			have[strings.ToLower(lv.Label)] = true
		}
		var levels []string
		for _, code := range pin.Levels {
			if !have[strings.ToLower(code)] {
				levels = append(levels, code)
			}
		}
		cats := map[string]bool{}
		for _, cat := range l.Categories {
			cats[strings.ToLower(strings.TrimSpace(cat.Name))] = true
		}
		var categories []string
		for _, cat := range pin.Categories {
			if !cats[strings.ToLower(strings.TrimSpace(cat))] {
				categories = append(categories, cat)
			}
		}
		var missing []string
		if len(levels) > 0 {
			missing = append(missing, "level "+andList(levels))
			if len(levels) > 1 {
				missing[len(missing)-1] = "levels " + andList(levels)
			}
		}
		if len(categories) > 0 {
			missing = append(missing, "category "+andList(categories))
			if len(categories) > 1 {
				missing[len(missing)-1] = "categories " + andList(categories)
			}
		}
		if len(missing) > 0 {
			c.Report(l.Span, l.Name, fmt.Sprintf("the ladder %q lacks the pinned %s: was a row or column broken or removed?",
				l.Name, strings.Join(missing, " and the ")))
		}
	}
}

// pinned finds the ladder a pin names: by name (with at least one pinned
// level, when levels are pinned), else the ladder sharing most pinned levels.
func pinned(pin config.Pin, ladders []*ladder.Ladder) *ladder.Ladder {
	shared := func(l *ladder.Ladder) int {
		n := 0
		for _, code := range pin.Levels {
			for _, lv := range l.Levels {
				if strings.EqualFold(lv.Code, code) || strings.EqualFold(lv.Label, code) {
					n++
					break
				}
			}
		}
		return n
	}
	var best *ladder.Ladder
	bestN := 0
	for _, l := range ladders {
		n := shared(l)
		if pin.Name != "" && strings.EqualFold(strings.TrimSpace(l.Name), strings.TrimSpace(pin.Name)) && (n > 0 || len(pin.Levels) == 0) {
			return l
		}
		if n > bestN {
			best, bestN = l, n
		}
	}
	if pin.Name == "" && len(pin.Levels) == 0 && len(ladders) > 0 {
		return ladders[0]
	}
	return best
}

// brokenHint says, from what the parser found on the page, where the ladder
// may have broken, and where to point the finding.
func (c *PageContext) brokenHint() (source.Span, string) {
	if len(c.Ladders) > 0 {
		names := make([]string, 0, len(c.Ladders))
		for _, l := range c.Ladders {
			names = append(names, fmt.Sprintf("%q", l.Name))
		}
		return c.Ladders[0].Span, "the ladders recognised on the page (" + strings.Join(names, ", ") + ") do not have its levels"
	}
	if c.Page != nil && len(c.Page.Tables) > 0 {
		t := c.Page.Tables[0]
		line := c.File.Pos(t.Span.Start).Line
		return t.Span, fmt.Sprintf("no ladder was recognised on the page: the table at line %d may be broken (a deleted tag, or level labels that no longer read as levels)", line)
	}
	return source.Span{}, "no ladder was recognised on the page, and it has no table: a deleted <table> tag or broken level headings would do this"
}

// pinWhat is "the ladder "Levels" with IC1..IC7".
func pinWhat(name string, levels []string) string {
	s := "a ladder"
	if name != "" {
		s = fmt.Sprintf("the ladder %q", name)
	}
	switch {
	case len(levels) > 3:
		s += " with " + levels[0] + ".." + levels[len(levels)-1]
	case len(levels) > 0:
		s += " with " + strings.Join(levels, ", ")
	}
	return s
}

func quote(s string) string { return fmt.Sprintf("%q", s) }

func fmtKey(prefix string, i int) string { return fmt.Sprintf("%s.%d", prefix, i) }

// andList is "\"IC6\" and \"IC7\"".
func andList(s []string) string {
	q := make([]string, len(s))
	for i, v := range s {
		q[i] = fmt.Sprintf("%q", v)
	}
	if len(q) <= 1 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
