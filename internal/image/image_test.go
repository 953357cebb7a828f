package image

// TestImage builds the Action's real Dockerfile with buildah and runs the
// image the way GitHub's runner runs a Docker action
// (../shared/spec/github-actions-contract.md §1), one fresh container per
// scenario, reading its output with the runner's rules (runner.go).
//
// Stand-ins, because nothing but Go modules and Debian packages can be
// fetched here: the base images are local images committed under the
// Dockerfile's own names (busybox-static for Alpine, this machine's Go
// toolchain for the Go image), and the final stage's `apk add git` runs an
// apk stand-in that installs Debian's git and its shared libraries from a
// folder bind-mounted into the build. The Dockerfile, the build context and
// go mod download (against the module proxy) are the real ones.
//
// It runs when LADDERLINT_IMAGE=1 (.ci/run sets it); it needs root,
// buildah, busybox-static and git, and skips saying which is missing.

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"
)

const imageTag = "localhost/ladderlint-action-test"

func TestImage(t *testing.T) {
	if os.Getenv("LADDERLINT_IMAGE") != "1" {
		t.Skip("set LADDERLINT_IMAGE=1 to build the Action's image with buildah (.ci/run does)")
	}
	for _, tool := range []string{"buildah", "busybox", "git", "ldd"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (apt-get install buildah busybox-static git)", tool)
		}
	}
	if os.Geteuid() != 0 {
		t.Skip("buildah with chroot isolation and a workspace owned by another uid need root")
	}
	repo, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	dockerfile, err := os.ReadFile(filepath.Join(repo, "Dockerfile"))
	if err != nil {
		t.Fatal(err)
	}
	images, err := baseImages(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	// LADDERLINT_IMAGE_STORE keeps the store (and the image in it) for the
	// next run, which then skips the build: for working on the scenarios.
	store := os.Getenv("LADDERLINT_IMAGE_STORE")
	if store == "" {
		if store, err = os.MkdirTemp("", "ladderlint-image-"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(store) })
	}
	b := newBuildah(t, store)
	t.Cleanup(func() { b.command("rm", "--all").Run() })
	if os.Getenv("LADDERLINT_IMAGE_STORE") == "" || b.command("inspect", "--type", "image", imageTag).Run() != nil {
		pkgs := b.standIns(images)
		log, took := b.build(repo, imageTag, pkgs)
		t.Logf("cold start: image build from an empty cache %s (bases %v are local stand-ins: no pulls)", took.Round(time.Second), images)
		if !strings.Contains(log, "ladderlint v") {
			t.Errorf("the build did not print the binary's version:\n%s", log)
		}
	} else {
		t.Logf("reusing %s in %s", imageTag, store)
	}

	t.Logf("cold start: image size %s (the stand-ins' busybox and Debian's git in place of Alpine's)", b.run("images", "--format", "{{.Size}}", imageTag))
	cfg := b.config(imageTag)
	// S2: root user, exec-form ENTRYPOINT with an absolute path.
	if cfg.User != "" && cfg.User != "root" && cfg.User != "0" {
		t.Errorf("image user %q: Docker actions must run as root", cfg.User)
	}
	if len(cfg.Entrypoint) == 0 || !filepath.IsAbs(cfg.Entrypoint[0]) {
		t.Fatalf("entrypoint %q is not an absolute exec-form command", cfg.Entrypoint)
	}

	h := newHandbook(t)
	t.Run("version", func(t *testing.T) {
		r := h.step(t, b, cfg, stepSpec{args: []string{"-version"}})
		if r.code != 0 || !strings.HasPrefix(string(r.stdout), "ladderlint v") {
			t.Errorf("ladderlint -version in the image: exit %d, %q %q", r.code, r.stdout, r.stderr)
		}
	})
	for _, sc := range scenarios(h) {
		t.Run(sc.name, func(t *testing.T) {
			r := h.step(t, b, cfg, sc.stepSpec)
			sc.check(t, r)
			t.Logf("cold start: container created to first finding %s, to exit %s", r.firstFinding.Round(time.Millisecond), r.took.Round(time.Millisecond))
			if t.Failed() {
				t.Logf("exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
			}
		})
	}
}

// stepSpec is one run of the action in a workflow.
type stepSpec struct {
	origin *origin
	depth  int               // actions/checkout fetch-depth (0: full history)
	with   map[string]string // the step's with: values
	before func(t *testing.T, ws string)
	args   []string // only to call -version: the action passes no args
	sarif  string   // a SARIF path under runner_temp the step may write
}

type scenario struct {
	name string
	stepSpec
	check func(t *testing.T, r *stepResult)
}

// stepResult is what the runner sees of a step.
type stepResult struct {
	code           int
	stdout, stderr []byte
	commands       []Command
	outputs        map[string]string
	summary        string
	runnerTemp     string // host path of /github/runner_temp
	// took is the step from container creation to exit; firstFinding the
	// time until the first annotation reached stdout (0: none).
	took, firstFinding time.Duration
}

// firstFinding is stdout, noting when the first annotation arrives. (Not
// an embedded bytes.Buffer: io.Copy would call its ReadFrom, not Write.)
type firstFinding struct {
	buf   bytes.Buffer
	start time.Time
	at    time.Duration
}

func (f *firstFinding) Write(p []byte) (int, error) {
	n, err := f.buf.Write(p)
	if f.at == 0 && (bytes.Contains(f.buf.Bytes(), []byte("::error ")) || bytes.Contains(f.buf.Bytes(), []byte("::warning "))) {
		f.at = time.Since(f.start)
	}
	return n, err
}

func (r *stepResult) annotations(kind string) []Command { return Annotations(r.commands, kind) }

// annotated lists "file:line" of every annotation GitHub keeps.
func (r *stepResult) annotated(kind string) []string {
	var out []string
	for _, c := range r.annotations(kind) {
		out = append(out, c.Props["file"]+":"+c.Props["line"])
	}
	sort.Strings(out)
	return out
}

// handbook is the test repository and its pull request.
type handbook struct {
	main, hostile *origin
	inputs        map[string]*string // action.yml's inputs and defaults
}

// step runs the image once, as the runner runs the action's main step
// (ContainerActionHandler / DockerCommandManager): a new container from the
// image, --workdir /github/workspace, the runner's folders mounted, the
// runner's variables and every declared input as INPUT_<NAME> (hyphens
// kept, "" when neither with: nor a default gives a value), as root. It
// fails the test when anything was written outside the env files (and the
// SARIF file the step asked for), or when the workspace, .git included,
// changed in any byte, owner, mode or time.
func (h *handbook) step(t *testing.T, b *buildah, cfg imageConfig, s stepSpec) *stepResult {
	t.Helper()
	root := openTempDir(t)
	dirs := map[string]string{}
	for _, d := range []string{"workspace", "file_commands", "workflow", "home", "runner_temp"} {
		dirs[d] = filepath.Join(root, d)
		if err := os.Mkdir(dirs[d], 0o755); err != nil {
			t.Fatal(err)
		}
	}
	o := s.origin
	if o == nil {
		o = h.main
	}
	o.checkout(t, dirs["workspace"], s.depth)
	const uuid = "0b7d2a54-6c1e-4f3a-9d8e-2f6a1c3b5e7d"
	files := map[string]string{}
	for _, kind := range []string{"set_output_", "set_env_", "step_summary_", "add_path_", "save_state_"} {
		files[kind] = kind + uuid
		if err := os.WriteFile(filepath.Join(dirs["file_commands"], files[kind]), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	event, _ := json.Marshal(map[string]any{
		"action": "synchronize", "number": 7,
		"pull_request": map[string]any{"number": 7, "head": map[string]any{"ref": "ladder-update", "sha": o.head},
			"base": map[string]any{"ref": "main", "sha": o.base}},
		"repository": map[string]any{"full_name": "octo/handbook", "name": "handbook", "owner": map[string]any{"login": "octo"}},
	})
	if err := os.WriteFile(filepath.Join(dirs["workflow"], "event.json"), event, 0o644); err != nil {
		t.Fatal(err)
	}
	// The runner's folders belong to the runner's user (the workspace too:
	// checkout made it as that user).
	for _, d := range []string{"file_commands", "workflow", "home", "runner_temp"} {
		chownTree(t, dirs[d], runnerUID, runnerGID)
	}
	if s.before != nil {
		s.before(t, dirs["workspace"])
	}

	env := map[string]string{
		"GITHUB_ACTIONS": "true", "CI": "true", "HOME": "/github/home", "RUNNER_TEMP": "/github/runner_temp",
		"RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "RUNNER_NAME": "GitHub Actions 2", "RUNNER_ENVIRONMENT": "github-hosted",
		"RUNNER_TOOL_CACHE": "/opt/hostedtoolcache", "RUNNER_WORKSPACE": "/home/runner/work/handbook",
		"GITHUB_WORKSPACE": "/github/workspace", "GITHUB_EVENT_PATH": "/github/workflow/event.json", "GITHUB_EVENT_NAME": "pull_request",
		"GITHUB_OUTPUT": "/github/file_commands/" + files["set_output_"], "GITHUB_ENV": "/github/file_commands/" + files["set_env_"],
		"GITHUB_PATH": "/github/file_commands/" + files["add_path_"], "GITHUB_STATE": "/github/file_commands/" + files["save_state_"],
		"GITHUB_STEP_SUMMARY": "/github/file_commands/" + files["step_summary_"],
		"GITHUB_REPOSITORY":   "octo/handbook", "GITHUB_REPOSITORY_OWNER": "octo", "GITHUB_SHA": o.merge,
		"GITHUB_REF": "refs/pull/7/merge", "GITHUB_REF_NAME": "7/merge", "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "ladder-update",
		"GITHUB_SERVER_URL": "https://github.com", "GITHUB_API_URL": "https://api.github.com", "GITHUB_GRAPHQL_URL": "https://api.github.com/graphql",
		"GITHUB_JOB": "ladderlint", "GITHUB_RUN_ID": "42", "GITHUB_RUN_NUMBER": "3", "GITHUB_RUN_ATTEMPT": "1",
		"GITHUB_ACTOR": "octocat", "GITHUB_WORKFLOW": "ladderlint", "GITHUB_ACTION": "ladderlint", "GITHUB_ACTION_REPOSITORY": "ladderlint/ladderlint",
	}
	for name, def := range h.inputs {
		v := ""
		if def != nil {
			v = *def
		}
		if w, ok := s.with[name]; ok {
			v = w
		}
		env["INPUT_"+strings.ToUpper(strings.ReplaceAll(name, " ", "_"))] = v
	}
	for name := range s.with {
		if _, ok := h.inputs[name]; !ok {
			t.Fatalf("with: %s is not an input of action.yml", name)
		}
	}

	before := map[string]map[string]entry{}
	for d, p := range dirs {
		before[d] = snapshot(t, p)
	}
	// The runner's docker run creates and starts the container: time from here.
	start := time.Now()
	ctr := lastLine(b.run("from", "--pull=never", imageTag))
	defer b.run("rm", ctr)
	args := []string{"run", "--isolation", "chroot", "--workingdir", "/github/workspace"}
	for _, d := range []string{"workspace", "file_commands", "workflow", "home", "runner_temp"} {
		args = append(args, "--volume", dirs[d]+":/github/"+d)
	}
	keys := make([]string, 0, len(env))
	for k := range env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		args = append(args, "--env", k+"="+env[k])
	}
	args = append(append(append(args, ctr, "--"), cfg.Entrypoint...), append(cfg.Cmd, s.args...)...)
	cmd := b.command(args...)
	stdout := &firstFinding{start: start}
	var stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = stdout, &stderr
	r := &stepResult{runnerTemp: dirs["runner_temp"]}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		r.code = ee.ExitCode()
	}
	r.took, r.firstFinding = time.Since(start), stdout.at
	r.stdout, r.stderr = stdout.buf.Bytes(), stderr.Bytes()

	// Nothing written but GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and the SARIF file.
	allowed := map[string]bool{"file_commands/" + files["set_output_"]: true, "file_commands/" + files["step_summary_"]: true}
	if s.sarif != "" {
		allowed["runner_temp"] = true // the folder's mtime: a file was added
		allowed["runner_temp/"+s.sarif] = true
	}
	for d, p := range dirs {
		for _, c := range changed(before[d], snapshot(t, p)) {
			path, _, _ := strings.Cut(c, " (")
			if !allowed[filepath.ToSlash(filepath.Join(d, path))] {
				t.Errorf("the step changed %s/%s", d, c)
			}
		}
	}
	r.commands = ParseCommands(r.stdout, t.Errorf)
	r.commands = append(r.commands, ParseCommands(r.stderr, t.Errorf)...)
	out, _ := os.ReadFile(filepath.Join(dirs["file_commands"], files["set_output_"]))
	var perr error
	if r.outputs, perr = ParseEnvFile(out); perr != nil {
		t.Errorf("GITHUB_OUTPUT does not parse: %v", perr)
	}
	summary, _ := os.ReadFile(filepath.Join(dirs["file_commands"], files["step_summary_"]))
	r.summary = string(summary)
	if len(summary) > 1<<20 {
		t.Errorf("summary is %d bytes, more than 1 MiB", len(summary))
	}
	if bytes.ContainsRune(r.stdout, '\r') || bytes.ContainsRune(r.stderr, '\r') {
		t.Errorf("a CR byte was written")
	}
	for _, c := range r.commands {
		if !slices.Contains([]string{"error", "warning", "notice", "group", "endgroup"}, c.Name) || c.Legacy {
			t.Errorf("unexpected workflow command %+v", c)
		}
	}
	return r
}

func readInputs(t *testing.T) map[string]*string {
	t.Helper()
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var meta struct {
		Inputs map[string]struct {
			Default *string `yaml:"default"`
		} `yaml:"inputs"`
	}
	if err := yaml.Unmarshal(b, &meta); err != nil {
		t.Fatal(err)
	}
	out := map[string]*string{}
	for name, in := range meta.Inputs {
		out[name] = in.Default
	}
	return out
}
