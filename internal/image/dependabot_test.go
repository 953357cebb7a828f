package image

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

// yamlJSON reads a YAML document as the JSON value a schema validates.
func yamlJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := yaml.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
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

func schemaErrors(t *testing.T, schema string, doc any) []string {
	t.Helper()
	abs, err := filepath.Abs(schema)
	if err != nil {
		t.Fatal(err)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewReferenceLoader("file://"+filepath.ToSlash(abs)), gojsonschema.NewGoLoader(doc))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range res.Errors() {
		out = append(out, e.String())
	}
	return out
}

// TestDependabot: .github/dependabot.yml passes SchemaStore's schema and
// keeps docker (the Dockerfile's base images), gomod and github-actions
// current from the repository root; the schema rejects a typo, so the test
// can fail.
func TestDependabot(t *testing.T) {
	b, err := os.ReadFile("../../.github/dependabot.yml")
	if err != nil {
		t.Fatal(err)
	}
	const schema = "testdata/dependabot-2.0.json"
	for _, e := range schemaErrors(t, schema, yamlJSON(t, b)) {
		t.Errorf("dependabot.yml: %s", e)
	}
	bad := strings.Replace(string(b), "package-ecosystem: gomod", "package-ecosystem: go", 1)
	if len(schemaErrors(t, schema, yamlJSON(t, []byte(bad)))) == 0 {
		t.Error("the schema accepted package-ecosystem: go; it proves nothing")
	}
	var cfg struct {
		Updates []struct {
			Ecosystem string `yaml:"package-ecosystem"`
			Directory string `yaml:"directory"`
		} `yaml:"updates"`
	}
	if err := yaml.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, u := range cfg.Updates {
		got = append(got, u.Ecosystem+" "+u.Directory)
	}
	slices.Sort(got)
	if want := []string{"docker /", "github-actions /", "gomod /"}; !slices.Equal(got, want) {
		t.Errorf("updates %q, want %q", got, want)
	}
	// Dependabot's docker updater needs tags it can compare: name:version.
	dockerfile, err := os.ReadFile("../../Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	images, err := baseImages(dockerfile)
	if err != nil {
		t.Fatal(err)
	}
	for _, img := range images {
		if !regexp.MustCompile(`^[a-z0-9./-]+:\d+(\.\d+)*(-[a-z0-9.]+)?$`).MatchString(img) {
			t.Errorf("FROM %s: Dependabot cannot update a base image without a version tag", img)
		}
	}
}

// TestWorkflowMatchesReadme: .github/workflows/ladderlint.yml (where
// Dependabot updates the actions) is the README's workflow with uses: ./,
// so a Dependabot bump fails here until the README says the same.
func TestWorkflowMatchesReadme(t *testing.T) {
	wf, err := os.ReadFile("../../.github/workflows/ladderlint.yml")
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range schemaErrors(t, "../../testdata/schemas/github-workflow.json", yamlJSON(t, wf)) {
		t.Errorf("workflow: %s", e)
	}
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, _ := strings.Cut(string(readme), "\n## GitHub Action\n")
	_, block, ok := strings.Cut(section, "```yaml\n")
	if !ok {
		t.Fatal("the README's GitHub Action section has no yaml block")
	}
	block, _, _ = strings.Cut(block, "```")
	uses := func(text string) []string {
		var out []string
		for _, m := range regexp.MustCompile(`(?m)^\s*-?\s*uses:\s*(\S+)`).FindAllStringSubmatch(text, -1) {
			if !strings.HasPrefix(m[1], "./") && !strings.HasPrefix(m[1], "ladderlint/ladderlint@") {
				out = append(out, m[1])
			}
		}
		return out
	}
	if got, want := uses(block), uses(string(wf)); len(want) == 0 || !slices.Equal(got, want) {
		t.Errorf("the README's workflow uses %q, .github/workflows/ladderlint.yml uses %q", got, want)
	}
}
