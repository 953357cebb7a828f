package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestInit: init on the demo handbook prints the ladder it recognises and
// writes a configuration pinning it; it refuses to overwrite without
// -force; once pinned, the two breaks of issue 9 fail a plain run with
// exit 1 (ladder-missing), and a pin whose page is gone is reported at the
// pin in the configuration.
func TestInit(t *testing.T) {
	page, err := os.ReadFile(demoPage)
	if err != nil {
		t.Fatal(err)
	}
	t.Chdir(t.TempDir())
	writeFile(t, "handbook/support/cs-career-levels.md", string(page))
	writeFile(t, "handbook/notes.md", "# Notes\n\nNo ladder here.\n")
	env := func(string) string { return "" }
	var out, errOut strings.Builder
	if code := Main([]string{"init", "handbook"}, &out, &errOut, env); code != ExitClean {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	for _, want := range []string{
		"ladderlint: 1 ladder recognised in 2 files under handbook:",
		`handbook/support/cs-career-levels.md:116  "Levels"  (levels-as-rows, html table)`,
		"levels: IC1, IC2, IC3, IC4, IC5, IC6, IC7",
		"categories: Proficiency, Delivery, Teamwork",
		"wrote handbook/.ladderlint.yml pinning 1 ladder",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("init output lacks %q:\n%s", want, out.String())
		}
	}
	cfg := readFile(t, "handbook/.ladderlint.yml")
	for _, want := range []string{
		"  required: [Proficiency, Delivery, Teamwork]\n",
		"  - file: support/cs-career-levels.md\n    name: Levels\n    levels: [IC1, IC2, IC3, IC4, IC5, IC6, IC7]\n    categories: [Proficiency, Delivery, Teamwork]\n",
		"# areas:\n",
	} {
		if !strings.Contains(cfg, want) {
			t.Errorf("configuration lacks %q:\n%s", want, cfg)
		}
	}

	// Never overwrite without -force.
	writeFile(t, "handbook/.ladderlint.yml", "# mine\n")
	out.Reset()
	errOut.Reset()
	if code := Main([]string{"init", "handbook"}, &out, &errOut, env); code != ExitUsage || readFile(t, "handbook/.ladderlint.yml") != "# mine\n" ||
		!strings.Contains(errOut.String(), "exists; run with -force") {
		t.Errorf("init over an existing file: exit %d\n%s", code, errOut.String())
	}
	if code := Main([]string{"init", "-dry-run", "handbook"}, &out, &errOut, env); code != ExitClean || readFile(t, "handbook/.ladderlint.yml") != "# mine\n" {
		t.Errorf("-dry-run wrote the file (exit %d)", code)
	}
	if code := Main([]string{"init", "-force", "handbook"}, &out, &errOut, env); code != ExitClean || readFile(t, "handbook/.ladderlint.yml") != cfg {
		t.Errorf("-force: exit %d, file not rewritten", code)
	}

	// Pinned, the page lints clean of ladder-missing; broken, it fails.
	lintRun := func() (int, string) {
		var out, errOut strings.Builder
		code := Main([]string{"-no-snippets", "handbook"}, &out, &errOut, env)
		return code, out.String() + errOut.String()
	}
	if code, text := lintRun(); strings.Contains(text, "ladder-missing") || code != ExitClean {
		t.Errorf("pinned demo: exit %d\n%s", code, text)
	}
	for name, broken := range map[string]string{
		"table tag deleted": regexp.MustCompile(`<table[^>]*>`).ReplaceAllString(string(page), ""),
		"IC typed lC":       strings.ReplaceAll(string(page), ">IC</abbr>", ">lC</abbr>"),
	} {
		writeFile(t, "handbook/support/cs-career-levels.md", broken)
		code, text := lintRun()
		want := `handbook/support/cs-career-levels.md should hold the ladder "Levels" with IC1..IC7; no ladder was recognised on the page`
		if code != ExitFindings || !strings.Contains(text, want) {
			t.Errorf("%s: exit %d, want 1 and %q\n%s", name, code, want, text)
		}
	}
	if err := os.Remove(filepath.Join("handbook", "support", "cs-career-levels.md")); err != nil {
		t.Fatal(err)
	}
	code, text := lintRun()
	if want := `handbook/.ladderlint.yml:23:1: error: no page matches "support/cs-career-levels.md", which should hold the ladder "Levels" with IC1..IC7; was the page moved or deleted? [ladder-missing]`; code != ExitFindings || !strings.Contains(text, want) {
		t.Errorf("page deleted: exit %d, want 1 and %q\n%s", code, want, text)
	}
}
