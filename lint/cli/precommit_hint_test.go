package cli

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestPreCommitHint: under pre-commit (PRE_COMMIT=1), a commit blocked by
// an error that was already in the page before it says so and how to
// commit anyway; an error the commit brings in gets no such hint.
func TestPreCommitHint(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	t.Chdir(t.TempDir())
	git := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	gap := "| Level | Proficiency | Delivery |\n|---|---|---|\n| IC1 | Learns the codebase with help | Ships small tasks on time |\n| IC3 | Designs systems across teams | Leads multi-quarter projects |\n"
	whole := "| Level | Proficiency | Delivery |\n|---|---|---|\n| IC1 | Learns the codebase with help | Ships small tasks on time |\n| IC2 | Works on features alone | Delivers features end to end |\n"
	git("init", "-q")
	writeFile(t, "old.md", gap)
	writeFile(t, "new.md", whole)
	git("add", ".")
	git("commit", "-qm", "base")
	env := func(k string) string {
		if k == "PRE_COMMIT" {
			return "1"
		}
		return ""
	}
	// The commit edits new.md only; old.md's gap was there before.
	writeFile(t, "new.md", whole+"\nEdited.\n")
	var out, errOut strings.Builder
	code := Main([]string{"-no-snippets", "old.md", "new.md"}, &out, &errOut, env)
	if code != ExitFindings || !strings.Contains(out.String(), "1 blocking finding was already in these pages before this commit") ||
		!strings.Contains(out.String(), "args: [-changed-since, HEAD]") {
		t.Errorf("old error: exit %d, no hint:\n%s%s", code, out.String(), errOut.String())
	}
	// Without pre-commit, no hint.
	out.Reset()
	Main([]string{"-no-snippets", "old.md", "new.md"}, &out, &errOut, func(string) string { return "" })
	if strings.Contains(out.String(), "before this commit") {
		t.Errorf("hint outside pre-commit:\n%s", out.String())
	}
	// The commit brings the gap in: no hint.
	git("add", ".")
	git("commit", "-qm", "edit")
	writeFile(t, "old.md", whole)
	git("add", "old.md")
	git("commit", "-qm", "fix")
	writeFile(t, "new.md", gap)
	out.Reset()
	code = Main([]string{"-no-snippets", "old.md", "new.md"}, &out, &errOut, env)
	if code != ExitFindings || strings.Contains(out.String(), "before this commit") {
		t.Errorf("new error: exit %d, hint given:\n%s", code, out.String())
	}
}
