package lint_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ladderlint/ladderlint/lint"
)

// ladderPage is a small page with one ladder and one finding (an empty cell).
const ladderPage = "## Ladder\n\n| Level | Delivery | Teamwork |\n|---|---|---|\n| IC1 | ships small changes | helps |\n| IC2 | ships features | |\n"

// runBounded lints paths and fails t when the run does not come back within
// a minute (a FIFO or a symlink loop must not hang it).
func runBounded(t *testing.T, opt lint.Options) *lint.Result {
	t.Helper()
	type out struct {
		res *lint.Result
		err error
	}
	done := make(chan out, 1)
	go func() {
		res, err := lint.Run(opt)
		done <- out{res, err}
	}()
	select {
	case o := <-done:
		if o.err != nil {
			t.Fatalf("Run: %v", o.err)
		}
		return o.res
	case <-time.After(time.Minute):
		t.Fatalf("Run(%q) did not return within a minute", opt.Paths)
	}
	return nil
}

// fileError returns the FileError naming path (which Run may have made
// relative), or fails t.
func fileError(t *testing.T, res *lint.Result, path string) *lint.FileError {
	t.Helper()
	for _, err := range res.Errors {
		var fe *lint.FileError
		if errors.As(err, &fe) && strings.HasSuffix("/"+fe.Path, "/"+filepath.Base(path)) {
			return fe
		}
	}
	t.Fatalf("no error names %s; errors: %v", path, res.Errors)
	return nil
}

func write(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestHostileFiles(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.md")
	write(t, good, []byte(ladderPage))

	t.Run("50 MB page", func(t *testing.T) {
		big := filepath.Join(dir, "big.md")
		fh, err := os.Create(big)
		if err != nil {
			t.Fatal(err)
		}
		line := []byte(strings.Repeat("| IC1 | ships | helps |\n", 40))
		for written := 0; written < 50<<20; written += len(line) {
			fh.Write(line)
		}
		fh.Close()
		res := runBounded(t, lint.Options{Paths: []string{big, good}})
		if fe := fileError(t, res, big); !strings.Contains(fe.Msg, "limit") {
			t.Errorf("error %q does not mention the size limit", fe.Msg)
		}
		if res.Files != 1 || res.Ladders != 1 {
			t.Errorf("the good page beside it: %d files, %d ladders; want 1, 1", res.Files, res.Ladders)
		}
		// A raised limit is honoured.
		res = runBounded(t, lint.Options{Paths: []string{big}, MaxFileSize: 60 << 20})
		if len(res.Errors) != 0 || res.Files != 1 {
			t.Errorf("with -max-file-size 60 MiB: %d files, errors %v", res.Files, res.Errors)
		}
	})

	t.Run("100,000-row table", func(t *testing.T) {
		tall := filepath.Join(dir, "tall.md")
		var b bytes.Buffer
		b.WriteString("| Level | Delivery |\n|---|---|\n")
		for range 100000 {
			b.WriteString("| IC1 | ships |\n")
		}
		write(t, tall, b.Bytes())
		res := runBounded(t, lint.Options{Paths: []string{tall}})
		for _, f := range res.Findings {
			if f.Rule == "table-shape" && strings.Contains(f.Message, "more than") {
				return
			}
		}
		t.Errorf("no table-shape finding says the cell limit was hit; findings: %d, errors %v", len(res.Findings), res.Errors)
	})

	t.Run("binary file named .md", func(t *testing.T) {
		bin := filepath.Join(dir, "logo.md")
		write(t, bin, append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 1, 2, 0xff}, 4096)...))
		res := runBounded(t, lint.Options{Paths: []string{bin}})
		if fe := fileError(t, res, bin); !strings.Contains(fe.Msg, "binary") {
			t.Errorf("error %q does not say binary", fe.Msg)
		}
	})

	t.Run("unreadable file", func(t *testing.T) {
		locked := filepath.Join(dir, "locked.md")
		write(t, locked, []byte(ladderPage))
		if err := os.Chmod(locked, 0); err != nil {
			t.Fatal(err)
		}
		defer os.Chmod(locked, 0o644)
		if data, err := os.ReadFile(locked); err == nil && len(data) > 0 {
			t.Skip("running as root: a chmod 000 file is still readable")
		}
		res := runBounded(t, lint.Options{Paths: []string{locked}})
		if fe := fileError(t, res, locked); !strings.Contains(fe.Msg, "permission denied") {
			t.Errorf("error %q does not say permission denied", fe.Msg)
		}
	})

	t.Run("symlink loop", func(t *testing.T) {
		loop := t.TempDir()
		a, b := filepath.Join(loop, "a.md"), filepath.Join(loop, "b.md")
		if err := os.Symlink(b, a); err != nil {
			t.Skip("no symlinks here:", err)
		}
		os.Symlink(a, b)
		os.Symlink(loop, filepath.Join(loop, "sub")) // a folder loop
		write(t, filepath.Join(loop, "good.md"), []byte(ladderPage))
		res := runBounded(t, lint.Options{Paths: []string{loop}, Root: loop})
		if res.Files != 1 {
			t.Errorf("walking the folder: %d files linted, want 1 (errors %v)", res.Files, res.Errors)
		}
		res = runBounded(t, lint.Options{Paths: []string{a}})
		if fe := fileError(t, res, a); !strings.Contains(fe.Msg, "too many levels of symbolic links") {
			t.Errorf("error %q does not name the loop", fe.Msg)
		}
	})

	t.Run("directory named x.md", func(t *testing.T) {
		d := filepath.Join(dir, "folder", "x.md")
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(d, "inner.md"), []byte(ladderPage))
		res := runBounded(t, lint.Options{Paths: []string{filepath.Join(dir, "folder")}, Root: filepath.Join(dir, "folder")})
		if res.Files != 1 || len(res.Errors) != 0 {
			t.Errorf("%d files, errors %v; want the one page inside x.md and no error", res.Files, res.Errors)
		}
	})

	t.Run("FIFO", func(t *testing.T) {
		fifoDir := t.TempDir()
		fifo := filepath.Join(fifoDir, "pipe.md")
		if err := syscall.Mkfifo(fifo, 0o644); err != nil {
			t.Skip("no FIFOs here:", err)
		}
		write(t, filepath.Join(fifoDir, "good.md"), []byte(ladderPage))
		// Inside a folder a FIFO is not a page; named on the command line it is an error.
		res := runBounded(t, lint.Options{Paths: []string{fifoDir}, Root: fifoDir})
		if res.Files != 1 {
			t.Errorf("walking the folder: %d files, want 1 (errors %v)", res.Files, res.Errors)
		}
		res = runBounded(t, lint.Options{Paths: []string{fifo}})
		if fe := fileError(t, res, fifo); !strings.Contains(fe.Msg, "not a regular file") {
			t.Errorf("error %q does not say it is not a regular file", fe.Msg)
		}
	})

	t.Run("encodings", func(t *testing.T) {
		for name, data := range map[string]string{
			"bom.md":     "\ufeff" + ladderPage,
			"crlf.md":    strings.ReplaceAll(ladderPage, "\n", "\r\n"),
			"cr.md":      strings.ReplaceAll(ladderPage, "\n", "\r"),
			"latin1.md":  strings.ReplaceAll(ladderPage, "helps", "hilft \xfcberall \xff"),
			"nul-end.md": strings.Repeat("x\n", 5000) + "\x00",
		} {
			p := filepath.Join(dir, name)
			write(t, p, []byte(data))
			res := runBounded(t, lint.Options{Paths: []string{p}})
			for _, f := range res.Findings {
				if f.Range.Start.Offset < 0 || f.Range.End.Offset > len(data) || f.Range.Start.Line < 1 {
					t.Errorf("%s: finding %s at %+v outside the file", name, f.Rule, f.Range)
				}
			}
			t.Logf("%s: %d files, %d ladders, %d findings, errors %v", name, res.Files, res.Ladders, len(res.Findings), res.Errors)
			if want := strings.Count(data, "| IC1 |"); res.Files != 1 || res.Ladders != want {
				t.Errorf("%s: %d files, %d ladders; want 1 file, %d ladders", name, res.Files, res.Ladders, want)
			}
		}
	})
}
