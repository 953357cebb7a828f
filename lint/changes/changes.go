// Package changes asks git which lines changed since a revision, so that a
// run can report only the ladders a pull request touches.
package changes

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
)

// Lines is a set of changed line ranges of one file, 1-based and inclusive.
type Lines [][2]int

// Touches reports whether any changed line lies in [from, to].
func (l Lines) Touches(from, to int) bool {
	for _, r := range l {
		if r[0] <= to && r[1] >= from {
			return true
		}
	}
	return false
}

// Error is a git problem: no git, not a repository, an unknown revision.
type Error struct{ Msg string }

func (e *Error) Error() string { return e.Msg }

// Since returns, per changed file, the lines of the working tree that differ
// from rev, in the git repository that holds dir. Paths are slash-separated
// and relative to the working folder wd, like the paths ladderlint reports.
// Deleted lines mark the line after the deletion. Files deleted since rev
// are left out.
func Since(dir, wd, rev string) (map[string]Lines, error) {
	r, err := Open(dir, rev)
	if err != nil {
		return nil, err
	}
	return r.Since(wd)
}

// Repo is a git repository opened at a revision: its top folder and the
// revision's commit, asked of git once (see Open) and then shared by what
// one run asks about that revision (Since here, the files of the revision
// in lint/diff).
type Repo struct {
	// Dir is the folder the repository was found from; Root is its top
	// folder, as git prints it.
	Dir, Root string
	// Rev is the revision as given; Commit its full object name.
	Rev, Commit string
}

// Open finds the git repository that holds dir and resolves rev to a commit
// in it, with one git process:
//
//	git rev-parse --show-toplevel --is-shallow-repository --verify --quiet REV^{commit}
//
// rev-parse prints its answers in the order it is asked and --verify comes
// last: when rev names no commit, git stops there with status 1 (--quiet:
// without a message), having printed the top folder and whether the clone is
// shallow, which says why. Not a repository, or one git refuses to read,
// stops it at --show-toplevel with status 128 and git's reason.
func Open(dir, rev string) (*Repo, error) {
	if strings.HasPrefix(rev, "-") || rev == "" {
		return nil, &Error{Msg: fmt.Sprintf("%q is not a git revision", rev)}
	}
	if _, err := exec.LookPath("git"); err != nil {
		return nil, &Error{Msg: "comparing with a revision needs git, which is not installed"}
	}
	cmd := Command(dir, "rev-parse", "--show-toplevel", "--is-shallow-repository", "--verify", "--quiet", rev+"^{commit}")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	// The answers, last first: the commit (when found), "true" or "false",
	// and the top folder (which may itself hold a newline).
	rest, last := lastLine(string(out))
	var ee *exec.ExitError
	switch {
	case err == nil:
		top, shallow := lastLine(rest)
		if (shallow == "true" || shallow == "false") && top != "" && last != "" {
			return &Repo{Dir: dir, Root: top, Rev: rev, Commit: last}, nil
		}
		err = fmt.Errorf("unexpected answer from git rev-parse: %q", out)
	case errors.As(err, &ee) && rest != "" && (last == "true" || last == "false"):
		// git answered for the repository and stopped at the revision:
		// status 1 when it names no commit, 128 when it cannot be read
		// ("HEAD@{5}" past the reflog, "@{upstream}" without one).
		if last == "true" {
			return nil, &Error{Msg: fmt.Sprintf("%q is not in this shallow clone: check out the whole history (actions/checkout with fetch-depth: 0), or %s", rev, FetchHint(rev))}
		}
		return nil, &Error{Msg: fmt.Sprintf("%q is not a commit in this repository (%s)", rev, FetchHint(rev))}
	case errors.As(err, &ee) && stderr.Len() > 0:
		err = errors.New(strings.TrimSpace(stderr.String()))
	}
	return nil, refused(dir, err)
}

// lastLine splits git's output, less its final newline, at its last line.
func lastLine(out string) (rest, last string) {
	out = strings.TrimSuffix(out, "\n")
	i := strings.LastIndexByte(out, '\n')
	if i < 0 {
		return "", out
	}
	return out[:i], out[i+1:]
}

// Since is the package's Since in the opened repository.
func (r *Repo) Since(wd string) (map[string]Lines, error) {
	root := r.Root
	// diff-index, not diff: the porcelain refreshes the index's stat data and
	// rewrites .git/index when a file was touched since checkout (as root in
	// the Action's container, leaving a root-owned index in the user's
	// workspace); GIT_OPTIONAL_LOCKS=0 does not stop that. The plumbing only
	// reads: stat-dirty files are compared by content, so an unchanged file
	// gives no hunk. No rename detection: a renamed page counts as new.
	out, err := git(root, "diff-index", "--patch", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0",
		"--diff-filter=d", r.Commit, "--")
	if err != nil {
		return nil, &Error{Msg: "git diff-index failed: " + err.Error()}
	}
	// git prints the top folder with symbolic links resolved: so must the
	// working folder be, or a folder reached through a link (/tmp on macOS)
	// names every changed file "../…" and none matches a linted page.
	if real, err := filepath.EvalSymlinks(wd); err == nil && wd != "" {
		wd = real
	}
	files := map[string]Lines{}
	for p, lines := range parseDiff(out) {
		abs := filepath.Join(root, filepath.FromSlash(p))
		if rel, err := filepath.Rel(wd, abs); err == nil && wd != "" {
			abs = rel
		}
		files[filepath.ToSlash(abs)] = lines
	}
	return files, nil
}

// refused explains why git would not read the repository of dir: not a
// repository at all, or git's own reason (say, "detected dubious ownership"
// when the folder belongs to another user), on one line.
func refused(dir string, err error) *Error {
	msg := err.Error()
	if strings.Contains(msg, "not a git repository") {
		return &Error{Msg: fmt.Sprintf("%s is not inside a git repository", dir)}
	}
	msg = strings.Join(strings.Fields(strings.TrimPrefix(msg, "fatal: ")), " ")
	return &Error{Msg: fmt.Sprintf("git refuses to read the repository of %s: %s", dir, msg)}
}

// Command is git run in dir for reading only: optional locks off (so git
// never refreshes the index on its own initiative) and no prompts. The
// ladderlint packages that ask git (this one, lint/diff) all start it here.
func Command(dir string, args ...string) *exec.Cmd {
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0")
	return cmd
}

// Git runs a read-only git command (see Command) with stdin, and returns its
// output, or git's own message as the error.
func Git(dir string, stdin io.Reader, args ...string) ([]byte, error) {
	cmd := Command(dir, args...)
	cmd.Stdin = stdin
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && stderr.Len() > 0 {
			return nil, errors.New(strings.TrimSpace(stderr.String()))
		}
		return nil, err
	}
	return out, nil
}

func git(dir string, args ...string) ([]byte, error) { return Git(dir, nil, args...) }

// Dir is where to ask git about the linted paths: the first path's folder.
func Dir(paths []string) string {
	if len(paths) == 0 {
		return "."
	}
	if info, err := os.Stat(paths[0]); err == nil && info.IsDir() {
		return paths[0]
	}
	return filepath.Dir(paths[0])
}

var hunk = regexp.MustCompile(`^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@`)

// parseDiff reads `git diff-index --patch --unified=0` output.
func parseDiff(out []byte) map[string]Lines {
	files := map[string]Lines{}
	var cur string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "+++ "):
			cur = ""
			// git ends a name holding a space with a tab ("+++ b/my page.md\t").
			if p := strings.TrimSuffix(strings.TrimPrefix(line, "+++ "), "\t"); p != "/dev/null" {
				cur = unquote(strings.TrimPrefix(unquote(p), "b/"))
				if _, seen := files[cur]; !seen {
					files[cur] = nil // a changed file, even without added lines
				}
			}
		case cur != "" && strings.HasPrefix(line, "@@ "):
			m := hunk.FindStringSubmatch(line)
			if m == nil {
				continue
			}
			start, _ := strconv.Atoi(m[1])
			count := 1
			if m[2] != "" {
				count, _ = strconv.Atoi(m[2])
			}
			if count == 0 { // pure deletion after line start
				files[cur] = append(files[cur], [2]int{start, start + 1})
				continue
			}
			files[cur] = append(files[cur], [2]int{start, start + count - 1})
		}
	}
	return files
}

// unquote undoes git's C-style quoting of unusual file names.
func unquote(p string) string {
	if len(p) >= 2 && p[0] == '"' {
		if s, err := strconv.Unquote(p); err == nil {
			return s
		}
	}
	return p
}

// FetchHint says how to get rev into a clone that lacks it: "origin/main"
// is branch main of remote origin (git fetch origin main), a bare name or
// a commit is fetched from origin as is; in GitHub Actions a shallow
// checkout needs fetch-depth: 0.
func FetchHint(rev string) string {
	fetch := "git fetch origin " + rev
	if remote, branch, ok := strings.Cut(rev, "/"); ok && remote == "origin" && branch != "" {
		fetch = "git fetch origin " + branch
	}
	return fmt.Sprintf("fetch it first, e.g. `%s` (in GitHub Actions: actions/checkout with `fetch-depth: 0`)", fetch)
}
