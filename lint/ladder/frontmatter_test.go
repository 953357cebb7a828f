package ladder

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/lint/markdown"
	"github.com/ladderlint/ladderlint/lint/source"
)

func TestYAMLOffset(t *testing.T) {
	tests := []struct {
		name, text   string
		line, column int
		want         int
	}{
		{"first byte", "a: b\n", 1, 1, 0},
		{"second line", "a: b\nc: d\n", 2, 4, 8},
		{"crlf", "a: b\r\nc: d\r\n", 2, 1, 6},
		{"lone cr", "a: b\rc: d", 2, 4, 8},
		{"nel ends a line", "a: b\u0085c: d", 2, 1, 6},
		{"ls ends a line", "a: b\u2028c: d", 2, 4, 10},
		{"columns count code points", "é: \"ü\"\n", 1, 4, 4},
		{"emoji", "t: \"👩‍💼 x\"\n", 1, 4, 3},
		{"tab is one column", "-\t\"x\"\n", 1, 3, 2},
		{"column past the line stops at its end", "ab\ncd\n", 1, 9, 3},
		{"line past the end", "ab\n", 5, 1, 3},
		{"line zero", "ab\n", 0, 1, 0},
		{"invalid utf-8 counts one a byte", "\xff\xfeab", 1, 3, 2},
		{"empty", "", 1, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := []byte(tt.text)
			if got := yamlOffset(text, yamlLineStarts(text), tt.line, tt.column); got != tt.want {
				t.Errorf("yamlOffset(%q, %d, %d) = %d, want %d", tt.text, tt.line, tt.column, got, tt.want)
			}
		})
	}
}

// TestYAMLSpansMatchParser parses YAML with every scalar style and line
// break, and checks that the span computed for each scalar node holds
// exactly that scalar: parsed again on its own, the span's text gives the
// node's value back.
func TestYAMLSpansMatchParser(t *testing.T) {
	docs := []string{
		"title: \"🛠️ Backend\"\nlevels: 6\ntopics:\n  - name: \"communication\"\n    title:\n    content:\n      - level: 1\n        criteria:\n          - \"Says \\\"hi\\\" — often\"\n          - 'It''s fine'\n          - plain text, with a comma # comment\n",
		"a:\r\n  - \"x\"\r\n  - y  \r\n",
		"a: [\"x, y\", plain, 'q']\nb: {level: 2, criteria: [one]}\n",
		"a:\u0085  - \"after nel\"\u2028b: ünïcödé\n",
		"a: \"multi\n  line\"\nb: 'x\n\n  y'\n",
		"é: ü\n\"k: ey\": v\n",
	}
	for i, d := range docs {
		text := []byte(d)
		var doc yaml.Node
		if err := yaml.Unmarshal(text, &doc); err != nil {
			t.Logf("doc %d does not parse (%v): skipped", i, err)
			continue
		}
		r := &fmReader{fm: &markdown.FrontMatter{Text: text}, text: text, lines: yamlLineStarts(text), inFlow: map[*yaml.Node]bool{}}
		checked := 0
		var walk func(n *yaml.Node, flow bool)
		walk = func(n *yaml.Node, flow bool) {
			r.inFlow[n] = flow
			if n.Kind == yaml.ScalarNode && n.Tag != "!!null" {
				s := r.span(n)
				got := string(text[s.Start:s.End])
				var back string
				if err := yaml.Unmarshal([]byte(got), &back); err != nil || back != n.Value {
					t.Errorf("doc %d: node %q at %d:%d spans %q, which parses as %q (%v)", i, n.Value, n.Line, n.Column, got, back, err)
				}
				checked++
			}
			for _, c := range n.Content {
				walk(c, flow || n.Style&yaml.FlowStyle != 0)
			}
		}
		walk(&doc, false)
		if checked == 0 {
			t.Errorf("doc %d: no scalar checked", i)
		}
	}
}

func TestBlockScalarSpan(t *testing.T) {
	text := []byte("a:\n  - |\n    line one\n\n    line two\n  - next\n")
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		t.Fatal(err)
	}
	r := &fmReader{fm: &markdown.FrontMatter{Text: text}, text: text, lines: yamlLineStarts(text), inFlow: map[*yaml.Node]bool{}}
	block := doc.Content[0].Content[1].Content[0]
	s := r.span(block)
	if got, want := string(text[s.Start:s.End]), "|\n    line one\n\n    line two"; got != want {
		t.Errorf("block scalar spans %q, want %q", got, want)
	}
}

func TestYAMLErrorLine(t *testing.T) {
	tests := []struct {
		err    string
		line   int
		reason string
	}{
		{"yaml: line 155: found character that cannot start any token", 155, "found character that cannot start any token"},
		{"yaml: found character that cannot start any token", 1, "found character that cannot start any token"},
		{"something else", 0, "something else"},
	}
	for _, tt := range tests {
		err := errors.New(tt.err)
		if got := errorLine(err); got != tt.line {
			t.Errorf("errorLine(%q) = %d, want %d", tt.err, got, tt.line)
		}
		if got := yamlReason(err); got != tt.reason {
			t.Errorf("yamlReason(%q) = %q, want %q", tt.err, got, tt.reason)
		}
	}
}

// extractFrontMatter runs the front matter shape alone on page.
func extractFrontMatter(page string) []*Ladder {
	f := source.NewFile("page.md", []byte(page))
	m, _ := NewMatcher(DefaultLevelPatterns)
	return Extract(markdown.Parse(f, markdown.DefaultLimits), Options{Levels: m, Placeholders: DefaultPlaceholders})
}

// ladderTopics is a front matter of n topics, each with levels 1..3.
func ladderTopics(n int) string {
	var b strings.Builder
	b.WriteString("---\ntitle: x\ntopics:\n")
	for i := range n {
		fmt.Fprintf(&b, "  - name: t%d\n    content:\n", i)
		for lv := 1; lv <= 3; lv++ {
			fmt.Fprintf(&b, "      - level: %d\n        criteria: [\"does %d\"]\n", lv, lv)
		}
	}
	b.WriteString("---\n")
	return b.String()
}

// TestFrontMatterHostile feeds front matter built to make a reader hang,
// blow up or panic. Each must finish quickly and either give a ladder or be
// refused with a problem that says why.
func TestFrontMatterHostile(t *testing.T) {
	// Aliases that multiply at every step of the walk: 100 topics ×
	// 100 entries × 100 criteria is a million criteria from a few KiB.
	var bomb strings.Builder
	bomb.WriteString("---\ns: &s \"lol\"\ncrit: &c [")
	for i := range 100 {
		if i > 0 {
			bomb.WriteString(", ")
		}
		bomb.WriteString("*s")
	}
	bomb.WriteString("]\ne1: &e1 {level: 1, criteria: *c}\ne2: &e2 {level: 2, criteria: *c}\nt: &t {name: x, content: [")
	for i := range 100 {
		if i > 0 {
			bomb.WriteString(", ")
		}
		fmt.Fprintf(&bomb, "*e%d", 1+i%2)
	}
	bomb.WriteString("]}\ntopics: [")
	for i := range 100 {
		if i > 0 {
			bomb.WriteString(", ")
		}
		bomb.WriteString("*t")
	}
	bomb.WriteString("]\n---\n")

	deep := "---\ntopics:\n  - name: x\n    content: " + strings.Repeat("[", 20000) + strings.Repeat("]", 20000) + "\n    criteria: level\n---\n"
	huge := "---\ntopics:\n  - name: x\n    content:\n      - level: 1\n        criteria:\n" +
		strings.Repeat("          - \"a criterion that goes on and on\"\n", 9000) + "---\n"
	tests := []struct {
		name, page string
		problem    string // part of the problem expected; "" for a ladder without problems
		levels     int
	}{
		{"alias bomb", bomb.String(), "more than 65536 YAML entries", 0},
		{"nesting past the parser's limit", deep, "not valid YAML", 0},
		{"front matter over the size limit", huge, "more than the 256 KiB", 0},
		{"many topics within bounds", ladderTopics(300), "", 3},
		{"alias cycle", "---\ntopics: &t [*t, {name: a, content: [{level: 1, criteria: [x]}, {level: 2, criteria: [y]}]}]\n---\n", "", 2},
		{"problems are capped", "---\ntopics:\n  - name: a\n    content:\n" + strings.Repeat("      - level: x\n        criteria: [a]\n", 200) +
			"      - level: 1\n        criteria: [a]\n      - level: 2\n        criteria: [b]\n---\n", "more than 50 problems", 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			ls := extractFrontMatter(tt.page)
			if took := time.Since(start); took > 3*time.Second {
				t.Errorf("took %v", took)
			}
			if len(ls) != 1 {
				t.Fatalf("%d ladders, want 1", len(ls))
			}
			l := ls[0]
			if len(l.Levels) != tt.levels {
				t.Errorf("%d levels, want %d", len(l.Levels), tt.levels)
			}
			var msgs []string
			for _, p := range l.Problems {
				msgs = append(msgs, p.Message)
			}
			all := strings.Join(msgs, "\n")
			if tt.problem == "" && len(msgs) > 0 || !strings.Contains(all, tt.problem) {
				t.Errorf("problems %q, want one saying %q", msgs, tt.problem)
			}
			if len(msgs) > maxFrontMatterProblems+1 {
				t.Errorf("%d problems, more than the cap", len(msgs))
			}
		})
	}
}

// TestFrontMatterNotLadders: front matter that uses the same words for
// something else gives no ladder.
func TestFrontMatterNotLadders(t *testing.T) {
	pages := map[string]string{
		"hugo":               "---\ntitle: Levels\nweight: 3\nlevels: 3\n---\n# Levels\n",
		"one level":          "---\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria: [x]\n---\n",
		"no criteria":        "---\ntopics:\n  - name: a\n    content:\n      - level: 1\n        text: x\n      - level: 2\n        text: y\n---\n",
		"topics of strings":  "---\ntopics: [level, criteria]\n---\n",
		"not a mapping":      "---\n- topics\n- level\n---\n",
		"broken, not ladder": "---\ntopics: [level\n---\n",
		"level words only":   "---\ntopics:\n  - name: a\n    content:\n      - level: senior\n        criteria: [x]\n      - level: junior\n        criteria: [y]\n---\n",
	}
	for name, page := range pages {
		if ls := extractFrontMatter(page); len(ls) != 0 {
			t.Errorf("%s: %d ladders, want none (first: %d levels, problems %v)", name, len(ls), len(ls[0].Levels), ls[0].Problems)
		}
	}
}

// TestFrontMatterTabRepair reads a "-<TAB>" list item (invalid YAML that
// real pages have) as "- ", says so at the tab, and reads the ladder.
func TestFrontMatterTabRepair(t *testing.T) {
	page := "---\ntopics:\n  - name: a\n    content:\n      - level: 1\n        criteria:\n          -\t\"x\"\n      - level: 2\n        criteria: [y]\n---\n"
	ls := extractFrontMatter(page)
	if len(ls) != 1 || len(ls[0].Levels) != 2 {
		t.Fatalf("got %d ladders, want one of 2 levels", len(ls))
	}
	l := ls[0]
	if len(l.Problems) != 1 || page[l.Problems[0].Span.Start] != '\t' {
		t.Fatalf("problems %+v, want one at the tab", l.Problems)
	}
	if c := l.Levels[0].Cells[0]; c == nil || c.Text != "x" || page[c.Span.Start:c.Span.End] != "\"x\"" {
		t.Errorf("level 1 cell %+v, want \"x\"", c)
	}
}
