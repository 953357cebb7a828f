// Package integration tests how ladderlint fits the tools around it:
// the pre-commit manifest and the real pre-commit, and the rdjsonl output
// through the real reviewdog. Tests that need a tool that is not installed
// (or cannot be built) skip and say why.
package integration

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// pkgDir is this package's folder, where go test starts (tests may t.Chdir).
var pkgDir, pkgDirErr = os.Getwd()

// repoRoot is the module root, two folders up from this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	if pkgDirErr != nil {
		t.Fatal(pkgDirErr)
	}
	root := filepath.Dir(filepath.Dir(pkgDir))
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("no go.mod at %s: %v", root, err)
	}
	return root
}

// cleanPage is the demo handbook's support ladder: no errors, three
// warnings (a behaviour written twice, two placeholder levels).
func cleanPage(t *testing.T) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repoRoot(t), "testdata", "demo", "support", "cs-career-levels.md"))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// brokenLine is where brokenPage relabels IC3 as a second IC4.
const brokenLine = 252

// brokenPage is cleanPage with level IC3 relabelled IC4, as a bad
// copy-paste would: IC3 goes missing (an error) and IC4 appears twice.
func brokenPage(t *testing.T) []byte {
	t.Helper()
	clean := cleanPage(t)
	lines := bytes.SplitAfter(clean, []byte("\n"))
	old := []byte("IC</abbr>3</th>")
	if !bytes.Contains(lines[brokenLine-1], old) {
		t.Fatalf("line %d of the demo page no longer labels IC3; update brokenLine", brokenLine)
	}
	lines[brokenLine-1] = bytes.Replace(lines[brokenLine-1], old, []byte("IC</abbr>4</th>"), 1)
	return bytes.Join(lines, nil)
}

// gitRepo creates a git repository in a new temporary folder with files
// (slash paths to contents) committed, and returns its path.
func gitRepo(t *testing.T, files map[string][]byte) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not on PATH")
	}
	dir := t.TempDir()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run(t, dir, nil, "git", "init", "-q", ".")
	run(t, dir, nil, "git", "add", ".")
	run(t, dir, nil, "git", "-c", "user.name=ladderlint test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "fixtures")
	return dir
}

// run runs a command that must succeed and returns its combined output.
func run(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	out, code := runCode(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// runCode runs a command and returns its combined output and exit code.
func runCode(t *testing.T, dir string, env []string, name string, args ...string) (string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return string(out), ee.ExitCode()
		}
		t.Fatalf("%s: %v", name, err)
	}
	return string(out), 0
}
