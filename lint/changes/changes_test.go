package changes

import (
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseDiff(t *testing.T) {
	out := []byte(`diff --git a/eng/ladder.md b/eng/ladder.md
--- a/eng/ladder.md
+++ b/eng/ladder.md
@@ -3 +3 @@ intro
-old
+new
@@ -10,2 +10,0 @@
@@ -20,0 +19,3 @@
diff --git a/new.md b/new.md
--- /dev/null
+++ b/new.md
@@ -0,0 +1,2 @@
`)
	got := parseDiff(out)
	want := map[string]Lines{"eng/ladder.md": {{3, 3}, {10, 11}, {19, 21}}, "new.md": {{1, 2}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	if !got["eng/ladder.md"].Touches(18, 19) || got["eng/ladder.md"].Touches(4, 9) {
		t.Error("Touches is wrong")
	}
}

func TestSinceRealGit(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	run := func(args ...string) {
		cmd := exec.Command("git", args...)
		cmd.Dir = dir
		cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	run("init", "-q")
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "one\ntwo\nthree\n")
	write("b.md", "same\n")
	run("add", ".")
	run("commit", "-qm", "base")
	write("a.md", "one\nTWO\nthree\n")
	t.Chdir(dir)
	got, err := Since(".", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, map[string]Lines{"a.md": {{2, 2}}}) {
		t.Fatalf("got %v", got)
	}
	if _, err := Since(dir, "no-such-rev"); err == nil {
		t.Fatal("a bad revision must be an error")
	}
	if _, err := Since(t.TempDir(), "HEAD"); err == nil {
		t.Fatal("outside a repository must be an error")
	}
	// Asked from elsewhere, paths are relative to the current folder.
	t.Chdir(t.TempDir())
	got, err = Since(dir, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	for p := range got {
		if filepath.Base(p) != "a.md" || !filepath.IsAbs(filepath.Join(dir, "..")) {
			t.Errorf("unexpected path %q", p)
		}
		if _, err := os.Stat(p); err != nil {
			t.Errorf("path %q does not name the changed file from the current folder: %v", p, err)
		}
	}
}

// TestFetchHint: the hint is a command that works: `git fetch --depth=1
// origin origin/main` (the old hint) names no branch of origin.
func TestFetchHint(t *testing.T) {
	for rev, want := range map[string]string{
		"origin/main": "`git fetch origin main`",
		"main":        "`git fetch origin main`",
		"a1b2c3d":     "`git fetch origin a1b2c3d`",
	} {
		got := FetchHint(rev)
		if !strings.Contains(got, want) || !strings.Contains(got, "fetch-depth: 0") || strings.Contains(got, "origin origin/") {
			t.Errorf("%s: %s", rev, got)
		}
	}
	_, err := Since(".", "origin/no-such-branch")
	if err == nil || !strings.Contains(err.Error(), "git fetch origin no-such-branch`") {
		t.Errorf("Since: %v", err)
	}
}
