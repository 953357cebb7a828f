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
	"strings"
	"sync"
	"testing"
	"unicode"

	"go.yaml.in/yaml/v3"
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
	var out []command
	count := map[string]int{}
	for _, c := range r.commands {
		if c.name != "error" && c.name != "warning" && c.name != "notice" {
			continue
		}
		count[c.name]++
		if count[c.name] <= 10 && (kind == "" || c.name == kind) {
			out = append(out, c)
		}
	}
	return out
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

// command is one workflow command as the runner parsed it.
type command struct {
	name   string
	props  map[string]string
	data   string
	legacy bool
}

// registered are the runner's command names (§2.2).
var registered = map[string]bool{"stop-commands": true, "set-env": true, "set-output": true, "save-state": true,
	"add-mask": true, "add-path": true, "add-matcher": true, "remove-matcher": true, "debug": true, "warning": true,
	"error": true, "notice": true, "group": true, "endgroup": true, "echo": true}

// runnerLines splits a stream the way StreamReader.ReadLine does: at
// "\r\n", "\r" or "\n".
func runnerLines(b []byte) []string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// parseCommands applies the runner's per-line parsing (V2, then legacy,
// honouring stop-commands) and, for every line, checks the conservative
// invariants of §7.4: with Cc and Cf runes deleted and whitespace trimmed,
// a line that is not a V2 command must not start with "::" nor contain
// "##[", and a V2 command must parse the same way.
// Violations go to flag (t.Errorf in the harness).
func parseCommands(b []byte, flag func(format string, args ...any)) []command {
	var out []command
	stopToken := ""
	for _, line := range runnerLines(b) {
		c, v2 := parseV2(line)
		if stopToken != "" {
			if v2 && c.name == stopToken {
				stopToken = ""
			}
			continue
		}
		ok := v2 && registered[c.name]
		if cons := conservative(line); ok {
			if c2, ok2 := parseV2(cons); !ok2 || c2.name != c.name || c2.data != c.data || fmt.Sprint(c2.props) != fmt.Sprint(c.props) {
				flag("conservative parse differs for %q", line)
			}
		} else if strings.HasPrefix(cons, "::") || strings.Contains(cons, "##[") {
			flag("conservative oracle: line could become a command: %q", line)
		}
		if !ok {
			c, ok = parseLegacy(line)
		}
		if !ok {
			continue
		}
		if c.name == "stop-commands" {
			stopToken = strings.ToLower(c.data)
		}
		out = append(out, c)
	}
	return out
}

// conservative deletes Cc (except the separators) and Cf runes and trims
// Unicode space, to model ICU's ignorable code points.
func conservative(line string) string {
	s := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cc, r) && r != '\t' || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, line)
	return strings.TrimFunc(s, unicode.IsSpace)
}

// parseV2 reads "::name k=v,k=v::data" (§2.2): names case-insensitive,
// leading white space allowed. It reports the form only; the caller checks
// the name is registered (or the stop token).
func parseV2(line string) (command, bool) {
	m := strings.TrimLeftFunc(line, unicode.IsSpace)
	if !strings.HasPrefix(m, "::") {
		return command{}, false
	}
	end := strings.Index(m[2:], "::")
	if end < 0 {
		return command{}, false
	}
	info := m[2 : 2+end]
	name, rest, _ := strings.Cut(info, " ")
	c := command{name: strings.ToLower(name), props: map[string]string{}, data: unescapeData(m[2+end+2:])}
	for _, kv := range strings.Split(strings.TrimSpace(rest), ",") {
		k, v, _ := strings.Cut(kv, "=")
		if k != "" && v != "" {
			c.props[strings.ToLower(k)] = unescapeProp(v)
		}
	}
	return c, true
}

// parseLegacy reads "##[name k=v;k=v]data" anywhere in the line.
func parseLegacy(line string) (command, bool) {
	i := strings.Index(line, "##[")
	if i < 0 {
		return command{}, false
	}
	m := line[i+3:]
	j := strings.Index(m, "]")
	if j < 0 {
		return command{}, false
	}
	name, rest, _ := strings.Cut(m[:j], " ")
	c := command{name: strings.ToLower(name), props: map[string]string{}, data: m[j+1:], legacy: true}
	for _, kv := range strings.Split(rest, ";") {
		k, v, _ := strings.Cut(kv, "=")
		if k != "" && v != "" {
			c.props[strings.ToLower(k)] = v
		}
	}
	return c, registered[c.name]
}

func unescapeData(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(s)
}

func unescapeProp(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// parseEnvFile reads GITHUB_OUTPUT with the runner's grammar (§3.2); pairs
// before an error still count.
func parseEnvFile(b []byte) (map[string]string, error) {
	out := map[string]string{}
	lines := strings.Split(string(b), "\n")
	endsLF := strings.HasSuffix(string(b), "\n")
	if endsLF {
		lines = lines[:len(lines)-1]
	}
	for i := 0; i < len(lines); i++ {
		line := lines[i]
		if line == "" {
			continue
		}
		eq, hd := strings.Index(line, "="), strings.Index(line, "<<")
		switch {
		case eq >= 0 && (hd < 0 || eq < hd):
			out[line[:eq]] = line[eq+1:]
		case hd >= 0:
			name, delim := line[:hd], line[hd+2:]
			if name == "" || delim == "" {
				return out, fmt.Errorf("Invalid format '%s'. Name must not be empty and delimiter must not be empty", line)
			}
			var value []string
			found := false
			for i++; i < len(lines); i++ {
				if lines[i] == delim {
					found = true
					break
				}
				if i == len(lines)-1 && !endsLF {
					return out, errors.New("Invalid value. EOF marker missing new line.")
				}
				value = append(value, lines[i])
			}
			if !found {
				return out, fmt.Errorf("Invalid value. Matching delimiter not found '%s'", delim)
			}
			out[name] = strings.Join(value, "\n")
		default:
			return out, fmt.Errorf("Invalid format '%s'", line)
		}
	}
	return out, nil
}

// sortedKeys lists m's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
