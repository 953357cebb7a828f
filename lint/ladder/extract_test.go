package ladder_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/internal/golden"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

// TestExtractGoldens dumps every ladder of testdata/extract/<case>.md with
// the source text under each span, so a wrong position shows as wrong text.
// UPDATE_GOLDEN=1 rewrites the .out files.
func TestExtractGoldens(t *testing.T) {
	cases, _ := filepath.Glob("../../testdata/extract/*.md")
	if len(cases) == 0 {
		t.Fatal("no cases")
	}
	for _, md := range cases {
		t.Run(filepath.Base(md), func(t *testing.T) {
			data, err := os.ReadFile(md)
			if err != nil {
				t.Fatal(err)
			}
			got := dump(source.NewFile(filepath.Base(md), data))
			golden.Check(t, strings.TrimSuffix(md, ".md")+".out", got)
		})
	}
}

func dump(f *source.File) string {
	m := ladder.NewDefaultMatcher()
	return dumpWith(f, m)
}

// dumpWith is dump with the level matcher m.
func dumpWith(f *source.File, m *ladder.Matcher) string {
	page := markdown.Parse(f, markdown.DefaultLimits)
	ladders := ladder.Extract(page, ladder.Options{Levels: m, Placeholders: ladder.DefaultPlaceholders})
	var b bytes.Buffer
	at := func(s source.Span) string {
		r := f.SpanRange(s)
		text := string(f.Data[s.Start:s.End])
		if len(text) > 50 {
			text = text[:25] + "…" + text[len(text)-20:]
		}
		return fmt.Sprintf("%d:%d-%d:%d %q", r.Start.Line, r.Start.Column, r.End.Line, r.End.Column, text)
	}
	fmt.Fprintf(&b, "%d ladder(s)\n", len(ladders))
	for _, l := range ladders {
		fmt.Fprintf(&b, "ladder %q %s %s\n", l.Name, l.Format, l.Table)
		for _, c := range l.Categories {
			fmt.Fprintf(&b, "  category %q at %s\n", c.Name, at(c.Span))
		}
		for _, p := range l.Problems {
			fmt.Fprintf(&b, "  problem %q at %s\n", p.Message, at(p.Span))
		}
		for _, lv := range l.Levels {
			fmt.Fprintf(&b, "  level %s %q placeholder=%v at %s\n", lv.Code, lv.Label, lv.Placeholder, at(lv.Span))
			if lv.ID.Value != "" || lv.Href.Value != "" {
				fmt.Fprintf(&b, "    anchor id=%q href=%q\n", lv.ID.Value, lv.Href.Value)
			}
			if lv.Summary != nil {
				fmt.Fprintf(&b, "    summary %q\n", lv.Summary.Text)
			}
			for i, c := range lv.Cells {
				if c == nil {
					fmt.Fprintf(&b, "    %q missing\n", l.Categories[i].Name)
					continue
				}
				fmt.Fprintf(&b, "    %q at %s empty=%v\n", c.Category, at(c.Span), c.Empty())
				for _, it := range c.Items {
					fmt.Fprintf(&b, "      - %q at %s\n", it.Value, at(it.Span))
				}
			}
		}
	}
	return b.String()
}

// TestExtractLeavesPageAlone: the ladder stage reads the markdown stage's
// page and does not change it; shape problems it finds (a level pushed out
// of its column, two levels in one row) belong to the ladder.
func TestExtractLeavesPageAlone(t *testing.T) {
	for _, name := range []string{"html-captioned-levels.md", "bare-levels-under-caption.md"} {
		data, err := os.ReadFile("../../testdata/extract/" + name)
		if err != nil {
			t.Fatal(err)
		}
		page := markdown.Parse(source.NewFile(name, data), markdown.DefaultLimits)
		before := 0
		for _, tb := range page.Tables {
			before += len(tb.Problems)
		}
		ladders := ladder.Extract(page, ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders})
		after, own := 0, 0
		for _, tb := range page.Tables {
			after += len(tb.Problems)
		}
		for _, l := range ladders {
			own += len(l.Problems)
		}
		if after != before || own <= before {
			t.Errorf("%s: table problems %d before extraction, %d after; ladders hold %d", name, before, after, own)
		}
	}
}
