package check

import (
	"sort"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
	"github.com/ladderlint/ladderlint/lint/suppress"
)

// PageRule is a rule that looks at a whole page: what ladders it should
// hold and does not. Its per-ladder Check does nothing.
type PageRule interface {
	Rule
	CheckPage(c *PageContext)
}

// AboutMissing marks the rules whose findings are about a ladder or level
// that is not there (missing from its page, removed by the change): no
// changed line can touch what is gone, so -changed-since always reports them.
type AboutMissing interface{ AboutMissing() }

// PageContext is what a PageRule sees of one page.
type PageContext struct {
	File *source.File
	Page *markdown.Page
	// Rel is the page's path relative to the lint root, slash-separated
	// (what configuration globs match).
	Rel     string
	Ladders []*ladder.Ladder
	Config  configView
	checker *Checker
	rule    Rule
	out     *[]finding.Finding
}

// configView is the part of the configuration page rules read.
type configView struct {
	Path  string
	Lines map[string]int
	// RequireReason is suppressions.require-reason.
	RequireReason bool
}

func (c *Checker) pageContext(f *source.File, page *markdown.Page, rel string, ladders []*ladder.Ladder, r Rule, out *[]finding.Finding) *PageContext {
	return &PageContext{File: f, Page: page, Rel: rel, Ladders: ladders, checker: c, rule: r, out: out,
		Config: configView{Path: c.cfg.Path, Lines: c.cfg.Lines, RequireReason: c.cfg.Suppressions.RequireReason}}
}

// Report adds a finding of the current rule at span of the page.
func (c *PageContext) Report(span source.Span, ladderName, msg string) {
	*c.out = append(*c.out, finding.Finding{Rule: c.rule.ID(), Severity: c.checker.severity(c.rule), File: c.File.Path,
		Range: c.File.SpanRange(span), Message: msg, Ladder: ladderName})
}

// NeedsPage reports whether a page rule has something to check on the page
// at rel even when it holds no ladder (a pinned page): such a page is
// parsed although the pre-scan would skip it.
func (c *Checker) NeedsPage(rel string) bool {
	return !c.off[LadderMissing{}.ID()] && len(c.cfg.Pins(rel)) > 0
}

// RunPage runs the page rules on one page and returns the findings sorted.
func (c *Checker) RunPage(f *source.File, page *markdown.Page, rel string, ladders []*ladder.Ladder) []finding.Finding {
	var out []finding.Finding
	for _, r := range Rules {
		pr, ok := r.(PageRule)
		if !ok || c.off[r.ID()] {
			continue
		}
		pr.CheckPage(c.pageContext(f, page, rel, ladders, r, &out))
	}
	sort.SliceStable(out, func(i, j int) bool { return finding.Less(&out[i], &out[j]) })
	return out
}

// DirectiveRule is a rule about a page's suppression comments, run after
// the suppression stage on what it recorded; kept are the findings the
// comments left.
type DirectiveRule interface {
	Rule
	CheckDirectives(c *PageContext, ds []*suppress.Directive, kept []finding.Finding)
}

// CheckDirectives runs the directive rules over what the suppression stage
// recorded of page and adds their findings to kept (then sorted).
func (c *Checker) CheckDirectives(page *markdown.Page, ds []*suppress.Directive, kept []finding.Finding) []finding.Finding {
	if len(ds) == 0 {
		return kept
	}
	var out []finding.Finding
	for _, r := range Rules {
		if dr, ok := r.(DirectiveRule); ok && !c.off[r.ID()] {
			dr.CheckDirectives(c.pageContext(page.File, page, "", nil, r, &out), ds, kept)
		}
	}
	kept = append(kept, out...)
	sort.SliceStable(kept, func(i, j int) bool { return finding.Less(&kept[i], &kept[j]) })
	return kept
}

// Unmatched reports the pinned ladders whose file glob matched none of the
// pages linted (rel paths relative to the lint root): a finding at the pin
// in the configuration file, since there is no page to point at.
func (c *Checker) Unmatched(rels []string) []finding.Finding {
	if c.off[LadderMissing{}.ID()] || c.cfg.Path == "" {
		return nil
	}
	matched := make([]bool, len(c.cfg.Ladders))
	for _, rel := range rels {
		for _, i := range c.cfg.Pins(rel) {
			matched[i] = true
		}
	}
	var out []finding.Finding
	for i, p := range c.cfg.Ladders {
		if matched[i] {
			continue
		}
		line := c.cfg.Lines[fmtKey("ladders", i)]
		pos := source.Pos{Line: max(line, 1), Column: 1}
		out = append(out, finding.Finding{Rule: LadderMissing{}.ID(), Severity: c.severity(LadderMissing{}), File: c.cfg.Path,
			Range: source.Range{Start: pos, End: pos}, Ladder: p.Name,
			Message: "no page matches " + quote(p.File) + ", which should hold " + pinWhat(p.Name, p.Levels) + "; was the page moved or deleted?"})
	}
	return out
}
