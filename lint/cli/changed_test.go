package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestActionChangedSincePullRequest: changed-since: pull_request takes the
// base commit from the event payload, reports only the touched ladder, and
// the job summary says what was skipped.
func TestActionChangedSincePullRequest(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	t.Chdir(dir)
	git := func(args ...string) string {
		cmd := exec.Command("git", args...)
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	page := "| Level | Proficiency | Delivery |\n|---|---|---|\n| IC1 | Learns the codebase with help | Ships small tasks on time |\n| IC3 | Designs systems across teams | Leads multi-quarter projects |\n"
	write := func(name, text string) {
		if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	git("init", "-q")
	write("a.md", page)
	write("b.md", page)
	git("add", ".")
	git("commit", "-qm", "base")
	base := git("rev-parse", "HEAD")
	write("a.md", strings.Replace(page, "with help", "with some help", 1))
	runner := t.TempDir()
	event := filepath.Join(runner, "event.json")
	write(event, `{"pull_request": {"base": {"sha": "`+base+`"}}}`)
	summary := filepath.Join(runner, "summary.md")
	write(summary, "")
	env := map[string]string{"GITHUB_ACTIONS": "true", "GITHUB_EVENT_PATH": event, "GITHUB_STEP_SUMMARY": summary,
		InputEnv("changed-since"): "pull_request", InputEnv("paths"): "."}
	var out, errOut strings.Builder
	code := Main(nil, &out, &errOut, func(k string) string { return env[k] })
	if code != ExitFindings {
		t.Fatalf("exit %d, want %d\n%s%s", code, ExitFindings, out.String(), errOut.String())
	}
	if !strings.Contains(out.String(), "file=a.md,") || strings.Contains(out.String(), "file=b.md") {
		t.Errorf("want an annotation on a.md only:\n%s", out.String())
	}
	md, _ := os.ReadFile(summary)
	if !strings.Contains(string(md), "skipped: 1 unchanged file, and 0 untouched ladders on changed pages") {
		t.Errorf("the summary does not say what was skipped:\n%s", md)
	}

	// Not a pull_request event: exit 2, naming the input.
	write(event, `{"push": {}}`)
	out.Reset()
	if code := Main(nil, &out, &errOut, func(k string) string { return env[k] }); code != ExitUsage ||
		!strings.Contains(out.String(), `input \"changed-since\"`) && !strings.Contains(out.String(), `input "changed-since"`) {
		t.Errorf("push event: exit %d\n%s", code, out.String())
	}
}
