package cli

import (
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/lint/check"
	"github.com/ladderlint/ladderlint/lint/config"
	"github.com/ladderlint/ladderlint/lint/ladder"
	"github.com/ladderlint/ladderlint/lint/report"
)

// showConfig prints the effective configuration (the file merged with the
// built-in defaults, every rule with its severity), or with verify only
// checks it: exit 0 when valid, 2 with file:line when not.
func showConfig(path string, paths []string, verify bool, stdout, stderr io.Writer) int {
	cfg, err := loadConfig(path, paths)
	if err == nil {
		_, err = check.New(cfg) // unknown rules, unreadable house schema
	}
	if err != nil {
		fmt.Fprintf(stderr, "ladderlint: %s\n", report.Safe(err.Error()))
		return ExitUsage
	}
	if verify {
		if cfg.Path == "" {
			fmt.Fprintln(stdout, "ladderlint: no configuration file found; the built-in defaults apply")
		} else {
			fmt.Fprintf(stdout, "ladderlint: %s is a valid configuration\n", report.Safe(cfg.Path))
		}
		return ExitClean
	}
	eff := *cfg
	if len(eff.Levels.Patterns) == 0 {
		eff.Levels.Patterns = ladder.DefaultLevelPatterns
	}
	if eff.Placeholders == nil {
		eff.Placeholders = ladder.DefaultPlaceholders
	}
	eff.Rules = map[string]string{}
	for _, r := range check.Rules {
		sev := r.Default().String()
		if s, ok := cfg.Rules[r.ID()]; ok {
			sev = s
		}
		eff.Rules[r.ID()] = sev
	}
	source := "built-in defaults (no " + config.FileName + " found)"
	if cfg.Path != "" {
		source = cfg.Path
	}
	fmt.Fprintf(stdout, "# effective configuration: %s\n", report.Safe(source))
	enc := yaml.NewEncoder(stdout)
	enc.SetIndent(2)
	if err := enc.Encode(&eff); err != nil {
		return ExitInternal
	}
	return ExitClean
}
