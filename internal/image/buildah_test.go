package image

import (
	"bufio"
	"bytes"
	"debug/elf"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// buildah runs Debian's buildah on a private vfs store (no daemon, no
// overlay mounts), with chroot isolation as the issue asks.
type buildah struct {
	t    *testing.T
	root string // --root and --runroot live here
}

func newBuildah(t *testing.T, dir string) *buildah {
	return &buildah{t: t, root: dir}
}

func (b *buildah) command(args ...string) *exec.Cmd {
	full := append([]string{"--root", filepath.Join(b.root, "storage"), "--runroot", filepath.Join(b.root, "run"),
		"--storage-driver", "vfs"}, args...)
	cmd := exec.Command("buildah", full...)
	// The short names of the Dockerfile resolve to the local stand-ins; a
	// registries.conf of the machine must not make buildah ask a registry.
	cmd.Env = append(os.Environ(), "BUILDAH_ISOLATION=chroot")
	return cmd
}

// run runs buildah and returns its trimmed stdout; a failure ends the test.
func (b *buildah) run(args ...string) string {
	b.t.Helper()
	cmd := b.command(args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		b.t.Fatalf("buildah %s: %v\n%s%s", strings.Join(args, " "), err, out, stderr.Bytes())
	}
	return strings.TrimSpace(string(out))
}

// lastLine is the last non-empty line of s (buildah from/commit print
// progress before the id).
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return strings.TrimSpace(lines[len(lines)-1])
}

// baseImages lists the FROM images of a Dockerfile, leaving out earlier
// stages ("FROM build").
func baseImages(dockerfile []byte) ([]string, error) {
	var images []string
	stages := map[string]bool{}
	sc := bufio.NewScanner(bytes.NewReader(dockerfile))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 2 || !strings.EqualFold(f[0], "FROM") {
			continue
		}
		img := f[1]
		if strings.HasPrefix(img, "--") {
			return nil, fmt.Errorf("FROM flags are not handled: %q", sc.Text())
		}
		if !stages[strings.ToLower(img)] {
			images = append(images, img)
		}
		if len(f) >= 4 && strings.EqualFold(f[2], "AS") {
			stages[strings.ToLower(f[3])] = true
		}
	}
	return images, sc.Err()
}

// apkStandIn is /sbin/apk in the Alpine stand-in: `apk add [--flags] PKG...`
// copies the folders /apk-standin/PKG (bind-mounted into the build with
// buildah bud --volume) over /. It is not Alpine's apk: the packages are
// Debian's, with the shared libraries they need.
const apkStandIn = `#!/bin/sh
# ladderlint test stand-in for Alpine's apk (internal/image): installs
# Debian's binaries from /apk-standin, bind-mounted into the build.
set -e
[ "$1" = add ] || { echo "apk stand-in: only 'apk add' is supported, not: $*" >&2; exit 1; }
shift
for p in "$@"; do
  case $p in -*) continue ;; esac
  [ -d "/apk-standin/$p" ] || { echo "apk stand-in: no package $p in /apk-standin" >&2; exit 1; }
  cp -a "/apk-standin/$p/." /
done
`

// standIns commits a local image under each base image name the
// Dockerfile uses, since nothing can be pulled here:
//   - alpine:*  a root file system of busybox-static (busybox --install -s
//     layout) with the apk stand-in;
//   - golang:*  that plus this machine's Go toolchain (go env GOROOT) at
//     /usr/local/go, the CA bundle, GOPATH=/go and GOTOOLCHAIN=local, as the
//     official image sets them; go mod download really runs against the
//     module proxy.
//
// It returns the folder to bind-mount at /apk-standin (git and its ldd
// closure, from Debian).
func (b *buildah) standIns(images []string) string {
	t := b.t
	t.Helper()
	work := filepath.Join(b.root, "standins")
	rootfs := filepath.Join(work, "alpine-rootfs")
	busyboxRootfs(t, rootfs)
	ctr := lastLine(b.run("from", "scratch"))
	b.run("copy", ctr, rootfs+"/", "/")
	b.run("config", "--env", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "--cmd", "/bin/sh", ctr)
	b.run("commit", "-q", "--rm", ctr, "localhost/ladderlint-standin-alpine")
	for _, img := range images {
		name, tag, _ := strings.Cut(img, ":")
		switch name {
		case "alpine":
			b.run("tag", "localhost/ladderlint-standin-alpine", img)
		case "golang":
			goVersion := strings.TrimPrefix(runtime.Version(), "go")
			if want, _, _ := strings.Cut(tag, "-"); want != goVersion && !strings.HasPrefix(goVersion, want+".") {
				t.Fatalf("the Dockerfile's %s needs a Go %s toolchain on this machine for its stand-in; it has %s", img, want, runtime.Version())
			}
			goroot, err := exec.Command("go", "env", "GOROOT").Output()
			if err != nil {
				t.Fatal(err)
			}
			ctr := lastLine(b.run("from", "--pull=never", "localhost/ladderlint-standin-alpine"))
			b.run("copy", ctr, strings.TrimSpace(string(goroot)), "/usr/local/go")
			b.run("copy", ctr, caBundle(t), "/etc/ssl/certs/ca-certificates.crt")
			empty := filepath.Join(work, "empty")
			if err := os.MkdirAll(empty, 0o755); err != nil {
				t.Fatal(err)
			}
			b.run("copy", ctr, empty, "/go/bin")
			b.run("config", "--env", "GOLANG_VERSION="+goVersion, "--env", "GOTOOLCHAIN=local", "--env", "GOPATH=/go",
				"--env", "PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
				"--workingdir", "/go", ctr)
			b.run("commit", "-q", "--rm", ctr, img)
		default:
			t.Fatalf("no stand-in for the base image %s: internal/image knows alpine and golang", img)
		}
	}
	pkgs := filepath.Join(work, "apk")
	gitPackage(t, filepath.Join(pkgs, "git"))
	return pkgs
}

// busyboxRootfs lays out a minimal root file system: busybox-static and its
// applet links, /etc/passwd, /tmp and /sbin/apk.
func busyboxRootfs(t *testing.T, dir string) {
	t.Helper()
	bb, err := exec.LookPath("busybox")
	if err != nil {
		t.Fatal("busybox not found (apt-get install busybox-static)")
	}
	if f, err := elf.Open(bb); err != nil {
		t.Fatal(err)
	} else {
		for _, p := range f.Progs {
			if p.Type == elf.PT_INTERP {
				t.Fatalf("%s is dynamically linked: apt-get install busybox-static", bb)
			}
		}
		f.Close()
	}
	for _, d := range []string{"bin", "sbin", "usr/bin", "usr/sbin", "etc", "root", "tmp", "var/tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(dir, "tmp"), 0o1777|fs.ModeSticky); err != nil {
		t.Fatal(err)
	}
	copyFile(t, bb, filepath.Join(dir, "bin/busybox"), 0o755)
	list, err := exec.Command(bb, "--list-full").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, applet := range strings.Fields(string(list)) {
		p := filepath.Join(dir, applet)
		if applet == "bin/busybox" || filepath.IsAbs(applet) {
			continue
		}
		if err := os.Symlink("/bin/busybox", p); err != nil && !errors.Is(err, fs.ErrExist) {
			t.Fatal(err)
		}
	}
	files := map[string]string{
		"etc/passwd":     "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n",
		"etc/group":      "root:x:0:root\nnogroup:x:65534:\n",
		"etc/os-release": "NAME=\"ladderlint test stand-in for Alpine (busybox-static)\"\nID=ladderlint-standin\n",
	}
	for name, text := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "sbin/apk"), []byte(apkStandIn), 0o755); err != nil {
		t.Fatal(err)
	}
}

// gitPackage copies this machine's git and its ldd closure (the loader
// included) into dir, at their absolute paths.
func gitPackage(t *testing.T, dir string) {
	t.Helper()
	git, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("ldd", git).Output()
	if err != nil {
		t.Fatalf("ldd %s: %v", git, err)
	}
	files := []string{"/usr/bin/git"}
	copyFile(t, git, filepath.Join(dir, "usr/bin/git"), 0o755)
	for _, m := range regexp.MustCompile(`(?m)(/\S+) \(0x`).FindAllStringSubmatch(string(out), -1) {
		files = append(files, m[1])
		copyFile(t, m[1], filepath.Join(dir, m[1]), 0o755)
	}
	t.Logf("apk stand-in package git: %s", strings.Join(files, " "))
}

func copyFile(t *testing.T, from, to string, mode fs.FileMode) {
	t.Helper()
	b, err := os.ReadFile(from) // follows symlinks: the library itself
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, b, mode); err != nil {
		t.Fatal(err)
	}
}

func caBundle(t *testing.T) string {
	for _, p := range []string{"/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	t.Fatal("no CA bundle on this machine (apt-get install ca-certificates)")
	return ""
}

// imageConfig is the part of the image's OCI configuration the runner uses.
type imageConfig struct {
	Entrypoint []string `json:"Entrypoint"`
	Cmd        []string `json:"Cmd"`
	Env        []string `json:"Env"`
	User       string   `json:"User"`
	WorkingDir string   `json:"WorkingDir"`
}

// build builds the repository's Dockerfile, unchanged, as the runner does
// (docker build -f Dockerfile <action folder>, no build arguments), with
// the apk stand-in's packages bind-mounted. It returns the build log.
func (b *buildah) build(repo, tag, pkgs string) (string, time.Duration) {
	b.t.Helper()
	start := time.Now()
	cmd := b.command("bud", "--isolation", "chroot", "--pull=never", "--volume", pkgs+":/apk-standin:ro",
		"-t", tag, "-f", filepath.Join(repo, "Dockerfile"), repo)
	pr, pw, err := os.Pipe()
	if err != nil {
		b.t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = pw, pw
	if err := cmd.Start(); err != nil {
		b.t.Fatal(err)
	}
	pw.Close()
	// Time each Dockerfile step: the lines from one "STEP" line to the next.
	var out strings.Builder
	var steps []string
	step, stepStart := "", start
	endStep := func(now time.Time) {
		if step != "" {
			steps = append(steps, fmt.Sprintf("%6.1fs %s", now.Sub(stepStart).Seconds(), step))
		}
	}
	sc := bufio.NewScanner(pr)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		out.WriteString(line + "\n")
		if i := strings.Index(line, "STEP "); i >= 0 && i < 12 {
			now := time.Now()
			endStep(now)
			step, stepStart = line, now
		}
	}
	err = cmd.Wait()
	endStep(time.Now())
	if err != nil {
		b.t.Fatalf("buildah bud: %v\n%s", err, out.String())
	}
	b.t.Logf("cold start: build steps (each until the next starts; the last includes the commit):\n%s", strings.Join(steps, "\n"))
	return out.String(), time.Since(start)
}

func (b *buildah) config(image string) imageConfig {
	b.t.Helper()
	var info struct {
		OCIv1 struct {
			Config imageConfig `json:"config"`
		}
	}
	if err := json.Unmarshal([]byte(b.run("inspect", "--type", "image", image)), &info); err != nil {
		b.t.Fatal(err)
	}
	return info.OCIv1.Config
}
