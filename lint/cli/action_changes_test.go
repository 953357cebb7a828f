package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

// TestE15LadderChanges: on a pull request with changed-since:
// pull_request, the job summary gets a "Ladder changes" section and the
// changes-file input receives the same markdown; a level removed is a
// level-removed warning; the workspace, .git included, is unchanged (E10).
func TestE15LadderChanges(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	changesFile := filepath.Join(t.TempDir(), "ladder-changes.md")
	setup := func(t *testing.T, ws string) map[string]string {
		git := func(args ...string) string {
			cmd := exec.Command("git", args...)
			cmd.Dir = ws
			cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t",
				"GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1")
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("git %v: %v\n%s", args, err, out)
			}
			return strings.TrimSpace(string(out))
		}
		page := filepath.Join(ws, filepath.FromSlash(engineering))
		// Files older than the index: git never sees them as racily clean.
		past := time.Now().Add(-time.Hour)
		commit := func(msg string) {
			os.Chtimes(page, past, past)
			git("add", ".")
			git("commit", "-qm", msg)
		}
		git("init", "-q", "-b", "main")
		commit("base")
		base := git("rev-parse", "HEAD")
		text, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		edited := strings.Replace(string(text), "| Ships features with little help |", "| Ships features with little help. Mentors newer engineers. |", 1)
		edited = strings.Replace(edited, "| IC3 | Designs components for the team | Ships projects end to end | Mentors newer engineers |\n", "", 1)
		if err := os.WriteFile(page, []byte(edited), 0o644); err != nil {
			t.Fatal(err)
		}
		commit("head")
		event := filepath.Join(t.TempDir(), "event.json")
		if err := os.WriteFile(event, []byte(`{"pull_request": {"base": {"sha": "`+base+`"}}}`), 0o644); err != nil {
			t.Fatal(err)
		}
		// The container has git on its PATH.
		return map[string]string{"GITHUB_EVENT_PATH": event, "PATH": os.Getenv("PATH")}
	}
	r := run(t, step{fixture: "clean", setup: setup,
		with: map[string]string{"changed-since": "pull_request", "changes-file": changesFile}})
	if r.code != ExitClean {
		t.Errorf("exit %d, want 0 (a level removed is a warning)\n%s%s", r.code, r.stdout, r.stderr)
	}
	warns := r.annotations("warning")
	if len(warns) != 1 || !strings.Contains(warns[0].Data, `level "IC3" of the ladder "Engineering ladder" was at line 7 at `) {
		t.Errorf("want one level-removed warning, got %v", warns)
	}
	summary := string(r.summary)
	changes, err := os.ReadFile(changesFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"### Ladder changes\n",
		"- ✏️ **Engineering ladder** at [handbook/ladders/engineering.md\\:3](https://github.com/octo/handbook/blob/3333333333333333333333333333333333333333/handbook/ladders/engineering.md?plain=1#L3)",
		"  - **IC2**\n    - ↪️ Delivery, moved from IC3 · Teamwork: Mentors newer engineers.\n",
		"  - **IC3** level removed (3 expectations)\n",
	} {
		if !strings.Contains(string(changes), want) {
			t.Errorf("changes file lacks %q:\n%s", want, changes)
		}
	}
	if !strings.Contains(summary, string(changes)) {
		t.Errorf("the summary does not hold the changes file's section:\n%s\n--- changes file:\n%s", summary, changes)
	}
	// The findings that fail the check come first, then the ladder
	// changes, then the coverage (issue 11).
	if f, c, m := strings.Index(summary, "### Findings"), strings.Index(summary, "### Ladder changes"), strings.Index(summary, "### Coverage"); f > c || m >= 0 && c > m {
		t.Errorf("want findings, then ladder changes, then coverage:\n%s", summary)
	}
}

// TestReadmeChangesWorkflow: the README's pull-request comment workflow is
// a valid workflow (SchemaStore's schema), passes only declared inputs,
// writes the changes file under runner_temp, and the comment step reads it
// from $RUNNER_TEMP.
func TestReadmeChangesWorkflow(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n### Ladder changes on pull requests\n")
	if !ok {
		t.Fatal(`README.md has no "### Ladder changes on pull requests" section`)
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	if !ok {
		t.Fatal("the section has no yaml block")
	}
	block, _, _ = strings.Cut(block, "```")
	validate(t, "../../testdata/schemas/github-workflow.json", yamlToJSON(t, []byte(block)))
	var wf struct {
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
				Run  string            `yaml:"run"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(block), &wf); err != nil {
		t.Fatal(err)
	}
	if wf.Permissions["pull-requests"] != "write" || wf.Permissions["contents"] != "read" {
		t.Errorf("permissions %v: the comment needs pull-requests: write, and contents: read is enough", wf.Permissions)
	}
	declared := readActionMeta(t).Inputs
	var with map[string]string
	var run string
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if strings.HasPrefix(s.Uses, "ladderlint/ladderlint@") {
				with = s.With
			}
			run += s.Run
		}
	}
	for k := range with {
		if _, ok := declared[k]; !ok {
			t.Errorf("with: %s is not an input of action.yml", k)
		}
	}
	if with["changed-since"] != "pull_request" || with["changes-file"] != "/github/runner_temp/ladder-changes.md" {
		t.Errorf("the action step does not write the changes: %v", with)
	}
	if !strings.Contains(run, `--body-file "$RUNNER_TEMP/ladder-changes.md"`) {
		t.Errorf("no step posts $RUNNER_TEMP/ladder-changes.md:\n%s", run)
	}
}
