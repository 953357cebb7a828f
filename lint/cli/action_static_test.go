package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"go.yaml.in/yaml/v3"
)

// Static contract tests (§8.5): action.yml, the Dockerfile and the README's
// workflow, checked without Docker or GitHub.

// yamlToJSON reads a YAML document as the JSON value a schema validates.
func yamlToJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	// yaml.v3 decodes mappings as map[string]any; round-trip through JSON
	// so the schema sees plain JSON types.
	j, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(j, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func validate(t *testing.T, schemaFile string, doc any) {
	t.Helper()
	abs, err := filepath.Abs(schemaFile)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewReferenceLoader("file://"+filepath.ToSlash(abs)), gojsonschema.NewGoLoader(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf("%s: %s", schemaFile, e)
	}
}

// TestActionSchema: action.yml passes SchemaStore's github-action schema.
func TestActionSchema(t *testing.T) {
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	validate(t, "../../testdata/schemas/github-action.json", yamlToJSON(t, b))
}

// TestActionSchemaRejects: the schema is strict where the contract says it
// is, so TestActionSchema proves something.
func TestActionSchemaRejects(t *testing.T) {
	bad := "name: x\ndescription: y\ninputs:\n  a:\n    description: z\n    default: true\nruns:\n  using: docker\n  image: Dockerfile\n  user: root\n"
	abs, _ := filepath.Abs("../../testdata/schemas/github-action.json")
	res, err := gojsonschema.Validate(gojsonschema.NewReferenceLoader("file://"+filepath.ToSlash(abs)), gojsonschema.NewGoLoader(yamlToJSON(t, []byte(bad))))
	if err != nil {
		t.Fatal(err)
	}
	if res.Valid() {
		t.Error("a boolean default and an unknown runs key passed the schema")
	}
}

// TestActionMetadata pins the runner-level rules of §8.5 S1 and keeps
// action.yml's inputs and outputs in step with actionInputs/actionOutputs.
func TestActionMetadata(t *testing.T) {
	b, err := os.ReadFile("../../action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Inputs map[string]struct {
			Description string    `yaml:"description"`
			Default     yaml.Node `yaml:"default"`
		} `yaml:"inputs"`
		Outputs map[string]struct {
			Description string `yaml:"description"`
		} `yaml:"outputs"`
		Runs map[string]string `yaml:"runs"`
	}
	if err := yaml.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	if m.Runs["using"] != "docker" || m.Runs["image"] != "Dockerfile" || len(m.Runs) != 2 {
		t.Errorf("runs = %v, want using: docker, image: Dockerfile and nothing else (no args: inputs come as INPUT_*)", m.Runs)
	}
	id := regexp.MustCompile(`^[_a-zA-Z][a-zA-Z0-9_-]*$`)
	var declared []string
	for name, in := range m.Inputs {
		declared = append(declared, name)
		if !id.MatchString(name) || in.Description == "" {
			t.Errorf("input %q: bad id or no description", name)
		}
		if in.Default.Kind != 0 && in.Default.Tag != "!!str" {
			t.Errorf("input %q: default %q is not a YAML string", name, in.Default.Value)
		}
	}
	var known []string
	for _, in := range actionInputs {
		known = append(known, in.Name)
	}
	slices.Sort(declared)
	slices.Sort(known)
	if !slices.Equal(declared, known) {
		t.Errorf("action.yml declares inputs %v, the CLI reads %v", declared, known)
	}
	var outputs []string
	for name, o := range m.Outputs {
		outputs = append(outputs, name)
		if o.Description == "" {
			t.Errorf("output %q has no description", name)
		}
	}
	slices.Sort(outputs)
	written := slices.Sorted(slices.Values(actionOutputs))
	if !slices.Equal(outputs, written) {
		t.Errorf("action.yml declares outputs %v, the CLI writes %v", outputs, written)
	}
}

// TestInputEnv pins the runner's naming (§1.4).
func TestInputEnv(t *testing.T) {
	for in, want := range map[string]string{"paths": "INPUT_PATHS", "fail-level": "INPUT_FAIL-LEVEL", "my input": "INPUT_MY_INPUT"} {
		if got := InputEnv(in); got != want {
			t.Errorf("InputEnv(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestEveryInputIsRead: each declared input, set under its INPUT_ name to a
// bad value, changes the in-process run (exit 2 naming the input), and a
// flag on the command line wins over its input.
func TestEveryInputIsRead(t *testing.T) {
	dir, err := filepath.Abs("../../testdata/action/error")
	if err != nil {
		t.Fatal(err)
	}
	bad := map[string]string{"paths": "no/such/folder", "config": "no-such.yml", "fail-level": "bogus",
		"changed-since": "no-such-revision", "sarif-file": "/no/such/folder/ladderlint.sarif",
		"changes-file": "/no/such/folder/changes.md"}
	for _, in := range actionInputs {
		t.Run(in.Name, func(t *testing.T) {
			v, ok := bad[in.Name]
			if !ok {
				t.Fatalf("no bad value for input %q", in.Name)
			}
			env := map[string]string{"GITHUB_ACTIONS": "true", InputEnv(in.Name): v}
			var out, errOut strings.Builder
			args := []string{}
			if in.Name != "paths" {
				args = append(args, dir)
			}
			code := Main(args, &out, &errOut, func(k string) string { return env[k] })
			if code != ExitUsage {
				t.Errorf("%s=%q: exit %d, want %d\n%s%s", InputEnv(in.Name), v, code, ExitUsage, out.String(), errOut.String())
			}
			if !strings.Contains(out.String(), `input "`+in.Name+`"`) {
				t.Errorf("the error does not name the input:\n%s", out.String())
			}
		})
	}
	env := map[string]string{"GITHUB_ACTIONS": "true", "INPUT_FAIL-LEVEL": "bogus"}
	var out strings.Builder
	if code := Main([]string{"-fail-level", "never", dir}, &out, &out, func(k string) string { return env[k] }); code != ExitClean {
		t.Errorf("-fail-level never with INPUT_FAIL-LEVEL=bogus: exit %d, want 0\n%s", code, out.String())
	}
}

// dockerInstruction is one instruction of a Dockerfile, continuations joined.
type dockerInstruction struct {
	Cmd, Args string
}

func parseDockerfile(t *testing.T, path string) []dockerInstruction {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []dockerInstruction
	var cur strings.Builder
	for _, line := range strings.Split(string(b), "\n") {
		trimmed := strings.TrimSpace(line)
		if cur.Len() == 0 && (trimmed == "" || strings.HasPrefix(trimmed, "#")) {
			continue
		}
		if strings.HasSuffix(trimmed, `\`) {
			cur.WriteString(strings.TrimSuffix(trimmed, `\`) + " ")
			continue
		}
		cur.WriteString(trimmed)
		cmd, args, _ := strings.Cut(cur.String(), " ")
		out = append(out, dockerInstruction{Cmd: strings.ToUpper(cmd), Args: strings.TrimSpace(args)})
		cur.Reset()
	}
	return out
}

// TestDockerfile pins the image rules (§1.5, §1.6, §8.5 S2): multi-stage,
// static build, no USER, no WORKDIR, exec-form ENTRYPOINT with an absolute
// path to the binary the build stage made.
func TestDockerfile(t *testing.T) {
	ins := parseDockerfile(t, "../../Dockerfile")
	if len(ins) == 0 || ins[0].Cmd != "FROM" {
		t.Fatalf("the first instruction is not FROM: %v", ins)
	}
	var stages [][]dockerInstruction
	for _, in := range ins {
		if in.Cmd == "FROM" {
			stages = append(stages, nil)
		}
		stages[len(stages)-1] = append(stages[len(stages)-1], in)
		switch in.Cmd {
		case "USER":
			t.Errorf("USER %s: Docker actions must run as root to write the runner's files", in.Args)
		case "WORKDIR":
			t.Errorf("WORKDIR %s: the runner sets --workdir /github/workspace", in.Args)
		}
	}
	if len(stages) < 2 {
		t.Fatalf("%d stages, want a build stage and a final stage", len(stages))
	}
	static := false
	for _, in := range slices.Concat(stages[:len(stages)-1]...) {
		if (in.Cmd == "ENV" || in.Cmd == "RUN" || in.Cmd == "ARG") && strings.Contains(in.Args, "CGO_ENABLED=0") {
			static = true
		}
	}
	if !static {
		t.Error("the build stages do not set CGO_ENABLED=0")
	}
	final := stages[len(stages)-1]
	var entry []string
	copied := false
	for _, in := range final {
		switch in.Cmd {
		case "ENTRYPOINT":
			entry = nil
			if err := json.Unmarshal([]byte(in.Args), &entry); err != nil {
				t.Errorf("ENTRYPOINT %s is not in exec form (a JSON array): %v", in.Args, err)
			}
		case "COPY":
			copied = copied || strings.HasPrefix(in.Args, "--from=")
		case "RUN":
			// Only the packages the binary calls (git, for changed-since).
			if !strings.HasPrefix(in.Args, "apk add --no-cache git") {
				t.Errorf("RUN in the final stage: %s (the final image holds the binary and git only)", in.Args)
			}
		}
	}
	if len(entry) == 0 || !strings.HasPrefix(entry[0], "/") {
		t.Errorf("final ENTRYPOINT = %q, want an absolute path", entry)
	}
	if !copied {
		t.Error("the final stage copies nothing from the build stage")
	}
}

// readmeWorkflow is the first yaml block of the README's "GitHub Action" section.
func readmeWorkflow(t *testing.T) []byte {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(b), "\n## GitHub Action\n")
	if !ok {
		t.Fatal(`README.md has no "## GitHub Action" section`)
	}
	_, block, ok := strings.Cut(section, "```yaml\n")
	if !ok {
		t.Fatal("the GitHub Action section has no yaml block")
	}
	block, _, _ = strings.Cut(block, "```")
	return []byte(block)
}

// TestReadmeWorkflow: the copy-paste workflow is valid (SchemaStore's
// workflow schema), runs on pull_request only with read-only contents, has
// no paths filter (so the required check always reports), and passes only
// declared inputs to the action (§5, §8.5 S6).
func TestReadmeWorkflow(t *testing.T) {
	b := readmeWorkflow(t)
	validate(t, "../../testdata/schemas/github-workflow.json", yamlToJSON(t, b))
	var wf struct {
		On          any               `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Steps []struct {
				Uses string            `yaml:"uses"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatal(err)
	}
	if wf.On != "pull_request" {
		t.Errorf("on: %v, want pull_request only (no paths filter, no pull_request_target)", wf.On)
	}
	if len(wf.Permissions) != 1 || wf.Permissions["contents"] != "read" {
		t.Errorf("permissions: %v, want contents: read only", wf.Permissions)
	}
	declared := readActionMeta(t).Inputs
	uses := 0
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if !strings.HasPrefix(s.Uses, "ladderlint/ladderlint@") {
				continue
			}
			uses++
			for k := range s.With {
				if _, ok := declared[k]; !ok {
					t.Errorf("with: %s is not an input of action.yml", k)
				}
			}
		}
	}
	if uses != 1 {
		t.Errorf("the workflow uses the action %d times, want 1", uses)
	}
}

// TestReadmeWorkflowSchemaRejects: the workflow schema catches a typo, so
// TestReadmeWorkflow proves something.
func TestReadmeWorkflowSchemaRejects(t *testing.T) {
	bad := strings.Replace(string(readmeWorkflow(t)), "runs-on:", "run-on:", 1)
	abs, _ := filepath.Abs("../../testdata/schemas/github-workflow.json")
	res, err := gojsonschema.Validate(gojsonschema.NewReferenceLoader("file://"+filepath.ToSlash(abs)), gojsonschema.NewGoLoader(yamlToJSON(t, []byte(bad))))
	if err != nil {
		t.Fatal(err)
	}
	if res.Valid() {
		t.Error("a workflow with run-on: instead of runs-on: passed the schema")
	}
}
