package check

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/ladderlint/ladderlint/lint/finding"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// DuplicateText reports a behaviour written twice in one level, and (one
// severity lower) a behaviour copied verbatim into another level.
type DuplicateText struct{}

func (DuplicateText) ID() string                { return "duplicate-text" }
func (DuplicateText) Default() finding.Severity { return finding.Warning }
func (DuplicateText) Summary() string {
	return "the same behaviour appears twice in a level, or verbatim in another level"
}
func (DuplicateText) Help() string {
	return "A behaviour listed twice in one level is usually a copy-paste slip. The same sentence in two levels " +
		"does not tell people what changes between them; say how the expectation grows."
}

// minCopyWords is the shortest behaviour worth reporting across levels.
const minCopyWords = 5

func (DuplicateText) Check(c *Context, l *ladder.Ladder) {
	type seenAt struct {
		level *ladder.Level
		item  markdown.Text
	}
	across := map[string]seenAt{}
	soft := c.checker.severity(DuplicateText{}) - 1
	for _, lv := range l.Levels {
		within := map[string]markdown.Text{}
		reported := map[string]bool{} // one finding per repeated text and level
		for _, cell := range lv.Cells {
			if cell == nil || cell.Shared {
				continue
			}
			for _, it := range cell.Items {
				key := normalize(it.Value)
				if key == "" {
					continue
				}
				if first, ok := within[key]; ok {
					if reported[key] {
						continue
					}
					reported[key] = true
					f := c.Report(it.Span, lv, cell.Category, fmt.Sprintf("level %q says %q twice (first %s)", lv.Label, clip(it.Value), c.where(lv, lv, first.Span)))
					c.RelateLevel(f, lv, first.Span, "first written here")
					continue
				}
				within[key] = it
				if lv.Placeholder || ladder.Words(key) < minCopyWords || soft < finding.Info {
					continue
				}
				if prev, ok := across[key]; ok && prev.level != lv {
					f := c.ReportSeverity(soft, it.Span, lv, cell.Category, fmt.Sprintf("level %q repeats %q word for word from level %q (%s)", lv.Label, clip(it.Value), prev.level.Label, c.where(lv, prev.level, prev.item.Span)))
					c.RelateLevel(f, prev.level, prev.item.Span, "written here first")
					continue
				}
				across[key] = seenAt{lv, it}
			}
		}
	}
}

// where says where span of level other is, seen from level lv: "on line
// 12", or "on line 12 of path" when the two levels are in different pages.
func (c *Context) where(lv, other *ladder.Level, span source.Span) string {
	f := c.fileOf(other)
	at := fmt.Sprintf("on line %d", f.SpanRange(span).Start.Line)
	if f.Path != c.fileOf(lv).Path {
		at += " of " + f.Path
	}
	return at
}

// normalize lowercases s, collapses its white space and drops punctuation
// at its ends: strings.Trim(strings.ToLower(strings.Join(strings.Fields(s),
// " ")), normalizeTrim), in one pass and one copy when s is ASCII (most
// behaviours; every behaviour of every ladder goes through here).
func normalize(s string) string {
	b := make([]byte, 0, len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= utf8.RuneSelf:
			return strings.Trim(strings.ToLower(strings.Join(strings.Fields(s), " ")), normalizeTrim)
		case c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r':
			space = len(b) > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			b = append(b, ' ')
			space = false
		}
		b = append(b, c)
	}
	return strings.Trim(string(b), normalizeTrim)
}

const normalizeTrim = " .,;:!-–—•*"

// clip shortens text for a one-line message.
func clip(s string) string {
	r := []rune(s)
	if len(r) > 60 {
		return string(r[:57]) + "..."
	}
	return s
}
