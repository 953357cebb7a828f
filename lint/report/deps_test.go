package report

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLeafImports keeps the reporters a leaf of the pipeline: report and
// finding import nothing of ladderlint but finding and source, so printing
// a finding never pulls in the checker, the recogniser or gojsonschema.
func TestLeafImports(t *testing.T) {
	const module = "github.com/ladderlint/ladderlint/"
	allowed := map[string]map[string]bool{
		".":          {"lint/finding": true, "lint/source": true},
		"../finding": {"lint/source": true},
	}
	for dir, ok := range allowed {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s (%v)", dir, err)
		}
		for _, name := range files {
			if strings.HasSuffix(name, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), name, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				p, _ := strconv.Unquote(imp.Path.Value)
				if strings.Contains(p, "gojsonschema") {
					t.Errorf("%s imports %s", name, p)
				}
				if rest, mine := strings.CutPrefix(p, module); mine && !ok[rest] {
					t.Errorf("%s imports %s: reporters may only import lint/finding and lint/source", name, p)
				}
			}
		}
	}
}
