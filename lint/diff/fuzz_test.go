package diff

import (
	"bytes"
	"encoding/json"
	"os"
	"testing"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// FuzzPages diffs two arbitrary page versions and renders every format:
// handbook text is untrusted, so no input may panic, hang or produce JSON
// that does not decode.
func FuzzPages(f *testing.F) {
	for _, c := range []string{"rows-prose", "columns-html", "headings-bullets", "headings-prose"} {
		base, _ := os.ReadFile("testdata/cases/" + c + "/base/" + map[string]string{"rows-prose": "eng.md", "columns-html": "support.md",
			"headings-bullets": "manager.md", "headings-prose": "eng.md"}[c])
		head, _ := os.ReadFile("testdata/cases/" + c + "/head/" + map[string]string{"rows-prose": "eng.md", "columns-html": "support.md",
			"headings-bullets": "manager.md", "headings-prose": "eng.md"}[c])
		f.Add(base, head)
	}
	opt := ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders}
	areas := []ladder.Area{{Name: "communication", Terms: []string{"communicat", "writ"}}}
	f.Fuzz(func(t *testing.T, a, b []byte) {
		r := Pages([]Page{Parse("p.md", a, opt)}, []Page{Parse("p.md", b, opt)}, Options{Areas: areas})
		var out bytes.Buffer
		if err := Text(&out, r, true); err != nil {
			t.Fatal(err)
		}
		Markdown(r, MarkdownOptions{Limit: 4096})
		out.Reset()
		if err := JSON(&out, r); err != nil {
			t.Fatal(err)
		}
		var back Report
		if err := json.Unmarshal(out.Bytes(), &back); err != nil {
			t.Fatalf("JSON does not decode: %v", err)
		}
	})
}
