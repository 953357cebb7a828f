package cli

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/ladderlint/ladderlint/lint/diff"
)

// demoPage is the demo handbook's ladder page.
const demoPage = "../../testdata/demo/support/cs-career-levels.md"

// gitRepo makes a repository in a temporary folder (the current folder for
// the test) holding the demo handbook, committed, and returns a git runner.
func gitRepo(t *testing.T) func(args ...string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	page, err := os.ReadFile(demoPage)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := os.ReadFile(filepath.Join(filepath.Dir(demoPage), "..", ".ladderlint.yml"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	t.Chdir(dir)
	git := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t",
			"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	git("init", "-q", "-b", "main")
	writeFile(t, "handbook/support/cs-career-levels.md", string(page))
	writeFile(t, "handbook/.ladderlint.yml", strings.ReplaceAll(string(cfg), "../../schema/", "../schema/"))
	git("add", ".")
	git("commit", "-qm", "base")
	return git
}

func writeFile(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t *testing.T, name string) string {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// snapshot is every file under dir with its content hash, mode and
// modification time: two equal snapshots mean nothing was written.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		sum := ""
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum = fmt.Sprintf("%x", sha256.Sum256(data))
		}
		out[p] = fmt.Sprintf("%s %v %d", sum, info.Mode(), info.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sameSnapshot(t *testing.T, before, after map[string]string) {
	t.Helper()
	var diffs []string
	for p, v := range after {
		if before[p] != v {
			diffs = append(diffs, "changed or new: "+p)
		}
	}
	for p := range before {
		if _, ok := after[p]; !ok {
			diffs = append(diffs, "gone: "+p)
		}
	}
	sort.Strings(diffs)
	if len(diffs) > 0 {
		t.Errorf("the repository was written to:\n  %s", strings.Join(diffs, "\n  "))
	}
}

// touchAll sets every working-tree file's modification time to a new
// value, as a checkout in a container does: git's index then holds stale
// timestamps, which `git diff` would rewrite.
func touchAll(t *testing.T, dir string) {
	t.Helper()
	later := time.Now().Add(time.Hour)
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(p, ".git"+string(filepath.Separator)) {
			os.Chtimes(p, later, later)
		}
		return nil
	})
}

// TestDiffCommand: `ladderlint diff` on a real repository reports what an
// edit of the demo ladder changed, in each format, and writes nothing in
// .git although every file was touched after checkout.
func TestDiffCommand(t *testing.T) {
	gitRepo(t)
	page := readFile(t, "handbook/support/cs-career-levels.md")
	// Move one IC1 Delivery bullet's words, drop a Teamwork bullet, reword one.
	edited := strings.Replace(page, "You achieve positive outcomes", "You reliably achieve positive outcomes", 1)
	if edited == page {
		t.Fatal("the demo page changed; update the edit")
	}
	writeFile(t, "handbook/support/cs-career-levels.md", edited)
	touchAll(t, ".")
	before := snapshot(t, ".git")

	var out, errOut strings.Builder
	if code := Main([]string{"diff", "HEAD", "handbook"}, &out, &errOut, func(string) string { return "" }); code != ExitClean {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	want := `~ Delivery: "You {+reliably+} achieve positive outcomes`
	if !strings.Contains(out.String(), want) || strings.Contains(out.String(), "\x1b[") {
		t.Errorf("text output lacks %q or has colour:\n%s", want, out.String())
	}

	out.Reset()
	if code := Main([]string{"diff", "-format", "json", "HEAD", "handbook"}, &out, &errOut, func(string) string { return "" }); code != ExitClean {
		t.Fatalf("json: exit %d\n%s", code, errOut.String())
	}
	var r diff.Report
	if err := json.Unmarshal([]byte(out.String()), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Ladders) != 1 || r.Ladders[0].Path != "handbook/support/cs-career-levels.md" || r.Base != "HEAD" {
		t.Errorf("json report: %+v", r)
	}

	out.Reset()
	if code := Main([]string{"diff", "-format", "markdown", "HEAD", "handbook"}, &out, &errOut, func(string) string { return "" }); code != ExitClean ||
		!strings.Contains(out.String(), "## Ladder changes") {
		t.Errorf("markdown: exit %d\n%s", code, out.String())
	}
	sameSnapshot(t, before, snapshot(t, ".git"))
	// The check can fail: porcelain git diff refreshes the stale index.
	exec.Command("git", "diff", "--quiet", "HEAD").Run()
	if after := snapshot(t, ".git"); after[filepath.Join(".git", "index")] == before[filepath.Join(".git", "index")] {
		t.Errorf("git diff did not rewrite the index of touched files: the snapshot cannot see writes")
	}

	// Usage errors: no revision, an unknown one, a bad format.
	for _, args := range [][]string{{"diff"}, {"diff", "no-such-rev", "handbook"}, {"diff", "-format", "sarif", "HEAD"}} {
		if code := Main(args, &out, &errOut, func(string) string { return "" }); code != ExitUsage {
			t.Errorf("%q: exit %d, want %d", args, code, ExitUsage)
		}
	}
}

// TestDiffRenamedPage: a page moved with git mv (and committed) is one
// ladder moved, not one removed and one added.
func TestDiffRenamedPage(t *testing.T) {
	git := gitRepo(t)
	base := git("rev-parse", "HEAD")
	git("mv", "handbook/support/cs-career-levels.md", "handbook/support/levels.md")
	git("commit", "-qm", "rename")
	var out, errOut strings.Builder
	if code := Main([]string{"diff", base, "handbook"}, &out, &errOut, func(string) string { return "" }); code != ExitClean {
		t.Fatalf("exit %d\n%s", code, errOut.String())
	}
	if !strings.Contains(out.String(), `(was on handbook/support/cs-career-levels.md)`) || strings.Contains(out.String(), "removed") {
		t.Errorf("want the ladder moved with its page:\n%s", out.String())
	}
}

// TestDiffFromSubfolderAndOverrides: `ladderlint diff` selects and reads
// pages the way a lint run does: from a folder below the configuration
// (found upward, so its globs are relative to a parent folder), and with the
// overrides that match a page (here its own level patterns).
func TestDiffFromSubfolderAndOverrides(t *testing.T) {
	git := gitRepo(t)
	writeFile(t, "handbook/support/tiers.md", "# Support career ladder\n\n## Rung 1\n\n- Scope: owns a task end to end\n- Delivery: ships small fixes\n\n"+
		"## Rung 2\n\n- Scope: owns work for a team\n- Delivery: ships features\n")
	cfg := readFile(t, "handbook/.ladderlint.yml") + "\noverrides:\n  - files: [\"support/tiers.md\"]\n" +
		"    levels:\n      patterns: ['^Rung (?P<rank>\\d)$']\n"
	writeFile(t, "handbook/.ladderlint.yml", cfg)
	git("add", ".")
	git("commit", "-qm", "tiers")
	for _, name := range []string{"handbook/support/cs-career-levels.md", "handbook/support/tiers.md"} {
		page := readFile(t, name)
		writeFile(t, name, strings.Replace(page, "for a team", "for a whole team", 1)+"\n")
	}
	edited := strings.Replace(readFile(t, "handbook/support/cs-career-levels.md"), "You achieve positive outcomes", "You reliably achieve positive outcomes", 1)
	writeFile(t, "handbook/support/cs-career-levels.md", edited)
	t.Chdir("handbook/support")
	var out, errOut strings.Builder
	if code := Main([]string{"diff", "-format", "json", "HEAD", "."}, &out, &errOut, func(string) string { return "" }); code != ExitClean {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	var r diff.Report
	if err := json.Unmarshal([]byte(out.String()), &r); err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, l := range r.Ladders {
		paths = append(paths, l.Path)
	}
	if !slices.Contains(paths, "cs-career-levels.md") {
		t.Errorf("run from the page's folder, the edited demo ladder is not reported: %q\n%s", paths, errOut.String())
	}
	if !slices.Contains(paths, "tiers.md") {
		t.Errorf("the ladder only its override's level patterns read is not reported: %q", paths)
	}
}

// TestDiffReadsThePagesLintReads: the diff compares the pages a lint run
// reads: a page reached through a symbolic link is followed (in the working
// tree and, committed, in the revision), unless it is an alias of another
// page compared anyway (one edit is one change, not one per link), and a
// file named as a PATH that the configuration excludes is dropped.
func TestDiffReadsThePagesLintReads(t *testing.T) {
	git := gitRepo(t)
	page := readFile(t, "handbook/support/cs-career-levels.md")
	writeFile(t, "handbook/.ladderlint.yml", readFile(t, "handbook/.ladderlint.yml")+"\nexclude: [\"drafts/**\"]\n")
	writeFile(t, "handbook/drafts/next.md", page)
	writeFile(t, "shared/ladder.md", page) // outside the PATH: linted only through the link
	if err := os.MkdirAll("handbook/eng", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../../shared/ladder.md", "handbook/eng/ladder.md"); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../support/cs-career-levels.md", "handbook/eng/alias.md"); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-qm", "links and drafts")
	edited := strings.Replace(page, "You achieve positive outcomes", "You reliably achieve positive outcomes", 1)
	writeFile(t, "handbook/support/cs-career-levels.md", edited)
	writeFile(t, "shared/ladder.md", edited)
	writeFile(t, "handbook/drafts/next.md", edited)
	args := []string{"handbook", "handbook/drafts/next.md"}

	var out, errOut strings.Builder
	if code := Main(append([]string{"extract"}, args...), &out, &errOut, func(string) string { return "" }); code != ExitClean {
		t.Fatalf("extract: exit %d\n%s", code, errOut.String())
	}
	var docs []struct{ File string }
	if err := json.Unmarshal([]byte(out.String()), &docs); err != nil {
		t.Fatal(err)
	}
	var linted []string
	for _, d := range docs {
		linted = append(linted, d.File)
	}
	want := []string{"handbook/eng/alias.md", "handbook/eng/ladder.md", "handbook/support/cs-career-levels.md"}
	if !slices.Equal(linted, want) {
		t.Fatalf("the lint run reads the ladders of %q, want %q", linted, want)
	}

	out.Reset()
	if code := Main(append([]string{"diff", "-format", "json", "HEAD"}, args...), &out, &errOut, func(string) string { return "" }); code != ExitClean {
		t.Fatalf("diff: exit %d\n%s", code, errOut.String())
	}
	var r diff.Report
	if err := json.Unmarshal([]byte(out.String()), &r); err != nil {
		t.Fatal(err)
	}
	var changed []string
	for _, l := range r.Ladders {
		changed = append(changed, string(l.Change)+" "+l.Path)
	}
	if want := []string{"changed handbook/eng/ladder.md", "changed handbook/support/cs-career-levels.md"}; !slices.Equal(changed, want) || r.Unchanged != 0 {
		t.Errorf("diff: %q and %d unchanged, want %q and none unchanged", changed, r.Unchanged, want)
	}

	// Deleting the alias removes no ladder: its page is still there.
	git("rm", "-q", "handbook/eng/alias.md")
	out.Reset()
	Main([]string{"-changed-since", "HEAD", "-no-snippets", "handbook"}, &out, &errOut, func(string) string { return "" })
	if strings.Contains(out.String(), "alias.md") {
		t.Errorf("deleting an alias is reported:\n%s", out.String())
	}
}

// TestDiffFromLinkedFolder: run from a working folder reached through a
// symbolic link (macOS's /tmp is one), the diff and -changed-since see the
// one edited ladder, not every ladder added and no file changed.
func TestDiffFromLinkedFolder(t *testing.T) {
	gitRepo(t)
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	page := readFile(t, "handbook/support/cs-career-levels.md")
	writeFile(t, "handbook/support/cs-career-levels.md", strings.Replace(page, "You achieve positive outcomes", "You reliably achieve positive outcomes", 1))
	link := filepath.Join(t.TempDir(), "linked")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	t.Chdir(link)
	var out, errOut strings.Builder
	for _, args := range [][]string{{"diff", "HEAD", "handbook"}, {"diff", "HEAD"}} {
		out.Reset()
		if code := Main(args, &out, &errOut, func(string) string { return "" }); code != ExitClean ||
			!strings.Contains(out.String(), `ladder "Levels" changed`) || strings.Contains(out.String(), "added") {
			t.Errorf("%q: exit %d, want one ladder changed\n%s%s", args, code, out.String(), errOut.String())
		}
	}
	out.Reset()
	Main([]string{"-changed-since", "HEAD", "-no-snippets", "handbook"}, &out, &errOut, func(string) string { return "" })
	if !strings.Contains(out.String(), "in 1 file (1 ladder)") {
		t.Errorf("-changed-since: want the edited page linted\n%s%s", out.String(), errOut.String())
	}
}
