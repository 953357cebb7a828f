package cli

import (
	"os"
	"regexp"
	"strings"
	"testing"
)

// TestChangedSinceBreaks: the two breaks of issue 9 on the demo handbook
// (the <table> opening tag deleted; "IC" typed "lC" in the level cells)
// fail a -changed-since run with exit 1 and a ladder-removed error, with
// or without the demo configuration; one mistyped level is a level-removed
// warning.
func TestChangedSinceBreaks(t *testing.T) {
	git := gitRepo(t)
	page := readFile(t, "handbook/support/cs-career-levels.md")
	breaks := []struct {
		name, page, rule string
		exit             int
	}{
		{"table tag deleted", regexp.MustCompile(`<table[^>]*>`).ReplaceAllString(page, ""), "ladder-removed", ExitFindings},
		{"IC typed lC", strings.ReplaceAll(page, ">IC</abbr>", ">lC</abbr>"), "ladder-removed", ExitFindings},
		{"one level mistyped", strings.Replace(page, ">IC</abbr>3", ">lC</abbr>3", 1), "level-removed", -1},
	}
	for _, b := range breaks {
		for _, args := range [][]string{
			{"-changed-since", "HEAD", "-no-snippets", "handbook"},
			{"-changed-since", "HEAD", "-no-snippets", "handbook/support"}, // no configuration there
		} {
			if b.page == page {
				t.Fatalf("%s: the edit changed nothing", b.name)
			}
			writeFile(t, "handbook/support/cs-career-levels.md", b.page)
			var out, errOut strings.Builder
			code := Main(args, &out, &errOut, func(string) string { return "" })
			if b.exit >= 0 && code != b.exit || !strings.Contains(out.String(), "["+b.rule+"]") {
				t.Errorf("%s, %q: exit %d, want %d and a %s finding\n%s%s", b.name, args, code, b.exit, b.rule, out.String(), errOut.String())
			}
		}
	}
	git("checkout", "-q", ".")

	// A deleted page: a warning naming it, not an error.
	git("rm", "-q", "handbook/support/cs-career-levels.md")
	var out, errOut strings.Builder
	code := Main([]string{"-changed-since", "HEAD", "-no-snippets", "handbook"}, &out, &errOut, func(string) string { return "" })
	if code != ExitClean || !strings.Contains(out.String(), "warning: the ladder \"Levels\" (levels IC1..IC7) goes away with this page, which this change deletes [ladder-removed]") {
		t.Errorf("deleted page: exit %d\n%s%s", code, out.String(), errOut.String())
	}
}

// TestChangedSinceRenamedPage: a page renamed (and committed) whose ladder
// broke on the way is a warning naming the rename; renamed intact, nothing.
func TestChangedSinceRenamedPage(t *testing.T) {
	git := gitRepo(t)
	base := git("rev-parse", "HEAD")
	git("mv", "handbook/support/cs-career-levels.md", "handbook/support/levels.md")
	git("commit", "-qm", "rename")
	var out, errOut strings.Builder
	if code := Main([]string{"-changed-since", base, "-no-snippets", "handbook"}, &out, &errOut, func(string) string { return "" }); strings.Contains(out.String(), "ladder-removed") {
		t.Errorf("intact rename: exit %d\n%s", code, out.String())
	}
	page := readFile(t, "handbook/support/levels.md")
	writeFile(t, "handbook/support/levels.md", strings.ReplaceAll(page, ">IC</abbr>", ">lC</abbr>"))
	git("commit", "-qam", "break")
	out.Reset()
	Main([]string{"-changed-since", base, "-no-snippets", "handbook"}, &out, &errOut, func(string) string { return "" })
	if !strings.Contains(out.String(), "handbook/support/cs-career-levels.md:116:1: warning: the ladder \"Levels\" (levels IC1..IC7) was on this page at "+base+
		", which this change renames to handbook/support/levels.md, and is not found there [ladder-removed]") {
		t.Errorf("broken rename:\n%s%s", out.String(), errOut.String())
	}
}

// TestChangedSinceReadsTheBaseLintWouldRead: the base revision is read the
// way discovery reads the working tree. A page reached through a symbolic
// link has a base version too (its ladder going away is a finding), and a
// deleted file the configuration excludes is no removed page, even when a
// PATH names it.
func TestChangedSinceReadsTheBaseLintWouldRead(t *testing.T) {
	git := gitRepo(t)
	page := readFile(t, "handbook/support/cs-career-levels.md")
	writeFile(t, "handbook/.ladderlint.yml", readFile(t, "handbook/.ladderlint.yml")+"\nexclude: [\"drafts/**\"]\n")
	writeFile(t, "handbook/drafts/next.md", page)
	writeFile(t, "handbook/notes.md", "# Notes\n\nNo ladder here.\n")
	if err := os.MkdirAll("handbook/eng", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("../support/cs-career-levels.md", "handbook/eng/ladder.md"); err != nil {
		t.Fatal(err)
	}
	git("add", ".")
	git("commit", "-qm", "a link and a draft")

	// The link now leads to a page without a ladder; the draft is deleted.
	os.Remove("handbook/eng/ladder.md")
	if err := os.Symlink("../notes.md", "handbook/eng/ladder.md"); err != nil {
		t.Fatal(err)
	}
	git("rm", "-q", "handbook/drafts/next.md")
	// Naming the deleted draft is itself an error (exit 2, "no such file");
	// its ladder is still no finding.
	var out, errOut strings.Builder
	Main([]string{"-changed-since", "HEAD", "-no-snippets", "handbook", "handbook/drafts/next.md"}, &out, &errOut, func(string) string { return "" })
	if !strings.Contains(out.String(), "handbook/eng/ladder.md:4:1: error: the ladder \"Levels\" (levels IC1..IC7) was recognised at line 116 at HEAD") {
		t.Errorf("a linked page's ladder gone: no ladder-removed finding on handbook/eng/ladder.md\n%s%s", out.String(), errOut.String())
	}
	for _, line := range strings.Split(out.String(), "\n") {
		if strings.Contains(line, "drafts/next.md") && strings.Contains(line, "[ladder-removed]") {
			t.Errorf("the excluded draft is reported: %s", line)
		}
	}
}
