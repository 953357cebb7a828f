package markdown

import (
	"testing"

	"github.com/ladderlint/ladderlint/lint/source"
)

func TestFrontMatter(t *testing.T) {
	for _, tc := range []struct {
		name, page, yaml string
		headings         int
	}{
		{"plain", "---\ntitle: Engineer\n---\n\n# Engineer\n", "title: Engineer\n", 1},
		{"crlf and bom", "\xef\xbb\xbf---\r\ntitle: x\r\nlevels: 2\r\n---\r\n## Level 1\r\n", "title: x\r\nlevels: 2\r\n", 1},
		{"dots close", "---\na: 1\n...\ntext\n", "a: 1\n", 0},
		// Without a closing fence there is no front matter: a thematic break and a setext heading.
		{"unclosed", "---\ntitle: x\n", "", 0},
		{"not at top", "\n---\na: 1\n---\n", "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := Parse(source.NewFile("p.md", []byte(tc.page)), DefaultLimits)
			got := ""
			if p.FrontMatter != nil {
				got = string(p.FrontMatter.Text)
				if string(p.File.Data[p.FrontMatter.Start:p.FrontMatter.Start+len(p.FrontMatter.Text)]) != got {
					t.Errorf("Start %d does not index the page", p.FrontMatter.Start)
				}
				if l := p.File.Pos(p.FrontMatter.Start).Line; l != p.FrontMatter.StartLine {
					t.Errorf("StartLine %d, the page says %d", p.FrontMatter.StartLine, l)
				}
			}
			if got != tc.yaml {
				t.Errorf("front matter %q, want %q", got, tc.yaml)
			}
			if len(p.Sections) != tc.headings {
				t.Errorf("%d headings, want %d (the closing fence must not make a setext heading)", len(p.Sections), tc.headings)
			}
		})
	}
}
