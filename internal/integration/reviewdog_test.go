package integration

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ladderlint/ladderlint/lint"
	"github.com/ladderlint/ladderlint/lint/report"
)

// reviewdogVersion is the reviewdog the test builds.
const reviewdogVersion = "v0.21.0"

// TestReviewdog feeds ladderlint's rdjsonl output to the real reviewdog
// (`-f=rdjsonl -reporter=local`), built with `go install` into a temporary
// folder. The page is committed clean and then broken in the working tree,
// as in a pull request: with `-filter-mode=nofilter` reviewdog reports every
// finding, with `-diff="git diff"` only the one on the edited line. It runs
// with LADDERLINT_REVIEWDOG=1 only, and skips when reviewdog cannot be built.
func TestReviewdog(t *testing.T) {
	if os.Getenv("LADDERLINT_REVIEWDOG") != "1" {
		t.Skip("set LADDERLINT_REVIEWDOG=1 to build and run the real reviewdog " + reviewdogVersion + "; .ci/run does")
	}
	bin := t.TempDir()
	out, code := runCode(t, bin, []string{"GOBIN=" + bin, "GOFLAGS=-modcacherw"}, "go", "install", "github.com/reviewdog/reviewdog/cmd/reviewdog@"+reviewdogVersion)
	if code != 0 {
		t.Skipf("cannot build reviewdog %s (needs the Go module proxy):\n%s", reviewdogVersion, out)
	}
	reviewdog := filepath.Join(bin, "reviewdog")

	dir := gitRepo(t, map[string][]byte{"ladders/support.md": cleanPage(t)})
	if err := os.WriteFile(filepath.Join(dir, "ladders", "support.md"), brokenPage(t), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(dir)
	res, err := lint.Run(lint.Options{Paths: []string{"."}, Root: ".", Quotes: true})
	if err != nil {
		t.Fatal(err)
	}
	var rd bytes.Buffer
	if err := report.RDJSONL(&rd, &res.Run); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(rd.String(), "\n"), "\n")
	if len(lines) < 3 {
		t.Fatalf("expected several findings on the broken page, got:\n%s", rd.String())
	}
	reviewdogRun := func(args ...string) (string, int) {
		t.Helper()
		cmd := exec.Command(reviewdog, append([]string{"-f=rdjsonl", "-name=ladderlint"}, args...)...)
		cmd.Dir = dir
		cmd.Stdin = bytes.NewReader(rd.Bytes())
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(stderr.String(), "parse") {
			t.Errorf("reviewdog could not parse the input:\n%s", stderr.String())
		}
		return stdout.String(), code
	}

	// Every diagnostic, as written: the local reporter echoes each one it accepts.
	all, code := reviewdogRun("-reporter=local", "-filter-mode=nofilter", "-fail-level=error")
	if code != 1 {
		t.Errorf("-fail-level=error with an error finding: exit %d, want 1", code)
	}
	if got := strings.Split(strings.TrimSuffix(all, "\n"), "\n"); len(got) != len(lines) {
		t.Errorf("reviewdog reported %d of %d diagnostics:\n%s", len(got), len(lines), all)
	}
	for _, l := range lines {
		if !strings.Contains(all, l) {
			t.Errorf("reviewdog did not report %s", l)
		}
	}

	// Only the edited line: reviewdog matched path and line against git diff.
	added, code := reviewdogRun("-reporter=local", `-diff=git diff`, "-filter-mode=added", "-fail-level=error")
	want := `{"message":"level \"IC3\" is missing between \"IC2\" and \"IC4\"","location":{"path":"ladders/support.md","range":{"start":{"line":252,"column":129},"end":{"line":252,"column":139}}},"severity":"ERROR","source":{"name":"ladderlint"},"code":{"value":"level-gap"}}` + "\n"
	if added != want || code != 1 {
		t.Errorf("-filter-mode=added: exit %d, reported\n%s\nwant exit 1 and only\n%s", code, added, want)
	}

	// What reviewdog understood: its own rdjsonl re-encoding keeps path,
	// range, severity and code.
	parsed, _ := reviewdogRun("-reporter=rdjsonl", "-filter-mode=nofilter")
	var got []map[string]any
	dec := json.NewDecoder(strings.NewReader(parsed))
	for dec.More() {
		var d map[string]any
		if err := dec.Decode(&d); err != nil {
			t.Fatalf("%v in\n%s", err, parsed)
		}
		got = append(got, d)
	}
	if len(got) != len(lines) {
		t.Fatalf("reviewdog re-encoded %d of %d diagnostics:\n%s", len(got), len(lines), parsed)
	}
	for i, l := range lines {
		var sent map[string]any
		json.Unmarshal([]byte(l), &sent)
		for _, key := range []string{"message", "location", "severity", "code"} {
			a, _ := json.Marshal(sent[key])
			b, _ := json.Marshal(got[i][key])
			if !bytes.Equal(a, b) {
				t.Errorf("diagnostic %d: reviewdog read %s as %s, ladderlint wrote %s", i, key, b, a)
			}
		}
	}
}
