package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

const engineeringPage = "../../testdata/families/engineering/career-development-framework.md"

// readmeConfig is the first ```yaml block of the README's Configuration
// section, as a manager would paste it.
func readmeConfig(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(data), "\n## Configuration\n")
	if !ok {
		t.Fatal("README.md has no ## Configuration section")
	}
	m := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindStringSubmatch(section)
	if m == nil {
		t.Fatal("the Configuration section has no ```yaml example")
	}
	return m[1]
}

// handbook writes a handbook of two ladder families (Sourcegraph's
// support and engineering career pages) into the current folder.
func handbook(t *testing.T, dir, cfg string) {
	t.Helper()
	for dst, src := range map[string]string{"support/cs-career-levels.md": demoPage, "engineering/framework.md": engineeringPage} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, dst), string(data))
	}
	t.Chdir(dir)
	if cfg != "" {
		writeFile(t, ".ladderlint.yml", cfg)
	}
	if err := os.Mkdir(".git", 0o755); err != nil { // the repository root
		t.Fatal(err)
	}
}

type jsonRun struct {
	Findings []struct {
		Rule, Severity, File, Message string
		Line                          int
	}
	Files, Ladders int
	Config         *string
}

func lintJSON(t *testing.T, args ...string) (jsonRun, int) {
	t.Helper()
	var out, errOut strings.Builder
	code := Main(append([]string{"-format", "json"}, args...), &out, &errOut, func(string) string { return "" })
	var r jsonRun
	if err := json.Unmarshal([]byte(out.String()), &r); err != nil {
		t.Fatalf("exit %d, not JSON: %v\n%s%s", code, err, out.String(), errOut.String())
	}
	return r, code
}

// TestReadmeConfigTwoFamilies: the README's configuration example, pasted
// unchanged into a handbook holding the support ladder (demo) and the
// engineering ladder, gives exactly the true findings: the repeated IC3
// behaviour on both pages, the unfinished IC6 and IC7 ("haven't yet
// finalized", a built-in placeholder the example's list adds to) and the
// support IC5 that never mentions the product. Before overrides and
// extending placeholders, the support categories and areas failed the
// engineering ladder and the placeholder levels were errors.
func TestReadmeConfigTwoFamilies(t *testing.T) {
	cfg := readmeConfig(t)
	handbook(t, t.TempDir(), cfg)
	r, code := lintJSON(t, ".")
	var got []string
	for _, f := range r.Findings {
		got = append(got, f.File+":"+strings.Split(f.Rule, " ")[0]+":"+f.Severity)
	}
	want := []string{
		"engineering/framework.md:duplicate-text:warning",
		"engineering/framework.md:placeholder:warning",
		"engineering/framework.md:placeholder:warning",
		"support/cs-career-levels.md:duplicate-text:warning",
		"support/cs-career-levels.md:missing-area:error",
		"support/cs-career-levels.md:placeholder:warning",
		"support/cs-career-levels.md:placeholder:warning",
	}
	if !slices.Equal(got, want) {
		t.Errorf("findings\n%s\nwant\n%s\n%+v", strings.Join(got, "\n"), strings.Join(want, "\n"), r.Findings)
	}
	for _, f := range r.Findings {
		if f.Rule == "missing-area" && !strings.Contains(f.Message, `"product knowledge"`) {
			t.Errorf("unexpected missing area: %s", f.Message)
		}
	}
	if r.Ladders != 2 || code != ExitFindings {
		t.Errorf("%d ladders, exit %d; want 2 and 1", r.Ladders, code)
	}
	if r.Config == nil || *r.Config != ".ladderlint.yml" {
		t.Errorf("json config = %v, want .ladderlint.yml", r.Config)
	}
}

// TestConfigFoundUpward: run from a sub-folder (or on a page there), the
// repository's .ladderlint.yml is used and named on the total line; the
// search stops at the repository root.
func TestConfigFoundUpward(t *testing.T) {
	cfg := readmeConfig(t)
	dir := t.TempDir()
	handbook(t, dir, cfg)
	env := func(string) string { return "" }

	var out, errOut strings.Builder
	Main([]string{"-no-snippets", "engineering/framework.md"}, &out, &errOut, env)
	if !strings.Contains(out.String(), "; configuration: .ladderlint.yml\n") {
		t.Errorf("the total does not name the configuration:\n%s%s", out.String(), errOut.String())
	}

	t.Chdir(filepath.Join(dir, "engineering"))
	r, _ := lintJSON(t, "framework.md")
	if r.Config == nil || *r.Config != filepath.Join("..", ".ladderlint.yml") {
		t.Errorf("from engineering/: config %v, want ../.ladderlint.yml", r.Config)
	}
	// The engineering override applies: no support category is required.
	for _, f := range r.Findings {
		if f.Rule == "missing-category" || f.Rule == "missing-area" {
			t.Errorf("from engineering/: %s %s", f.Rule, f.Message)
		}
	}
	// Without a .ladderlint.yml up to .git, the defaults apply.
	t.Chdir(dir)
	if err := os.Remove(".ladderlint.yml"); err != nil {
		t.Fatal(err)
	}
	writeFile(t, "../.ladderlint.yml", "categories: {required: [Nothing]}\n") // above the repository
	defer os.Remove(filepath.Join(filepath.Dir(dir), ".ladderlint.yml"))
	if r, _ := lintJSON(t, "engineering"); r.Config != nil {
		t.Errorf("a configuration above the repository root was used: %s", *r.Config)
	}
}

// TestConfigForPage: `ladderlint config PAGE` prints the configuration in
// effect for that page, its overrides applied.
func TestConfigForPage(t *testing.T) {
	handbook(t, t.TempDir(), readmeConfig(t)+"    rules: {duplicate-text: off}\n")
	out, errOut, code := runMain(t, "config", "engineering/framework.md")
	if code != ExitClean || !strings.HasPrefix(out, "# effective configuration for engineering/framework.md: .ladderlint.yml\n") ||
		!strings.Contains(out, "    - Execution\n") || !strings.Contains(out, "duplicate-text: \"off\"") || !strings.Contains(out, "- to be written\n") {
		t.Errorf("exit %d\n%s%s", code, out, errOut)
	}
	out, _, _ = runMain(t, "config", "support/cs-career-levels.md")
	if !strings.Contains(out, "    - Delivery\n") || !strings.Contains(out, "duplicate-text: warning") {
		t.Errorf("support page:\n%s", out)
	}
}

// TestEffectiveConfigRoundTrip: the configuration `ladderlint config`
// prints, saved as the handbook's .ladderlint.yml, lints like the built-in
// defaults it describes. (Printing the built-in level patterns made a saved
// copy replace the built-in recognition of titles, L-levels and "Level N".)
func TestEffectiveConfigRoundTrip(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	page := "# Engineering levels\n\n## Level 1\n\n- Delivery: ships small tasks\n\n## Level 2\n\n- Delivery: ships features\n\n" +
		"# Titles\n\n| Title | Scope |\n|---|---|\n| Junior Engineer | a task |\n| Engineer | a feature |\n| Senior Engineer | a system |\n"
	if err := os.WriteFile("ladder.md", []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	before, _, code := runMain(t, "extract", "ladder.md")
	if code != ExitClean || strings.Count(before, `"label"`) < 5 {
		t.Fatalf("built-in defaults: exit %d, want both ladders:\n%s", code, before)
	}
	cfg, _, code := runMain(t, "config")
	if code != ExitClean {
		t.Fatalf("config: exit %d", code)
	}
	if err := os.WriteFile(".ladderlint.yml", []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	after, errOut, code := runMain(t, "extract", "ladder.md")
	if code != ExitClean || after != before {
		t.Errorf("with the printed configuration saved: exit %d %s\n got %s\nwant %s", code, errOut, after, before)
	}
}
