package diff

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

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
	// links are the symbolic links (path → the blob of its target), and
	// targets their targets, read when a link is first followed (Read).
	links   map[string]blob
	targets map[string]string

	renamesOnce sync.Once
	renames     map[string]string // Renames, asked once

	mu   sync.Mutex        // guards read and cat
	read map[string][]byte // blob id → contents, each read once
	cat  *catFile          // the cat-file --batch that reads them, started on first need
}

type blob struct {
	id   string
	size int64
}

// Revision is the revision of the repository that holds a folder that
// one run compares with, opened on first use and then shared by everything
// the run asks about it: the lines changed since (changes.Repo.Since), the
// files of the revision and their contents (Base). Each git command then
// runs once however many stages ask: a lint run under -changed-since and
// the ladder diff written with it (-changes-file) read the same answers.
// Close it when the run is over.
type Revision struct {
	dir, wd, rev string

	repoOnce sync.Once
	repo     *changes.Repo
	repoErr  error

	baseOnce sync.Once
	base     *Base
	baseErr  error
}

// At is revision rev of the repository that holds dir, not opened yet;
// local paths are relative to wd, the working folder.
func At(dir, wd, rev string) *Revision { return &Revision{dir: dir, wd: wd, rev: rev} }

// Rev is the revision as given.
func (v *Revision) Rev() string { return v.rev }

// Repo opens the repository at the revision (changes.Open), once.
func (v *Revision) Repo() (*changes.Repo, error) {
	v.repoOnce.Do(func() { v.repo, v.repoErr = changes.Open(v.dir, v.rev) })
	return v.repo, v.repoErr
}

// Base lists the files of the revision (BaseOf), once.
func (v *Revision) Base() (*Base, error) {
	v.baseOnce.Do(func() {
		repo, err := v.Repo()
		if err != nil {
			v.baseErr = err
			return
		}
		v.base, v.baseErr = BaseOf(repo, v.wd)
	})
	return v.base, v.baseErr
}

// Close ends the git process that reads the revision's files, if one was
// started.
func (v *Revision) Close() {
	if v.base != nil {
		v.base.Close()
	}
}

// GitError is a git problem: no git, not a repository, an unknown revision.
type GitError struct{ Msg string }

func (e *GitError) Error() string { return e.Msg }

// BaseOf lists the files of the opened repository's revision, with one
// `git ls-tree`. Local paths are relative to wd, the working folder.
func BaseOf(repo *changes.Repo, wd string) (*Base, error) {
	b := &Base{Root: repo.Root, Rev: repo.Rev, Commit: repo.Commit, WorkDir: wd,
		blobs: map[string]blob{}, links: map[string]blob{}, read: map[string][]byte{}}
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
		if !ok || len(f) != 4 || f[1] != "blob" || (f[0] != "100644" && f[0] != "100755" && f[0] != "120000") {
			continue // trees, submodules
		}
		size, _ := strconv.ParseInt(f[3], 10, 64)
		if f[0] == "120000" {
			b.links[string(path)] = blob{id: f[2], size: size}
			continue
		}
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

// Has reports whether the revision holds the repository-relative path p:
// a file, or a symbolic link (Read follows it).
func (b *Base) Has(p string) bool {
	_, file := b.blobs[p]
	_, link := b.links[p]
	return file || link
}

// RepoPath is the repository-relative form of a local path (relative to the
// working folder or absolute); ok is false outside the repository.
func (b *Base) RepoPath(local string) (string, bool) {
	abs := local
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(b.WorkDir, local)
	}
	// Symbolic links resolved as git resolves the top folder: a folder
	// (the PATH ".", reached through a link) wholly; a file only up to its
	// folder, as a link to a page is a page of its own.
	if info, err := os.Stat(abs); err == nil && info.IsDir() {
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
	} else if dir, err := filepath.EvalSymlinks(filepath.Dir(abs)); err == nil {
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
// repository-relative and sorted. Symbolic links are not files here; see
// SelectLinks.
func (b *Base) Select(paths []string, selects func(local string) bool) []string {
	return b.selectFrom(b.Paths(), paths, selects)
}

// SelectLinks is Select for the symbolic links of the revision: those a
// run over paths would follow, if they lead to a file (Read follows them).
func (b *Base) SelectLinks(paths []string, selects func(local string) bool) []string {
	links := make([]string, 0, len(b.links))
	for p := range b.links {
		links = append(links, p)
	}
	sort.Strings(links)
	return b.selectFrom(links, paths, selects)
}

func (b *Base) selectFrom(files, paths []string, selects func(local string) bool) []string {
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
	for _, rp := range files {
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
// paths. Paths the revision does not hold, and files larger than max bytes,
// are left out. A symbolic link reads as the file it leads to (follow).
// Each blob is read once, whoever asks, through one `git cat-file --batch`
// kept for the Base's lifetime (see Close).
func (b *Base) Read(paths []string, max int64) (map[string][]byte, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var ids []string
	byID := map[string][]string{}
	for _, p := range paths {
		bl, ok := b.blobs[p]
		if _, link := b.links[p]; link {
			if err := b.readTargets(); err != nil {
				return nil, err
			}
			var to string
			if to, ok = b.follow(p); ok {
				bl = b.blobs[to]
			}
		}
		if !ok || bl.size > max {
			continue
		}
		if _, seen := byID[bl.id]; !seen {
			if _, read := b.read[bl.id]; !read {
				ids = append(ids, bl.id)
			}
		}
		byID[bl.id] = append(byID[bl.id], p)
	}
	if len(ids) > 0 {
		if err := b.fetch(ids, max); err != nil {
			return nil, err
		}
	}
	out := map[string][]byte{}
	for id, ps := range byID {
		for _, p := range ps {
			out[p] = b.read[id]
		}
	}
	return out, nil
}

// Target is the file of the revision that the symbolic link p leads to
// (see follow); ok is false when p is no link or leads to no file.
func (b *Base) Target(p string) (string, bool) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if _, link := b.links[p]; !link || b.readTargets() != nil {
		return "", false
	}
	return b.follow(p)
}

// maxLink bounds the target of a symbolic link read (PATH_MAX).
const maxLink = 4096

// readTargets reads the targets of every symbolic link of the revision,
// once: a link can lead through others, also among a path's folders.
func (b *Base) readTargets() error {
	if b.targets != nil {
		return nil
	}
	var ids []string
	for _, l := range b.links {
		if _, read := b.read[l.id]; !read && l.size <= maxLink && !slices.Contains(ids, l.id) {
			ids = append(ids, l.id)
		}
	}
	if len(ids) > 0 {
		if err := b.fetch(ids, maxLink); err != nil {
			return err
		}
	}
	b.targets = map[string]string{}
	for p, l := range b.links {
		if t, ok := b.read[l.id]; ok {
			b.targets[p] = string(t)
		}
	}
	return nil
}

// follow is the file of the revision that the symbolic link p leads to,
// followed as the file system follows it in a checkout: through links to
// links and links among the folders on the way, at most 40 (the file
// system's limit). ok is false for a link that leads out of the
// repository, to a folder, or nowhere. An absolute target is followed
// when it is inside the repository's top folder.
func (b *Base) follow(p string) (string, bool) {
	for range 40 {
		if _, ok := b.blobs[p]; ok {
			return p, true
		}
		// The first link on the way: one of p's folders, or p itself.
		parts := strings.Split(p, "/")
		link, n := "", 0
		for n = range parts {
			link = path.Join(link, parts[n])
			if _, ok := b.links[link]; ok {
				break
			}
			if n == len(parts)-1 {
				return "", false
			}
		}
		target, ok := b.targets[link]
		if !ok || target == "" {
			return "", false
		}
		if path.IsAbs(target) {
			rel, err := filepath.Rel(b.Root, filepath.FromSlash(target))
			if err != nil {
				return "", false
			}
			target = filepath.ToSlash(rel)
		} else {
			target = path.Join(path.Dir(link), target)
		}
		p = path.Join(append([]string{target}, parts[n+1:]...)...)
		if p == ".." || strings.HasPrefix(p, "../") {
			return "", false
		}
	}
	return "", false
}

// catFile is a running `git cat-file --batch`: blob ids in, contents out,
// one object after the other (git flushes after each unless --buffer).
type catFile struct {
	cmd    *exec.Cmd
	in     io.WriteCloser
	out    *bufio.Reader
	stderr bytes.Buffer
	err    error // the failure that ended it: later reads fail alike
}

// fetch reads the blobs ids (none larger than max) into b.read.
func (b *Base) fetch(ids []string, max int64) error {
	if b.cat == nil {
		c := &catFile{cmd: changes.Command(b.Root, "cat-file", "--batch")}
		c.cmd.Stderr = &c.stderr
		in, err := c.cmd.StdinPipe()
		if err != nil {
			return &GitError{Msg: "git cat-file: " + err.Error()}
		}
		stdout, err := c.cmd.StdoutPipe()
		if err != nil {
			return &GitError{Msg: "git cat-file: " + err.Error()}
		}
		if err := c.cmd.Start(); err != nil {
			return &GitError{Msg: "git cat-file: " + err.Error()}
		}
		c.in, c.out = in, bufio.NewReader(stdout)
		b.cat = c
	}
	c := b.cat
	if c.err != nil {
		return c.err
	}
	// Written while the answers are read: git answers as it reads, and
	// would stop reading once the pipe back is full.
	wrote := make(chan error, 1)
	go func() {
		_, err := io.WriteString(c.in, strings.Join(ids, "\n")+"\n")
		wrote <- err
	}()
	readErr := func() error {
		for range ids {
			head, err := c.out.ReadString('\n')
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
			if _, err := io.ReadFull(c.out, data); err != nil {
				return err
			}
			b.read[f[0]] = data[:size]
		}
		return nil
	}()
	if readErr == nil {
		readErr = <-wrote
	}
	if readErr != nil {
		// The process is in an unknown state: ended, so that its message
		// is complete and the writer above returns.
		c.cmd.Process.Kill()
		c.in.Close()
		c.cmd.Wait()
		c.err = &GitError{Msg: "git cat-file failed: " + strings.TrimSpace(c.stderr.String()+" "+readErr.Error())}
		return c.err
	}
	return nil
}

// Close ends the cat-file process Read started, if any.
func (b *Base) Close() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if c := b.cat; c != nil && c.err == nil {
		c.in.Close() // cat-file ends at the end of its input
		c.cmd.Wait()
		c.err = &GitError{Msg: "git cat-file: read after Close"}
	}
}

// Renames are the files git's rename detection says moved between the
// revision and HEAD (committed changes only), base path → head path,
// repository-relative. A repository without HEAD has none. Git is asked
// once; the map is shared, not to be changed.
func (b *Base) Renames() map[string]string {
	b.renamesOnce.Do(func() { b.renames = b.askRenames() })
	return b.renames
}

func (b *Base) askRenames() map[string]string {
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
