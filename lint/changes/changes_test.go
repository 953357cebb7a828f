package changes

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ladderlint/ladderlint/internal/gittrace"
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
	dir := gitRepo(t, map[string]string{"a.md": "one\ntwo\nthree\n", "b.md": "same\n"})
	write := func(name, text string) {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("a.md", "one\nTWO\nthree\n")
	t.Chdir(dir)
	got, err := Since(".", cwd(t), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, map[string]Lines{"a.md": {{2, 2}}}) {
		t.Fatalf("got %v", got)
	}
	if _, err := Since(dir, cwd(t), "no-such-rev"); err == nil {
		t.Fatal("a bad revision must be an error")
	}
	if _, err := Since(t.TempDir(), cwd(t), "HEAD"); err == nil {
		t.Fatal("outside a repository must be an error")
	}
	// Asked from elsewhere, paths are relative to the current folder.
	t.Chdir(t.TempDir())
	got, err = Since(dir, cwd(t), "HEAD")
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

// gitRepo makes a repository with one commit of files in a new folder.
func gitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
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
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("add", ".")
	run("commit", "-qm", "base")
	return dir
}

// TestSinceNeverWrites: a file touched after checkout (same content, new
// modification time) is not a change, and asking git leaves .git exactly as
// it was: `git diff` would refresh and rewrite .git/index.
func TestSinceNeverWrites(t *testing.T) {
	dir := gitRepo(t, map[string]string{"a.md": "one\ntwo\n", "b.md": "same\n"})
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("one\nTWO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	later := time.Now().Add(time.Hour)
	if err := os.Chtimes(filepath.Join(dir, "b.md"), later, later); err != nil {
		t.Fatal(err)
	}
	before := gitState(t, dir)
	t.Chdir(dir)
	got, err := Since(".", cwd(t), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, map[string]Lines{"a.md": {{2, 2}}}) {
		t.Errorf("got %v, want a.md line 2 only", got)
	}
	if after := gitState(t, dir); after != before {
		b, a := strings.Split(before, "\n"), strings.Split(after, "\n")
		for _, l := range b {
			if !slices.Contains(a, l) {
				t.Errorf(".git changed: was %s", l)
			}
		}
		for _, l := range a {
			if !slices.Contains(b, l) {
				t.Errorf(".git changed: now %s", l)
			}
		}
	}
}

// gitState describes every file under dir/.git: name, size, time, content.
func gitState(t *testing.T, dir string) string {
	t.Helper()
	var b strings.Builder
	err := filepath.WalkDir(filepath.Join(dir, ".git"), func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(&b, "%s %v %d %d", p, info.Mode(), info.Size(), info.ModTime().UnixNano())
		if info.Mode().IsRegular() {
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			fmt.Fprintf(&b, " %x", sha256.Sum256(data))
		}
		b.WriteString("\n")
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestSinceSaysWhyGitRefuses: a repository owned by another user is
// refused by git (CVE-2022-24765); the error says git's reason, not "not
// inside a git repository".
func TestSinceSaysWhyGitRefuses(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to give the repository to another user")
	}
	dir := gitRepo(t, map[string]string{"a.md": "one\n"})
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, 1001, 121)
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Setenv("HOME", t.TempDir()) // no safe.directory from the user's or the system's configuration
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("GIT_CONFIG_GLOBAL", "")
	_, err = Since(dir, cwd(t), "HEAD")
	if err == nil || !strings.Contains(err.Error(), "dubious ownership") || strings.Contains(err.Error(), "not inside a git repository") ||
		strings.Contains(err.Error(), "\n") {
		t.Errorf("err = %v, want git's reason (dubious ownership) on one line", err)
	}
	if _, err := Since(t.TempDir(), cwd(t), "HEAD"); err == nil || !strings.Contains(err.Error(), "not inside a git repository") {
		t.Errorf("outside a repository: %v", err)
	}
}

// TestSinceShallow: a revision missing from a shallow clone is explained
// with the fix (fetch-depth: 0).
func TestSinceShallow(t *testing.T) {
	src := gitRepo(t, map[string]string{"a.md": "one\n"})
	cmd := exec.Command("git", "-c", "protocol.file.allow=always", "commit", "-q", "--allow-empty", "-m", "second")
	cmd.Dir = src
	cmd.Env = append(os.Environ(), "GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@t", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@t")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	first, err := exec.Command("git", "-C", src, "rev-parse", "HEAD~1").Output()
	if err != nil {
		t.Fatal(err)
	}
	clone := filepath.Join(t.TempDir(), "clone")
	if out, err := exec.Command("git", "clone", "-q", "--depth=1", "file://"+src, clone).CombinedOutput(); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	_, err = Since(clone, cwd(t), strings.TrimSpace(string(first)))
	if err == nil || !strings.Contains(err.Error(), "shallow clone") || !strings.Contains(err.Error(), "fetch-depth: 0") {
		t.Errorf("err = %v, want the shallow clone explained", err)
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
	_, err := Since(".", cwd(t), "origin/no-such-branch")
	if err == nil || !strings.Contains(err.Error(), "git fetch origin no-such-branch`") {
		t.Errorf("Since: %v", err)
	}
}

// cwd is the test's working folder, which Since makes paths relative to.
func cwd(t *testing.T) string {
	t.Helper()
	wd, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	return wd
}

// TestOpenAsksGitOnce: opening the repository at a revision is one git
// process, found or not: the top folder, the commit, and whether the clone
// is shallow come from one rev-parse; Since adds only the diff-index.
func TestOpenAsksGitOnce(t *testing.T) {
	dir := gitRepo(t, map[string]string{"a.md": "one\ntwo\n"})
	if err := os.WriteFile(filepath.Join(dir, "a.md"), []byte("one\nTWO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	calls := gittrace.Start(t)
	got, err := Since(".", cwd(t), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, map[string]Lines{"a.md": {{2, 2}}}) {
		t.Errorf("got %v", got)
	}
	if n := gittrace.Subcommands(calls()); len(calls()) != 2 || n["rev-parse"] != 1 || n["diff-index"] != 1 {
		t.Errorf("Since ran git %d times, want one rev-parse and one diff-index:\n%s", len(calls()), strings.Join(calls(), "\n"))
	}
	r, err := Open(".", "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if real, _ := filepath.EvalSymlinks(dir); r.Root != real && r.Root != dir || len(r.Commit) < 40 || r.Rev != "HEAD" {
		t.Errorf("Open: %+v, want root %s", r, dir)
	}
	before := len(calls())
	tree := strings.TrimSpace(string(must(exec.Command("git", "rev-parse", "HEAD^{tree}").Output())))
	before++
	for _, rev := range []string{"no-such-rev", tree} {
		_, err := Open(".", rev)
		if err == nil || !strings.Contains(err.Error(), fmt.Sprintf("%q is not a commit in this repository (fetch it first", rev)) {
			t.Errorf("%s: err = %v", rev, err)
		}
	}
	if n := len(calls()) - before; n != 2 {
		t.Errorf("two unknown revisions ran git %d times, want 2:\n%s", n, strings.Join(calls(), "\n"))
	}
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// TestSinceAwkwardPlaces: a changed file whose name holds a space (git ends
// its diff header with a tab), asked from a working folder reached through
// a symbolic link (git resolves the top folder's); and a revision git
// cannot read (exit status 128) is still "not a commit", not a refusal.
func TestSinceAwkwardPlaces(t *testing.T) {
	dir := gitRepo(t, map[string]string{"my ladder.md": "one\ntwo\n", "plain.md": "a\n"})
	if err := os.WriteFile(filepath.Join(dir, "my ladder.md"), []byte("one\nTWO\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(t.TempDir(), "linked")
	if err := os.Symlink(dir, link); err != nil {
		t.Skip("no symbolic links here:", err)
	}
	t.Chdir(link)
	got, err := Since(".", link, "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, map[string]Lines{"my ladder.md": {{2, 2}}}) {
		t.Errorf("got %v, want the second line of \"my ladder.md\"", got)
	}
	for _, rev := range []string{"HEAD@{5}", "HEAD@{upstream}"} {
		_, err := Since(".", link, rev)
		if err == nil || !strings.Contains(err.Error(), "is not a commit in this repository") {
			t.Errorf("%s: %v, want \"is not a commit in this repository\"", rev, err)
		}
	}
}
