package integration

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/internal/golden"
	"github.com/ladderlint/ladderlint/lint/cli"
)

// The job summaries of two handbooks, as the Action writes them, are kept
// as goldens in testdata/summary/ (UPDATE_GOLDEN=1 rewrites them). The
// script bench/summary/render.sh renders them the way GitHub does and
// writes the screenshots next to them.

// everyKindPage is the demo page broken in every way a reviewer meets:
// a level removed (a gap), a required category renamed, an empty cell, a
// cell too many under a rowspan, a link to the wrong anchor and a
// suppression comment one row too high; the page already repeats a
// sentence in IC3, leaves IC5 without product knowledge and IC6 and IC7 as
// placeholders.
func everyKindPage(t *testing.T) []byte {
	page := string(cleanPage(t))
	cut := func(from, to string) {
		i, j := strings.Index(page, from), strings.Index(page, to)
		if i < 0 || j < i {
			t.Fatalf("demo page changed: no %q before %q", from, to)
		}
		page = page[:i] + page[j:]
	}
	replace := func(old, new string) {
		if !strings.Contains(page, old) {
			t.Fatalf("demo page changed: no %q", old)
		}
		page = strings.Replace(page, old, new, 1)
	}
	cut("<!-- IC4 -->", "<!-- IC5 -->")
	replace(`sticky">Delivery</th>`, `sticky">Execution</th>`)
	replace("You achieve positive outcomes on the work for which you take responsibility.", "")
	cut("          <li>You manage your own time", "        </ul>\n      </td>\n      <td class=\"behaviors teamwork\">")
	replace(`<td class="category-summary teamwork">
        <div class="wrapper">
          You communicate clearly and proactively collaborate with others.
        </div>
      </td>`, `<td class="category-summary teamwork">
        <div class="wrapper">
          You communicate clearly and proactively collaborate with others.
        </div>
      </td>
      <td>Also on call.</td>`)
	replace(`href="#ic2"`, `href="#ic3"`)
	replace("<!-- IC3 -->", "<!-- ladderlint-disable-next-line missing-area -- IC5 is being rewritten -->\n    <!-- IC3 -->")
	return []byte(page)
}

// fiveLadders is a handbook of five ladders in four shapes: the demo's
// HTML table, and pages of other handbooks (YAML front matter, category-
// major sections, and a small pipe table with the levels as columns), with
// no configuration.
func fiveLadders(t *testing.T) map[string][]byte {
	root := repoRoot(t)
	read := func(p string) []byte {
		data, err := os.ReadFile(filepath.Join(root, "testdata", filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	return map[string][]byte{
		"handbook/support/cs-career-levels.md":   read("demo/support/cs-career-levels.md"),
		"handbook/engineering/civilcode.md":      read("extract/category-major-civilcode.md"),
		"handbook/product/levels-as-columns.md":  read("extract/pipe-levels-as-columns.md"),
		"handbook/engineering/novoda-generic.md": read("extract/yaml-novoda-generic.md"),
		"handbook/operations/customer-ops.md":    read("extract/yaml-movegb-customer-operations.md"),
	}
}

// actionSummary runs ladderlint as the Action does (GITHUB_ACTIONS=true)
// in a workspace holding files, and returns the job summary it wrote.
func actionSummary(t *testing.T, files map[string][]byte) string {
	t.Helper()
	ws := t.TempDir()
	for name, data := range files {
		p := filepath.Join(ws, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	summary := filepath.Join(t.TempDir(), "step_summary")
	if err := os.WriteFile(summary, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{
		"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": ws, "GITHUB_STEP_SUMMARY": summary,
		"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "octo/handbook",
		"GITHUB_SHA": "3333333333333333333333333333333333333333",
	}
	args := []string{}
	if _, ok := files[".ladderlint.yml"]; ok {
		args = append(args, "-config", filepath.Join(ws, ".ladderlint.yml"))
	}
	var stdout, stderr bytes.Buffer
	t.Chdir(ws)
	code := cli.Main(append(args, "."), &stdout, &stderr, func(k string) string { return env[k] })
	if code > 1 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	data, err := os.ReadFile(summary)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func TestSummaryEveryKind(t *testing.T) {
	cfg, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "demo", ".ladderlint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	md := actionSummary(t, map[string][]byte{".ladderlint.yml": cfg, "support/cs-career-levels.md": everyKindPage(t)})
	for _, want := range []string{"level-gap", "missing-category", "empty-cell", "table-shape", "anchor-mismatch", "suppression",
		"duplicate-text", "missing-area", "placeholder", "❌ gap", "❌ Delivery (missing)"} {
		if !strings.Contains(md, want) {
			t.Errorf("the summary has no %q", want)
		}
	}
	golden.Check(t, filepath.Join(repoRoot(t), "testdata", "summary", "every-kind.md"), md)
}

func TestSummaryFiveLadders(t *testing.T) {
	md := actionSummary(t, fiveLadders(t))
	if n := strings.Count(md, "<details"); n != 5 {
		t.Errorf("%d ladders in the summary, want 5", n)
	}
	golden.Check(t, filepath.Join(repoRoot(t), "testdata", "summary", "five-ladders.md"), md)
}
