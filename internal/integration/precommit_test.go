package integration

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"go.yaml.in/yaml/v3"
)

// TestPreCommitManifest validates .pre-commit-hooks.yaml against the public
// schema (SchemaStore's pre-commit-hooks.json) and pins what the hook must
// be: a Go-built ladderlint run on markdown files.
func TestPreCommitManifest(t *testing.T) {
	root := repoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	doc, err := json.Marshal(hooks)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile(filepath.Join(root, "testdata", "schemas", "pre-commit-hooks.json"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf(".pre-commit-hooks.yaml: %s", e)
	}
	if len(hooks) != 1 {
		t.Fatalf("%d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	for key, want := range map[string]any{"id": "ladderlint", "entry": "ladderlint", "language": "golang", "types": []any{"markdown"}} {
		if got, _ := json.Marshal(h[key]); string(got) != string(must(json.Marshal(want))) {
			t.Errorf("%s = %s, want %s", key, got, must(json.Marshal(want)))
		}
	}
	// The hook must not opt out of file names or run without files: it lints what pre-commit passes.
	for _, key := range []string{"pass_filenames", "always_run", "args"} {
		if _, ok := h[key]; ok {
			t.Errorf("unexpected %s in the hook", key)
		}
	}
	// One process per run, so one total (pre-commit splits files across
	// processes by CPU count otherwise: several partial totals).
	if h["require_serial"] != true {
		t.Errorf("require_serial = %v, want true: without it pre-commit splits the files into batches, each printing its own total", h["require_serial"])
	}
	// One version story: the README's example and the hook file's name the same tag.
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## pre-commit\n")
	section, _, _ = strings.Cut(section, "\n## ")
	rev := regexp.MustCompile(`(?m)^\s*#?\s*rev: (\S+)`)
	inReadme, inHooks := rev.FindStringSubmatch(section), rev.FindStringSubmatch(string(data))
	if inReadme == nil || inHooks == nil || inReadme[1] != inHooks[1] {
		t.Errorf("README pre-commit rev %q, .pre-commit-hooks.yaml rev %q: they must name the same tag", inReadme, inHooks)
	}
	for _, want := range []string{"verbose: true", "-changed-since, HEAD"} {
		if !strings.Contains(section, want) {
			t.Errorf("the README's pre-commit section does not document %q", want)
		}
	}
	if !strings.Contains(string(data), "verbose: true") {
		t.Error(".pre-commit-hooks.yaml's usage comment does not show verbose: true")
	}
	// The schema is not vacuous.
	bad, _ := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewStringLoader(`[{"id":"x","entry":"x","language":"golang","types":"markdown"}]`))
	if bad == nil || bad.Valid() {
		t.Error("the pre-commit schema accepts a hook without a name and with types as a string")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}

// TestPreCommit runs the real pre-commit (Debian's package; `.ci/run`
// installs it) with `pre-commit try-repo` on a temporary git repository of
// two pages: the demo support ladder (clean: warnings only) and a copy with
// IC3 relabelled IC4 (broken). pre-commit builds the hook from this
// repository with Go, so the run needs the Go module proxy. try-repo takes
// the committed files of the repository plus uncommitted changes to them.
// It runs with LADDERLINT_PRECOMMIT=1 only.
func TestPreCommit(t *testing.T) {
	if os.Getenv("LADDERLINT_PRECOMMIT") != "1" {
		t.Skip("set LADDERLINT_PRECOMMIT=1 to run the real pre-commit (it builds ladderlint from scratch, which takes minutes on a busy machine); .ci/run does")
	}
	if _, err := exec.LookPath("pre-commit"); err != nil {
		t.Skip("pre-commit is not on PATH (apt-get install pre-commit, or pip install pre-commit); .ci/run installs it")
	}
	root := repoRoot(t)
	clean, broken := cleanPage(t), brokenPage(t)
	files := map[string][]byte{"clean.md": clean, "broken.md": broken, "README.txt": []byte("not markdown\n")}
	// Enough pages for pre-commit to split them across processes, unless
	// the hook asks for one (require_serial): one total per run.
	for i := range 10 {
		files[fmt.Sprintf("notes-%d.md", i)] = []byte("# Notes\n\nNo ladder here.\n")
	}
	dir := gitRepo(t, files)
	home := t.TempDir()
	// Go's module cache is read-only by default, which would stop the
	// temporary folder from being removed.
	t.Cleanup(func() { makeWritable(home) })
	env := []string{"PRE_COMMIT_HOME=" + home, "GOFLAGS=" + os.Getenv("GOFLAGS") + " -modcacherw", "NO_COLOR=1", "TERM=dumb"}
	tryRepo := func(args ...string) (string, int) {
		t.Helper()
		out, code := runCode(t, dir, env, "pre-commit", append([]string{"try-repo", root, "ladderlint", "--color=never"}, args...)...)
		if strings.Contains(out, "An error has occurred") {
			t.Fatalf("pre-commit could not run the hook:\n%s", out)
		}
		return out, code
	}

	all, code := tryRepo("--all-files")
	if code != 1 || !strings.Contains(all, "ladderlint...") || !strings.Contains(all, "Failed") {
		t.Fatalf("broken ladder: exit %d, want 1 and the hook failed:\n%s", code, all)
	}
	for _, want := range []string{
		`broken.md:252:129: error: level "IC3" is missing between "IC2" and "IC4" [level-gap]`,
		`252 |       <th id="ic3"`,
		`broken.md:322:129: warning: level "IC4" appears twice in this ladder (first on line 252); give each level its own label [duplicate-level]`,
	} {
		if !strings.Contains(all, want) {
			t.Errorf("the hook's output lacks %q:\n%s", want, all)
		}
	}
	if n := len(regexp.MustCompile(`(?m)^ladderlint: (\d+ errors?,|no problems)`).FindAllString(all, -1)); n != 1 || !strings.Contains(all, "in 12 files (2 ladders)") {
		t.Errorf("%d totals, want one for the 12 pages:\n%s", n, all)
	}
	// The broken page was committed before this run: the report says the error is not the commit's.
	if !strings.Contains(all, "already in these pages before this commit") {
		t.Errorf("no hint that the blocking error was already committed:\n%s", all)
	}
	if strings.Contains(all, "README.txt") {
		t.Errorf("the hook ran on a file that is not markdown:\n%s", all)
	}

	one, code := tryRepo("--verbose", "--files", "clean.md")
	if code != 0 || !strings.Contains(one, "Passed") {
		t.Errorf("clean ladder: exit %d, want 0 and the hook passed:\n%s", code, one)
	}
	alone, code := tryRepo("--files", "broken.md")
	if code != 1 {
		t.Errorf("broken ladder alone: exit %d, want 1:\n%s", code, alone)
	}
	// A file's findings do not depend on the other files in the batch.
	for name, out := range map[string]string{"clean.md": one, "broken.md": alone} {
		if got, want := findingLines(out, name), findingLines(all, name); got == "" || got != want {
			t.Errorf("%s: findings alone differ from findings in one batch with the other page:\nalone:\n%s\nbatch:\n%s", name, got, want)
		}
	}

	// Nothing was modified.
	if st := run(t, dir, nil, "git", "status", "--porcelain", "--untracked-files=all"); st != "" {
		t.Errorf("the hook changed the repository:\n%s", st)
	}
	for name, want := range map[string][]byte{"clean.md": clean, "broken.md": broken} {
		if got, err := os.ReadFile(filepath.Join(dir, name)); err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s was modified (%v)", name, err)
		}
	}
}

// findingLines returns the lines of out that start a finding in file.
func findingLines(out, file string) string {
	var b strings.Builder
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(line, file+":") {
			b.WriteString(line + "\n")
		}
	}
	return b.String()
}

// makeWritable lets the owner remove everything under dir.
func makeWritable(dir string) {
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.IsDir() {
			os.Chmod(p, 0o755)
		}
		return nil
	})
}
