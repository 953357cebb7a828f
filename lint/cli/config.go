package cli

import (
	"fmt"
	"io"
	"os"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/ladderlint/ladderlint/lint"
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
		if msg := unmatchedLevels(cfg, paths); msg != "" {
			fmt.Fprintf(stderr, "ladderlint: %s\n", report.Safe(msg))
			return ExitUsage
		}
		if cfg.Path == "" {
			fmt.Fprintln(stdout, "ladderlint: no configuration file found; the built-in defaults apply")
		} else {
			fmt.Fprintf(stdout, "ladderlint: %s is a valid configuration\n", report.Safe(cfg.Path))
		}
		return ExitClean
	}
	eff := *cfg
	page := ""
	if len(paths) == 1 {
		if info, err := os.Stat(paths[0]); err == nil && !info.IsDir() {
			// A page: its configuration, with the overrides that match it applied.
			pc, _ := cfg.For(lint.RootRel(lint.Options{Root: configRoot(cfg)}, paths[0]))
			eff = *pc
			page = " for " + paths[0]
		}
	}
	eff = *lint.Effective(&eff)
	source := "built-in defaults (no " + config.FileName + " found)"
	if cfg.Path != "" {
		source = cfg.Path
	}
	fmt.Fprintf(stdout, "# effective configuration%s: %s\n", report.Safe(page), report.Safe(source))
	if len(eff.Levels.Patterns) == 0 {
		// Printing the built-in patterns here would invite copying them into
		// a file, which replaces the built-in recognition with them alone.
		fmt.Fprintln(stdout, "# levels.patterns: none, so the built-in recognition reads level labels (IC3, L4, SWE-2, Level 3,\n"+
			"# Grade 7, Senior Engineer, Engineer II, Pleno, ...); patterns set here replace all of it")
	}
	enc := yaml.NewEncoder(stdout)
	enc.SetIndent(2)
	if err := enc.Encode(&eff); err != nil {
		return ExitInternal
	}
	return ExitClean
}

// unmatchedLevels checks the configured level patterns and names against
// the handbook: one that matches no heading or table label there cannot
// find a ladder, and is refused with its line.
func unmatchedLevels(cfg *config.Config, paths []string) string {
	if len(cfg.Levels.Patterns) == 0 && len(cfg.Levels.Names) == 0 {
		return ""
	}
	root := configRoot(cfg)
	if len(paths) == 0 {
		paths = []string{root}
	}
	labels, err := lint.LabelCandidates(lint.Options{Paths: paths, Root: root, Config: cfg})
	if err != nil || len(labels) == 0 {
		return ""
	}
	where := func(key string) string {
		if line := cfg.Lines[key]; line > 0 && cfg.Path != "" {
			return fmt.Sprintf("%s:%d: ", cfg.Path, line)
		}
		return ""
	}
	for i, p := range cfg.Levels.Patterns {
		m, err := ladder.NewMatcher([]string{p})
		if err != nil {
			continue // Load reported it
		}
		if !anyLabel(labels, func(s string) bool { _, ok := m.Match(s); return ok }) {
			return fmt.Sprintf("%slevels.patterns: %q matches no heading or table label in %s, so it finds no ladder",
				where(fmt.Sprintf("levels.patterns.%d", i)), p, strings.Join(paths, ", "))
		}
	}
	for name, code := range cfg.Levels.Names {
		m, _ := ladder.NewMatcher(nil)
		if m.AddNames(map[string]string{name: code}) != nil {
			continue
		}
		if !anyLabel(labels, func(s string) bool { _, ok := m.Match(s); return ok }) {
			return fmt.Sprintf("%slevels.names: %q is not written as a heading or table label in %s, so it names no level",
				where("levels.names."+name), name, strings.Join(paths, ", "))
		}
	}
	return ""
}

func anyLabel(labels []string, match func(string) bool) bool {
	for _, l := range labels {
		if match(l) {
			return true
		}
	}
	return false
}
