package lint_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/ladderlint/ladderlint/lint"
)

// TestChangedSinceSplitLadder: editing one page of a ladder stored one level
// per file touches the whole ladder; its siblings are read, but their own
// page findings stay out, and a split ladder on unchanged pages is not read.
func TestChangedSinceSplitLadder(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	write := func(name, text string) {
		os.MkdirAll(filepath.Dir(name), 0o755)
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	level := func(code, delivery string) string {
		return "# " + code + " Engineer\n\n## Delivery\n\n- " + delivery + "\n\n## Collaboration\n\n- Reviews code\n"
	}
	for _, d := range []string{"eng", "design"} {
		write(d+"/ic1.md", level("IC1", "Ships small tasks"))
		write(d+"/ic2.md", level("IC2", "Ships features"))
		write(d+"/ic4.md", level("IC4", "Leads projects")) // IC3 missing
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-qm", "base")
	write("eng/ic1.md", level("IC1", "Ships small tasks well"))

	res, err := lint.Run(lint.Options{Paths: []string{"."}, ChangedSince: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || res.SkippedFiles != 5 || res.Ladders != 1 || res.SkippedLadders != 0 {
		t.Errorf("files %d (skipped %d), ladders %d (skipped %d); want 1, 5, 1, 0", res.Files, res.SkippedFiles, res.Ladders, res.SkippedLadders)
	}
	if len(res.Findings) != 1 || res.Findings[0].File != "eng/ic4.md" || res.Findings[0].Rule != "level-gap" {
		t.Errorf("want the IC3 gap of the touched ladder, reported in eng/ic4.md; got %+v", res.Findings)
	}

	// Without -changed-since both ladders are checked.
	res, err = lint.Run(lint.Options{Paths: []string{"."}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 6 || res.Ladders != 2 || len(res.Findings) != 2 {
		t.Errorf("files %d, ladders %d, findings %d; want 6, 2, 2", res.Files, res.Ladders, len(res.Findings))
	}
}

// TestSplitQuotesRelatedPages: a finding on one page of a ladder stored one
// level per file can point at a sibling page ("written here first"); the
// run keeps that sibling's line too, so reporters that quote it (rdjsonl's
// byte columns) read the right line, whether or not the sibling has
// findings of its own.
func TestSplitQuotesRelatedPages(t *testing.T) {
	src := "../testdata/shapes/level-files/front-end-career/translations/pt-br/developer/levels"
	dir := t.TempDir()
	pages, _ := filepath.Glob(filepath.Join(src, "*.md"))
	if len(pages) < 2 {
		t.Fatal("fixture pages missing")
	}
	for _, p := range pages {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		os.MkdirAll(filepath.Join(dir, "levels"), 0o755)
		os.WriteFile(filepath.Join(dir, "levels", filepath.Base(p)), data, 0o644)
	}
	t.Chdir(dir)
	res, err := lint.Run(lint.Options{Paths: []string{"."}, Quotes: true})
	if err != nil {
		t.Fatal(err)
	}
	related := 0
	for _, f := range res.Findings {
		for _, rel := range f.Related {
			file := f.File
			if rel.File != "" {
				file = rel.File
			}
			if file == f.File {
				continue
			}
			related++
			if _, ok := res.Quotes.Line(file, rel.Range.Start.Line); !ok {
				t.Errorf("%s: related place %s:%d not quoted", f.Message, file, rel.Range.Start.Line)
			}
		}
	}
	if related == 0 {
		t.Fatal("no finding points at a sibling page: the fixture no longer tests this")
	}
}
