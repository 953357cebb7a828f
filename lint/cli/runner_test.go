package cli

// A fake GitHub Actions runner (../shared/spec/github-actions-contract.md §7):
// it builds the real binary, runs it the way the runner runs the Docker
// action's entrypoint (fresh temp layout, only the runner's variables,
// INPUT_* computed from the repository's action.yml, cwd = workspace), and
// reads stdout, stderr and the environment files with the runner's rules.

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/internal/image"
)

var (
	buildOnce sync.Once
	binPath   string
	buildErr  error
)

// TestMain removes the binary the harness built.
func TestMain(m *testing.M) {
	code := m.Run()
	if binPath != "" {
		os.RemoveAll(filepath.Dir(binPath))
	}
	os.Exit(code)
}

// ladderlintBinary builds cmd/ladderlint once per test run, statically as
// the Dockerfile does.
func ladderlintBinary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		dir, err := os.MkdirTemp("", "ladderlint-bin")
		if err != nil {
			buildErr = err
			return
		}
		binPath = filepath.Join(dir, "ladderlint")
		cmd := exec.Command("go", "build", "-o", binPath, "github.com/ladderlint/ladderlint/cmd/ladderlint")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return binPath
}

// actionMeta is the part of action.yml the runner uses.
type actionMeta struct {
	Inputs map[string]struct {
		Default *string `yaml:"default"`
	} `yaml:"inputs"`
	Outputs map[string]any `yaml:"outputs"`
}

func readActionMeta(t *testing.T) actionMeta {
	t.Helper()
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var m actionMeta
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// step is one run of the action.
type step struct {
	// files are written into the workspace (slash-separated relative paths).
	files map[string]string
	// fixture is a folder copied into the workspace first.
	fixture string
	// with are the workflow's `with:` values.
	with map[string]string
	// env adds or replaces variables (a workflow's env:).
	env map[string]string
	// args replace the (empty) container args; hook mode runs without the runner.
	args []string
	hook bool
	// setup, when set, prepares the workspace after the files are written
	// (a git history, for instance) and returns variables to add.
	setup func(t *testing.T, ws string) map[string]string
}

// stepResult is what the runner would see.
type stepResult struct {
	code           int
	stdout, stderr []byte
	commands       []command // from stdout then stderr, in order
	outputs        map[string]string
	outputErr      error
	envFileBytes   int // GITHUB_ENV, GITHUB_PATH, GITHUB_STATE together
	summary        []byte
	workspace      string
}

// run executes s under the fake runner. It fails the test when the
// workspace changed (E10).
func run(t *testing.T, s step) *stepResult {
	t.Helper()
	bin := ladderlintBinary(t)
	root := t.TempDir()
	dirs := map[string]string{}
	for _, d := range []string{"workspace", "file_commands", "workflow", "home", "runner_temp"} {
		dirs[d] = filepath.Join(root, d)
		if err := os.MkdirAll(dirs[d], 0o755); err != nil {
			t.Fatal(err)
		}
	}
	ws := dirs["workspace"]
	if s.fixture != "" {
		copyTree(t, filepath.Join("../../testdata/action", s.fixture), ws)
	}
	for name, content := range s.files {
		p := filepath.Join(ws, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const uuid = "5f1c2a3e-8d4b-4e6f-9a0b-c1d2e3f4a5b6"
	files := map[string]string{}
	for _, kind := range []string{"set_output_", "set_env_", "step_summary_", "add_path_", "save_state_"} {
		files[kind] = filepath.Join(dirs["file_commands"], kind+uuid)
		if err := os.WriteFile(files[kind], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	event, err := os.ReadFile("../../testdata/action/event.json")
	if err != nil {
		t.Fatal(err)
	}
	eventPath := filepath.Join(dirs["workflow"], "event.json")
	if err := os.WriteFile(eventPath, event, 0o644); err != nil {
		t.Fatal(err)
	}

	env := map[string]string{}
	if !s.hook {
		env = map[string]string{
			"GITHUB_ACTIONS": "true", "CI": "true", "HOME": dirs["home"], "RUNNER_TEMP": dirs["runner_temp"],
			"RUNNER_OS": "Linux", "RUNNER_ARCH": "X64", "RUNNER_NAME": "GitHub Actions 2", "RUNNER_ENVIRONMENT": "github-hosted",
			"GITHUB_WORKSPACE": ws, "GITHUB_EVENT_PATH": eventPath, "GITHUB_EVENT_NAME": "pull_request",
			"GITHUB_OUTPUT": files["set_output_"], "GITHUB_ENV": files["set_env_"], "GITHUB_PATH": files["add_path_"],
			"GITHUB_STATE": files["save_state_"], "GITHUB_STEP_SUMMARY": files["step_summary_"],
			"GITHUB_REPOSITORY": "octo/handbook", "GITHUB_REPOSITORY_OWNER": "octo", "GITHUB_SHA": "3333333333333333333333333333333333333333",
			"GITHUB_REF": "refs/pull/7/merge", "GITHUB_REF_NAME": "7/merge", "GITHUB_BASE_REF": "main", "GITHUB_HEAD_REF": "ladder-update",
			"GITHUB_SERVER_URL": "https://github.com", "GITHUB_API_URL": "https://api.github.com", "GITHUB_GRAPHQL_URL": "https://api.github.com/graphql",
			"GITHUB_JOB": "ladderlint", "GITHUB_RUN_ID": "42", "GITHUB_RUN_NUMBER": "3", "GITHUB_RUN_ATTEMPT": "1",
			"GITHUB_ACTOR": "octocat", "GITHUB_WORKFLOW": "ladderlint", "GITHUB_ACTION": "ladderlint",
		}
		// Every declared input is set: the with: value, else the default, else "" (§1.4).
		for name, in := range readActionMeta(t).Inputs {
			v := ""
			if in.Default != nil {
				v = *in.Default
			}
			if w, ok := s.with[name]; ok {
				v = w
			}
			env[InputEnv(name)] = v
		}
	}
	for k, v := range s.env {
		env[k] = v
	}
	if s.setup != nil {
		for k, v := range s.setup(t, ws) {
			env[k] = v
		}
	}
	before := treeHash(t, ws)
	cmd := exec.Command(bin, s.args...)
	cmd.Dir = ws
	cmd.Env = []string{}
	for k, v := range env {
		cmd.Env = append(cmd.Env, k+"="+v)
	}
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	r := &stepResult{workspace: ws}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		r.code = ee.ExitCode()
	}
	r.stdout, r.stderr = stdout.Bytes(), stderr.Bytes()
	if after := treeHash(t, ws); after != before {
		t.Errorf("E10: the workspace changed")
	}
	r.commands = parseCommands(r.stdout, t.Errorf)
	r.commands = append(r.commands, parseCommands(r.stderr, t.Errorf)...)
	out, _ := os.ReadFile(files["set_output_"])
	r.outputs, r.outputErr = parseEnvFile(out)
	for _, k := range []string{"set_env_", "add_path_", "save_state_"} {
		b, _ := os.ReadFile(files[k])
		r.envFileBytes += len(b)
	}
	r.summary, _ = os.ReadFile(files["step_summary_"])
	if s.hook && len(out)+r.envFileBytes+len(r.summary) > 0 {
		t.Errorf("hook mode wrote an environment file")
	}
	if bytes.ContainsRune(r.stdout, '\r') || bytes.ContainsRune(r.stderr, '\r') {
		t.Errorf("N1: a CR byte was written")
	}
	if len(r.summary) > 1<<20 {
		t.Errorf("summary is %d bytes, more than 1 MiB", len(r.summary))
	}
	if r.outputErr != nil {
		t.Errorf("GITHUB_OUTPUT does not parse: %v", r.outputErr)
	}
	if r.envFileBytes != 0 {
		t.Errorf("ladderlint wrote GITHUB_ENV, GITHUB_PATH or GITHUB_STATE")
	}
	if t.Failed() {
		t.Logf("stdout:\n%s\nstderr:\n%s", r.stdout, r.stderr)
	}
	return r
}

// annotations returns the annotation commands of type kind ("" = all)
// GitHub would keep: the first 10 of each type (§2.4).
func (r *stepResult) annotations(kind string) []command {
	return image.Annotations(r.commands, kind)
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// treeHash hashes every path, mode and content under dir (§7.7).
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(h, "%q %v\n", p, info.Mode())
		if d.Type().IsRegular() {
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			h.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// The runner's parsing of a step's output (workflow commands, the
// GITHUB_OUTPUT file) is the oracle in internal/image, shared with the
// real-image test.
type command = image.Command

var (
	runnerLines   = image.Lines
	parseCommands = image.ParseCommands
	parseEnvFile  = image.ParseEnvFile
)

// sortedKeys lists m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
