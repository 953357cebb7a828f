package markdown

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint/source"
)

// TestSectionBlocks checks that a section keeps its paragraphs and lists in
// document order, with the strong runs goldmark found and their spans.
func TestSectionBlocks(t *testing.T) {
	src := "# Competencies\n\n" +
		"Intro with **bold** words and __more__.\n\n" +
		"A __Junior Developer__ is capable of:\n\n" +
		"- learning\n- **Level 2**: nested\n  - deeper\n\n" +
		"**Senior\nEngineer**\n\n" +
		"1. Associate Engineer\n2. *just italic* and ***both***\n\n" +
		"[**Linked title**](x.md) and `**code**` and **a `span`**\n\n" +
		"## Next\n\nPlain.\n"
	f := source.NewFile("p.md", []byte(src))
	p := Parse(f, DefaultLimits)
	if len(p.Sections) != 2 {
		t.Fatalf("%d sections", len(p.Sections))
	}
	var b strings.Builder
	text := func(s source.Span) string { return string(f.Data[s.Start:s.End]) }
	var items func(its []*ListItem, indent string)
	items = func(its []*ListItem, indent string) {
		for _, it := range its {
			fmt.Fprintf(&b, "%sitem %q", indent, it.Text.Value)
			for _, s := range it.Strong {
				fmt.Fprintf(&b, " strong %q at %q", s.Value, text(s.Span))
			}
			b.WriteByte('\n')
			items(it.Children, indent+"  ")
		}
	}
	for _, s := range p.Sections {
		fmt.Fprintf(&b, "section %q\n", s.Heading.Value)
		for _, bl := range s.Blocks {
			switch bl.Kind {
			case ParagraphBlock:
				fmt.Fprintf(&b, "  paragraph %q at %q\n", bl.Text.Value, text(bl.Span))
				for _, st := range bl.Strong {
					fmt.Fprintf(&b, "    strong %q at %q\n", st.Value, text(st.Span))
				}
			case ListBlock:
				fmt.Fprintf(&b, "  list ordered=%v at %q\n", bl.Ordered, text(bl.Span))
				items(bl.Items, "    ")
			default:
				t.Errorf("block without a kind: %+v", bl)
			}
		}
	}
	want := `section "Competencies"
  paragraph "Intro with bold words and more." at "Intro with **bold** words and __more__."
    strong "bold" at "bold"
    strong "more" at "more"
  paragraph "A Junior Developer is capable of:" at "A __Junior Developer__ is capable of:"
    strong "Junior Developer" at "Junior Developer"
  list ordered=false at "learning\n- **Level 2**: nested\n  - deeper"
    item "learning"
    item "Level 2: nested" strong "Level 2" at "Level 2"
      item "deeper"
  paragraph "Senior Engineer" at "**Senior\nEngineer**"
    strong "Senior Engineer" at "Senior\nEngineer"
  list ordered=true at "Associate Engineer\n2. *just italic* and ***both***"
    item "Associate Engineer"
    item "*just italic* and *both*" strong "both" at "both"
  paragraph "Linked title and code and a span" at "[**Linked title**](x.md) and ` + "`**code**`" + ` and **a ` + "`span`" + `**"
    strong "Linked title" at "Linked title"
    strong "a span" at "a ` + "`span" + `"
section "Next"
  paragraph "Plain." at "Plain."
`
	if got := b.String(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// The old views stay as they were.
	s := p.Sections[0]
	if len(s.Paragraphs) != 4 || len(s.Items) != 4 {
		t.Errorf("%d paragraphs, %d items; want 4 and 4", len(s.Paragraphs), len(s.Items))
	}
	if s.Blocks[1].Items != nil || s.Blocks[2].Items[0] != s.Items[0] {
		t.Error("a list block must share its items with Section.Items")
	}
}

// TestLinkOnlyHeading checks that a heading made of one link is marked as
// navigation and that a heading with a link among words is not.
func TestLinkOnlyHeading(t *testing.T) {
	p := Parse(source.NewFile("p.md", []byte("#### [README](README.md)\n\n## See [the guide](g.md)\n\n## <https://x.y>\n\n## Plain\n")), DefaultLimits)
	var got []bool
	for _, s := range p.Sections {
		got = append(got, s.LinkOnly)
	}
	if fmt.Sprint(got) != "[true false true false]" {
		t.Errorf("LinkOnly = %v, want [true false true false]", got)
	}
}
