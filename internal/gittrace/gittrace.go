// Package gittrace records the git commands a test starts: a script named
// git, first on PATH, appends its arguments to a log and runs the real git.
package gittrace

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Start puts the recording git first on PATH for the rest of the test (so
// the test cannot run in parallel) and returns a function that lists the
// commands started since, one line of arguments each, in order.
func Start(t testing.TB) func() []string {
	t.Helper()
	real, err := exec.LookPath("git")
	if err != nil {
		t.Skip("git not installed")
	}
	if real, err = filepath.Abs(real); err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	log := filepath.Join(bin, "calls.log")
	script := "#!/bin/sh\nprintf '%s\\n' \"$*\" >> " + quote(log) + "\nexec " + quote(real) + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	return func() []string {
		t.Helper()
		data, err := os.ReadFile(log)
		if os.IsNotExist(err) {
			return nil
		}
		if err != nil {
			t.Fatal(err)
		}
		return strings.Split(strings.TrimSuffix(string(data), "\n"), "\n")
	}
}

// Subcommands counts the calls by git subcommand (the first argument).
func Subcommands(calls []string) map[string]int {
	n := map[string]int{}
	for _, c := range calls {
		sub, _, _ := strings.Cut(c, " ")
		n[sub]++
	}
	return n
}

// quote is s as one single-quoted shell word.
func quote(s string) string { return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'" }
