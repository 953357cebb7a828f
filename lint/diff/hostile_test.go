package diff

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ladderlint/ladderlint/lint/ladder"
)

// TestHostileSizes: pages built to make the comparison quadratic (one cell
// of thousands of sentences rewritten, hundreds of ladders, a long sentence
// reworded) finish quickly: the pair limits hold.
func TestHostileSizes(t *testing.T) {
	opt := ladder.Options{Levels: ladder.NewDefaultMatcher(), Placeholders: ladder.DefaultPlaceholders}
	table := func(cell string) string {
		return "# Career ladder\n\n| Level | Delivery | Teamwork |\n|---|---|---|\n| IC1 | " + cell + " | Asks for help. |\n| IC2 | Ships features. | Reviews code. |\n"
	}
	var a, b strings.Builder
	for i := range 3000 {
		fmt.Fprintf(&a, "Ships task number %d on time. ", i)
		fmt.Fprintf(&b, "Ships piece number %d on time and well. ", i)
	}
	var manyA, manyB strings.Builder
	for i := range 400 {
		fmt.Fprintf(&manyA, "## Team %d\n\n| Level | Delivery | Teamwork |\n|---|---|---|\n| IC1 | Ships small tasks. | Asks for help. |\n| IC2 | Ships features. | Reviews code. |\n\n", i)
		fmt.Fprintf(&manyB, "## Group %d\n\n| Level | Delivery | Teamwork |\n|---|---|---|\n| IC3 | Ships projects. | Mentors. |\n| IC4 | Sets direction. | Grows leads. |\n\n", i)
	}
	long := strings.Repeat("word ", 5000)
	cases := map[string][2]string{
		"thousands of sentences in one cell": {table(a.String()), table(b.String())},
		"hundreds of ladders":                {manyA.String(), manyB.String()},
		"one very long sentence":             {table(long + "end."), table(long + "stop.")},
	}
	for name, c := range cases {
		start := time.Now()
		r := Pages([]Page{Parse("p.md", []byte(c[0]), opt)}, []Page{Parse("p.md", []byte(c[1]), opt)}, Options{})
		Markdown(r, MarkdownOptions{Limit: 1 << 18})
		if d := time.Since(start); d > 10*time.Second {
			t.Errorf("%s: %v", name, d)
		}
		if len(r.Ladders) == 0 {
			t.Errorf("%s: no change found", name)
		}
	}
}
