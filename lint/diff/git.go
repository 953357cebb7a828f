package diff

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/ladderlint/ladderlint/lint/changes"
)

// Base is one revision of a git repository, read with plumbing commands
// that never write to the repository: rev-parse, ls-tree, cat-file and
// diff-tree, run with GIT_OPTIONAL_LOCKS=0. Nothing here touches the index
// or the working tree, so a run inside a container leaves no root-owned
// file in the user's checkout.
type Base struct {
	// Root is the repository's top folder, absolute, symbolic links resolved.
	Root string
	// Rev is the revision as given; Commit its full object name.
	Rev, Commit string
	// WorkDir is the folder local paths are relative to, absolute.
	WorkDir string
	realWD  string          // WorkDir with symbolic links resolved (LocalPath)
	blobs   map[string]blob // repository-relative path → blob
}

type blob struct {
	id   string
	size int64
}

// GitError is a git problem: no git, not a repository, an unknown revision.
type GitError struct{ Msg string }

func (e *GitError) Error() string { return e.Msg }

// OpenBase resolves rev in the repository that holds dir and lists the
// files of its tree. Local paths are relative to wd, the working folder.
// A repository or revision git cannot open is a *changes.Error.
func OpenBase(dir, wd, rev string) (*Base, error) {
	repo, err := changes.Open(dir, rev)
	if err != nil {
		return nil, err
	}
	return BaseOf(repo, wd)
}

// BaseOf lists the files of the opened repository's revision, with one
// `git ls-tree`. Local paths are relative to wd, the working folder.
func BaseOf(repo *changes.Repo, wd string) (*Base, error) {
	b := &Base{Root: repo.Root, Rev: repo.Rev, Commit: repo.Commit, WorkDir: wd, blobs: map[string]blob{}}
	if r, err := filepath.EvalSymlinks(b.Root); err == nil {
		b.Root = r
	}
	b.realWD = wd
	if w, err := filepath.EvalSymlinks(wd); err == nil {
		b.realWD = w
	}
	out, err := changes.Git(b.Root, nil, "ls-tree", "-r", "-z", "-l", "--full-tree", b.Commit)
	if err != nil {
		return nil, &GitError{Msg: "git ls-tree failed: " + err.Error()}
	}
	for _, rec := range bytes.Split(out, []byte{0}) {
		meta, path, ok := bytes.Cut(rec, []byte{'\t'})
		f := strings.Fields(string(meta))
		if !ok || len(f) != 4 || f[1] != "blob" || (f[0] != "100644" && f[0] != "100755") {
			continue // trees, submodules, symbolic links
		}
		size, _ := strconv.ParseInt(f[3], 10, 64)
		b.blobs[string(path)] = blob{id: f[2], size: size}
	}
	return b, nil
}

// Paths lists the files of the revision, repository-relative and
// slash-separated, sorted.
func (b *Base) Paths() []string {
	out := make([]string, 0, len(b.blobs))
	for p := range b.blobs {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// Has reports whether the revision holds the repository-relative path p.
func (b *Base) Has(p string) bool { _, ok := b.blobs[p]; return ok }

// RepoPath is the repository-relative form of a local path (relative to the
// working folder or absolute); ok is false outside the repository.
func (b *Base) RepoPath(local string) (string, bool) {
	abs := local
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(b.WorkDir, local)
	}
	if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
		abs = filepath.Join(dir, filepath.Base(abs))
	}
	rel, err := filepath.Rel(b.Root, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}

// LocalPath is a repository-relative path as the working folder sees it,
// slash-separated (the way findings name files).
func (b *Base) LocalPath(repoPath string) string {
	abs := filepath.Join(b.Root, filepath.FromSlash(repoPath))
	wd := b.realWD
	if rel, err := filepath.Rel(wd, abs); err == nil && wd != "" {
		return filepath.ToSlash(rel)
	}
	return filepath.ToSlash(abs)
}

// Select lists the files of the revision that a run over paths (default
// ".") would read: a file named as a PATH, and the files under a PATH
// folder that cfg selects (its globs are relative to root). The result is
// repository-relative and sorted.
func (b *Base) Select(paths []string, selects func(local string) bool) []string {
	if len(paths) == 0 {
		paths = []string{"."}
	}
	var prefixes []string
	for _, p := range paths {
		if rp, ok := b.RepoPath(p); ok {
			prefixes = append(prefixes, rp)
		}
	}
	selected := func(rp string) bool { return selects(b.LocalPath(rp)) }
	var out []string
	for _, rp := range b.Paths() {
		for _, pre := range prefixes {
			if rp == pre || (pre == "." || strings.HasPrefix(rp, pre+"/")) && selected(rp) {
				out = append(out, rp)
				break
			}
		}
	}
	return out
}

// Read returns the contents at the revision of the repository-relative
// paths, through one `git cat-file --batch`. Paths the revision does not
// hold, and files larger than max bytes, are left out.
func (b *Base) Read(paths []string, max int64) (map[string][]byte, error) {
	var ids []string
	byID := map[string][]string{}
	for _, p := range paths {
		bl, ok := b.blobs[p]
		if !ok || bl.size > max {
			continue
		}
		if _, seen := byID[bl.id]; !seen {
			ids = append(ids, bl.id)
		}
		byID[bl.id] = append(byID[bl.id], p)
	}
	out := map[string][]byte{}
	if len(ids) == 0 {
		return out, nil
	}
	cmd := changes.Command(b.Root, "cat-file", "--batch")
	cmd.Stdin = strings.NewReader(strings.Join(ids, "\n") + "\n")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, &GitError{Msg: "git cat-file: " + err.Error()}
	}
	if err := cmd.Start(); err != nil {
		return nil, &GitError{Msg: "git cat-file: " + err.Error()}
	}
	r := bufio.NewReader(stdout)
	readErr := func() error {
		for range ids {
			head, err := r.ReadString('\n')
			if err != nil {
				return err
			}
			f := strings.Fields(head)
			if len(f) != 3 || f[1] != "blob" {
				return fmt.Errorf("unexpected reply %q", strings.TrimSpace(head))
			}
			size, err := strconv.ParseInt(f[2], 10, 64)
			if err != nil || size > max {
				return fmt.Errorf("unexpected size in %q", strings.TrimSpace(head))
			}
			data := make([]byte, size+1) // the content and its closing newline
			if _, err := io.ReadFull(r, data); err != nil {
				return err
			}
			for _, p := range byID[f[0]] {
				out[p] = data[:size]
			}
		}
		return nil
	}()
	if err := cmd.Wait(); err != nil || readErr != nil {
		if readErr == nil {
			readErr = err
		}
		return nil, &GitError{Msg: "git cat-file failed: " + strings.TrimSpace(stderr.String()+" "+readErr.Error())}
	}
	return out, nil
}

// Renames are the files git's rename detection says moved between the
// revision and HEAD (committed changes only), base path → head path,
// repository-relative. A repository without HEAD has none.
func (b *Base) Renames() map[string]string {
	out, err := changes.Git(b.Root, nil, "diff-tree", "-r", "-M", "--name-status", "-z", b.Commit, "HEAD")
	if err != nil {
		return nil
	}
	renames := map[string]string{}
	f := strings.Split(string(out), "\x00")
	for i := 0; i < len(f); i++ {
		switch {
		case strings.HasPrefix(f[i], "R") && i+2 < len(f):
			renames[f[i+1]] = f[i+2]
			i += 2
		case strings.HasPrefix(f[i], "C") && i+2 < len(f):
			i += 2
		case f[i] != "" && i+1 < len(f):
			i++
		}
	}
	return renames
}
