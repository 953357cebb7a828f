package image

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"testing"
)

// origin is a bare repository standing in for github.com/octo/handbook:
// main, a pull request branch, and the merge commit GitHub makes for it
// (refs/pull/7/merge).
type origin struct {
	dir        string
	base, head string // pull_request.base.sha and .head.sha
	merge      string // GITHUB_SHA
}

// gitEnv keeps the machine's and the user's git configuration out.
func gitEnv(home string) []string {
	return append(os.Environ(), "HOME="+home, "GIT_CONFIG_NOSYSTEM=1", "GIT_AUTHOR_NAME=Octo Cat",
		"GIT_AUTHOR_EMAIL=octo@example.com", "GIT_COMMITTER_NAME=Octo Cat", "GIT_COMMITTER_EMAIL=octo@example.com",
		"GIT_AUTHOR_DATE=2026-12-01T10:00:00Z", "GIT_COMMITTER_DATE=2026-12-01T10:00:00Z")
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	return gitAs(t, nil, dir, args...)
}

// gitAs runs git as user (nil: as the test's user).
func gitAs(t *testing.T, user *syscall.Credential, dir string, args ...string) string {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	home := openTempDir(t)
	if user != nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: user}
		chownTree(t, home, int(user.Uid), int(user.Gid))
	}
	cmd.Env = gitEnv(home)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// newOrigin commits base on main, then pr on a branch, and merges it.
func newOrigin(t *testing.T, base, pr map[string]string) *origin {
	t.Helper()
	root := openTempDir(t)
	work := filepath.Join(root, "work")
	if err := os.Mkdir(work, 0o755); err != nil {
		t.Fatal(err)
	}
	gitIn(t, work, "init", "-q", "-b", "main")
	writeFiles(t, work, base)
	gitIn(t, work, "add", "-A")
	gitIn(t, work, "commit", "-qm", "handbook")
	o := &origin{dir: filepath.Join(root, "origin.git"), base: gitIn(t, work, "rev-parse", "HEAD")}
	gitIn(t, work, "checkout", "-qb", "ladder-update")
	writeFiles(t, work, pr)
	gitIn(t, work, "add", "-A")
	gitIn(t, work, "commit", "-qm", "update the ladders")
	o.head = gitIn(t, work, "rev-parse", "HEAD")
	gitIn(t, work, "checkout", "-q", "--detach", "main")
	gitIn(t, work, "merge", "-q", "--no-ff", "-m", "Merge "+o.head+" into "+o.base, "ladder-update")
	o.merge = gitIn(t, work, "rev-parse", "HEAD")
	gitIn(t, work, "update-ref", "refs/pull/7/merge", o.merge)
	gitIn(t, root, "clone", "-q", "--bare", work, o.dir)
	gitIn(t, o.dir, "update-ref", "refs/pull/7/merge", o.merge)
	chownTree(t, o.dir, runnerUID, runnerGID) // readable by the checkout, run as the runner's user
	return o
}

// openTempDir is t.TempDir readable by every user (t.TempDir's are 0700),
// so that the runner's user can reach what is inside.
func openTempDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "ladderlint-image-test-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

// checkout lays out the workspace as actions/checkout leaves it for a
// pull_request run: the merge commit checked out detached, fetched with
// fetch-depth 0 (every branch) or 1 (the default: that commit only), by the
// runner's user (so the index's stat data, ctime included, is fresh: a
// chown afterwards would make every file look touched).
func (o *origin) checkout(t *testing.T, ws string, depth int) {
	t.Helper()
	chownTree(t, ws, runnerUID, runnerGID)
	runner := &syscall.Credential{Uid: runnerUID, Gid: runnerGID}
	gitAs(t, runner, ws, "init", "-q")
	gitAs(t, runner, ws, "remote", "add", "origin", "file://"+o.dir)
	if depth == 0 {
		gitAs(t, runner, ws, "fetch", "-q", "--prune", "--no-recurse-submodules", "origin",
			"+refs/heads/*:refs/remotes/origin/*", "+refs/tags/*:refs/tags/*", "+refs/pull/7/merge:refs/remotes/pull/7/merge")
	} else {
		gitAs(t, runner, ws, "fetch", "-q", "--no-tags", "--prune", "--no-recurse-submodules", fmt.Sprintf("--depth=%d", depth),
			"origin", "+"+o.merge+":refs/remotes/pull/7/merge")
	}
	gitAs(t, runner, ws, "checkout", "-q", "--force", "refs/remotes/pull/7/merge")
}

// The hosted runner's user: uid=1001(runner) gid=121(docker).
const runnerUID, runnerGID = 1001, 121

func chownTree(t *testing.T, dir string, uid, gid int) {
	t.Helper()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(p, uid, gid)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// entry is what must not change about a path: kind and mode, owner,
// modification time, size and content (or link target).
type entry struct {
	mode     fs.FileMode
	uid, gid uint32
	mtime    int64
	size     int64
	content  string
}

// snapshot records every path under dir.
func snapshot(t *testing.T, dir string) map[string]entry {
	t.Helper()
	out := map[string]entry{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := os.Lstat(p)
		if err != nil {
			return err
		}
		st := info.Sys().(*syscall.Stat_t)
		e := entry{mode: info.Mode(), uid: st.Uid, gid: st.Gid, mtime: info.ModTime().UnixNano()}
		switch {
		case info.Mode().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(b)
			e.size, e.content = int64(len(b)), hex.EncodeToString(sum[:])
		case info.Mode()&fs.ModeSymlink != 0:
			e.content, _ = os.Readlink(p)
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = e
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// changed lists the paths added, removed or changed between two snapshots.
func changed(before, after map[string]entry) []string {
	var out []string
	for p, e := range before {
		if a, ok := after[p]; !ok {
			out = append(out, p+" (removed)")
		} else if a != e {
			out = append(out, p+" ("+describe(e, a)+")")
		}
	}
	for p := range after {
		if _, ok := before[p]; !ok {
			out = append(out, p+" (added)")
		}
	}
	sort.Strings(out)
	return out
}

func describe(a, b entry) string {
	var d []string
	if a.mode != b.mode {
		d = append(d, fmt.Sprintf("mode %v → %v", a.mode, b.mode))
	}
	if a.uid != b.uid || a.gid != b.gid {
		d = append(d, fmt.Sprintf("owner %d:%d → %d:%d", a.uid, a.gid, b.uid, b.gid))
	}
	if a.content != b.content || a.size != b.size {
		d = append(d, "content")
	}
	if a.mtime != b.mtime {
		d = append(d, "mtime")
	}
	return strings.Join(d, ", ")
}
