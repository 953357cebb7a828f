package cli

import (
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/ladderlint/ladderlint/lint/report"
)

// output is one -output FORMAT=PATH: a second report written to a file, so
// one run can print text and write SARIF for code scanning.
type output struct {
	format, path string
}

func parseOutput(v string) (output, error) {
	format, path, ok := strings.Cut(v, "=")
	if !ok || path == "" {
		return output{}, fmt.Errorf("want FORMAT=PATH, e.g. sarif=ladderlint.sarif")
	}
	if !slices.Contains(fileFormats, format) {
		return output{}, fmt.Errorf("format %q is not one of %s", format, strings.Join(fileFormats, ", "))
	}
	return output{format: format, path: path}, nil
}

// write creates the file (replacing an old report) and writes the report.
func (o output) write(run *report.Run) error {
	f, err := os.Create(o.path)
	if err != nil {
		return fmt.Errorf("%s: %v", o.format, err)
	}
	if err := write(f, o.format, run, false); err != nil {
		f.Close()
		return fmt.Errorf("%s: %v", o.format, err)
	}
	return f.Close()
}
