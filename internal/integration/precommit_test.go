package integration

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/xeipuuv/gojsonschema"
	"go.yaml.in/yaml/v3"
)

// TestPreCommitManifest validates .pre-commit-hooks.yaml against the public
// schema (SchemaStore's pre-commit-hooks.json) and pins what the hook must
// be: a Go-built ladderlint run on markdown files.
func TestPreCommitManifest(t *testing.T) {
	root := repoRoot(t)
	data, err := os.ReadFile(filepath.Join(root, ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []map[string]any
	if err := yaml.Unmarshal(data, &hooks); err != nil {
		t.Fatal(err)
	}
	doc, err := json.Marshal(hooks)
	if err != nil {
		t.Fatal(err)
	}
	schema, err := os.ReadFile(filepath.Join(root, "testdata", "schemas", "pre-commit-hooks.json"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewBytesLoader(doc))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range res.Errors() {
		t.Errorf(".pre-commit-hooks.yaml: %s", e)
	}
	if len(hooks) != 1 {
		t.Fatalf("%d hooks, want 1", len(hooks))
	}
	h := hooks[0]
	for key, want := range map[string]any{"id": "ladderlint", "entry": "ladderlint", "language": "golang", "types": []any{"markdown"}} {
		if got, _ := json.Marshal(h[key]); string(got) != string(must(json.Marshal(want))) {
			t.Errorf("%s = %s, want %s", key, got, must(json.Marshal(want)))
		}
	}
	// The hook must not opt out of file names or run without files: it lints what pre-commit passes.
	for _, key := range []string{"pass_filenames", "always_run", "args"} {
		if _, ok := h[key]; ok {
			t.Errorf("unexpected %s in the hook", key)
		}
	}
	// The schema is not vacuous.
	bad, _ := gojsonschema.Validate(gojsonschema.NewBytesLoader(schema), gojsonschema.NewStringLoader(`[{"id":"x","entry":"x","language":"golang","types":"markdown"}]`))
	if bad == nil || bad.Valid() {
		t.Error("the pre-commit schema accepts a hook without a name and with types as a string")
	}
}

func must(b []byte, err error) []byte {
	if err != nil {
		panic(err)
	}
	return b
}
