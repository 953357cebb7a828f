package lint_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint"
)

const twoLadders = `# Engineering

| Level | Proficiency | Delivery |
|---|---|---|
| IC1 | Learns the codebase with help | Ships small tasks on time |
| IC3 | Designs systems across teams | Leads multi-quarter projects |

# Management

| Level | Strategy | Execution |
|---|---|---|
| M3 | Sets the direction of one team | Runs planning for one team |
| M5 | Sets the direction of an org | Runs planning for the organisation |
`

// TestChangedSince: only ladders the diff touches are reported, whole.
func TestChangedSince(t *testing.T) {
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
	git("init", "-q")
	write("handbook/eng.md", twoLadders)
	write("handbook/other.md", twoLadders)
	git("add", ".")
	git("commit", "-qm", "base")
	// Edit one cell of the management ladder only.
	write("handbook/eng.md", strings.Replace(twoLadders, "Runs planning for one team", "Runs planning for one team well", 1))

	res, err := lint.Run(lint.Options{Paths: []string{"handbook"}, ChangedSince: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Files != 1 || res.SkippedFiles != 1 || res.Ladders != 1 || res.SkippedLadders != 1 {
		t.Errorf("files %d (skipped %d), ladders %d (skipped %d); want 1, 1, 1, 1", res.Files, res.SkippedFiles, res.Ladders, res.SkippedLadders)
	}
	if len(res.Findings) != 1 || res.Findings[0].Level != "M5" || res.Findings[0].Rule != "level-gap" {
		t.Errorf("want only the M4 gap of the touched ladder, got %+v", res.Findings)
	}

	if _, err := lint.Run(lint.Options{Paths: []string{"handbook"}, ChangedSince: "nosuchrev"}); err == nil ||
		!strings.Contains(err.Error(), `"nosuchrev" is not a commit`) {
		t.Errorf("bad revision: got %v", err)
	}
}
