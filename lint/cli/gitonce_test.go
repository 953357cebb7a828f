package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/internal/gittrace"
)

// TestChangesFileAsksGitOnce: a pull request's run (-changed-since REV
// -changes-file F) asks git each thing once: the lint run and the ladder
// changes share the opened repository, the revision's file list, its
// renames and the reading of its files, although the changes need a file
// the lint run did not read (a ladder page renamed out of the selection).
func TestChangesFileAsksGitOnce(t *testing.T) {
	git := gitRepo(t)
	page := readFile(t, "handbook/support/cs-career-levels.md")
	for _, name := range []string{"copy", "moved", "gone"} {
		writeFile(t, "handbook/support/"+name+".md", strings.Replace(page, "# Customer support career levels", "# Customer support career levels ("+name+")", 1))
	}
	git("add", ".")
	git("commit", "-qm", "copies")
	base := git("rev-parse", "HEAD")
	git("mv", "handbook/support/moved.md", "handbook/support/renamed.md")
	git("mv", "handbook/support/copy.md", "handbook/support/copy.txt") // out of the selection (**/*.md)
	git("rm", "-q", "handbook/support/gone.md")
	git("commit", "-qm", "move")
	edited := strings.Replace(page, "You achieve positive outcomes", "You reliably achieve positive outcomes", 1)
	writeFile(t, "handbook/support/cs-career-levels.md", edited)

	calls := gittrace.Start(t)
	changesFile := filepath.Join(t.TempDir(), "changes.md")
	var out, errOut strings.Builder
	code := Main([]string{"-changed-since", base, "-changes-file", changesFile, "handbook"}, &out, &errOut, func(string) string { return "" })
	if code != ExitClean && code != ExitFindings {
		t.Fatalf("exit %d\n%s%s", code, out.String(), errOut.String())
	}
	for sub, n := range gittrace.Subcommands(calls()) {
		if n > 1 {
			t.Errorf("git %s ran %d times, want once:\n%s", sub, n, strings.Join(calls(), "\n"))
		}
	}
	md, err := os.ReadFile(changesFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"You **reliably** achieve", "moved from handbook/support/moved.md",
		"removed from handbook/support/copy.md", "removed from handbook/support/gone.md"} {
		if !strings.Contains(string(md), want) {
			t.Errorf("the changes file lacks %q:\n%s", want, md)
		}
	}
}
