// Package config loads .ladderlint.yml: which files to lint, how levels are
// written, which categories and areas every level must cover, placeholder
// words, rule severities and an optional house schema.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
	"go.yaml.in/yaml/v3"
)

// FileName is the configuration file looked for at the lint root.
const FileName = ".ladderlint.yml"

// Config is the whole configuration. The zero value is not useful; start
// from Default.
type Config struct {
	// Path is the file the configuration came from, "" for the defaults.
	Path string `yaml:"-"`
	// Include and Exclude are doublestar globs on slash-separated paths
	// relative to the lint root.
	Include []string `yaml:"include"`
	Exclude []string `yaml:"exclude"`
	Levels  Levels   `yaml:"levels"`
	// Categories lists the categories every ladder must have.
	Categories Categories `yaml:"categories"`
	// Areas are the areas of expectation every non-placeholder level must show.
	Areas []Area `yaml:"areas"`
	// Placeholders are phrases that mark unwritten text, added to the
	// built-in list (PlaceholdersReplace: instead of it).
	Placeholders        []string `yaml:"placeholders"`
	PlaceholdersReplace bool     `yaml:"placeholders-replace"`
	// Rules maps a rule id to "error", "warning", "info" or "off".
	Rules map[string]string `yaml:"rules"`
	// Schema is a draft-07 JSON Schema file every ladder document must
	// satisfy, relative to the configuration file.
	Schema string `yaml:"schema,omitempty"`
	// FailLevel is the lowest severity that fails the run: error, warning or never.
	FailLevel string `yaml:"fail-level"`
	// Suppressions configures the ladderlint-disable comments.
	Suppressions Suppressions `yaml:"suppressions"`
	// Ladders pins the ladders the handbook must hold (rule ladder-missing).
	Ladders []Pin `yaml:"ladders,omitempty"`
	// Overrides are settings for the pages their globs match, applied in
	// order over the top-level settings (a handbook with several ladder
	// families: support, engineering, product).
	Overrides []Override `yaml:"overrides,omitempty"`

	// Lines holds the YAML line of each rule key and of other settings, for messages.
	Lines map[string]int `yaml:"-"`
}

// Levels says how level labels are recognised.
type Levels struct {
	// Patterns replace the built-in label patterns; each needs the named
	// groups (?P<track>…) and (?P<rank>…).
	Patterns []string `yaml:"patterns"`
	// Code, when set, is a regular expression every level code must match (e.g. "^(IC[1-7]|M[3-6])$").
	Code string `yaml:"code"`
	// Names maps level names that carry no code ("Senior Software Engineer")
	// to a code ("SE3"): letters for the track, a number for the rank.
	Names map[string]string `yaml:"names"`
}

// Pin is a ladder the handbook must hold: on the page File (a doublestar
// glob relative to the lint root: every page it matches must hold it), with
// the name Name when set, the level codes Levels and the categories
// Categories. `ladderlint init` writes them from what it recognises.
type Pin struct {
	File       string   `yaml:"file"`
	Name       string   `yaml:"name,omitempty"`
	Levels     []string `yaml:"levels,omitempty"`
	Categories []string `yaml:"categories,omitempty"`
}

// Pins returns the pinned ladders whose File matches rel (slash-separated,
// relative to the lint root), with their index in Ladders.
func (c *Config) Pins(rel string) []int {
	var out []int
	for i, p := range c.Ladders {
		if ok, _ := doublestar.Match(p.File, rel); ok {
			out = append(out, i)
		}
	}
	return out
}

// Suppressions configures inline suppression comments.
type Suppressions struct {
	// RequireReason makes a suppression without "-- reason" a finding.
	RequireReason bool `yaml:"require-reason"`
}

// Categories lists required categories.
type Categories struct {
	Required []string `yaml:"required"`
}

// Area is a named area of expectation and the terms whose presence shows it.
type Area struct {
	Name  string   `yaml:"name"`
	Terms []string `yaml:"terms"`
}

// Default is the configuration used without a file.
func Default() *Config {
	return &Config{Include: []string{"**/*.md", "**/*.markdown"}, FailLevel: "error", Lines: map[string]int{}}
}

// Error is a configuration problem with its place in the file.
type Error struct {
	Path string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.Path, e.Line, e.Msg)
	}
	return e.Path + ": " + e.Msg
}

// Load reads the configuration at path. With required false a missing file
// yields the defaults.
func Load(path string, required bool) (*Config, error) {
	data, err := ReadSmall(path)
	if errors.Is(err, os.ErrNotExist) && !required {
		return Default(), nil
	}
	if err != nil {
		return nil, &Error{Path: path, Msg: "cannot read the configuration: " + errText(err)}
	}
	return Parse(path, data)
}

func errText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// Parse decodes a configuration file's bytes. Unknown keys, wrong types, bad
// patterns and unknown severities are errors with the line they are on.
func Parse(path string, data []byte) (*Config, error) {
	c := Default()
	c.Path = path
	if len(bytes.TrimSpace(data)) == 0 {
		return c, nil
	}
	var root yaml.Node
	if err := yaml.Unmarshal(data, &root); err != nil {
		return nil, syntaxError(path, data, err)
	}
	recordLines(&root, c.Lines, "")
	if err := validateSchema(path, &root, c.Lines); err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil {
		return nil, yamlError(path, err)
	}
	return c, c.validate()
}

var levelCode = regexp.MustCompile(`^[A-Za-z]+\d{1,3}$`)

var (
	yamlLine   = regexp.MustCompile(`^(?:yaml: )?(?:unmarshal errors:\n\s*)?line (\d+): (.*)$`)
	unknownKey = regexp.MustCompile(`^field (\S+) not found in type config\.\w+$`)
	wrongType  = regexp.MustCompile("^cannot unmarshal !!(\\w+) `(.*)` into (.*)$")
)

// friendly rewords yaml.v3's Go-flavoured messages for a handbook editor.
func friendly(msg string) string {
	if msg == "did not find expected key" || msg == "did not find expected '-' indicator" {
		return "this line is not indented like the lines above it (" + msg + ")"
	}
	if m := unknownKey.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("unknown key %q (the README lists the keys there are)", m[1])
	}
	if m := wrongType.FindStringSubmatch(msg); m != nil {
		want := map[string]string{"[]string": "a list", "string": "a text value", "map[string]string": "a mapping",
			"config.Levels": "a mapping", "config.Categories": "a mapping", "[]config.Area": "a list of areas", "config.Area": "a mapping",
			"[]config.Pin": "a list of ladders", "config.Pin": "a mapping"}[m[3]]
		if want == "" {
			want = m[3]
		}
		return fmt.Sprintf("expected %s here, found %q", want, m[2])
	}
	return msg
}

// yamlError turns a yaml.v3 error into an Error with a line.
func yamlError(path string, err error) error {
	msg := err.Error()
	if m := yamlLine.FindStringSubmatch(strings.SplitN(msg, "\n  line", 2)[0]); m != nil {
		var line int
		fmt.Sscanf(m[1], "%d", &line)
		return &Error{Path: path, Line: line, Msg: friendly(strings.TrimPrefix(m[2], "yaml: "))}
	}
	if te := (*yaml.TypeError)(nil); errors.As(err, &te) && len(te.Errors) > 0 {
		if m := yamlLine.FindStringSubmatch(te.Errors[0]); m != nil {
			var line int
			fmt.Sscanf(m[1], "%d", &line)
			return &Error{Path: path, Line: line, Msg: friendly(m[2])}
		}
	}
	return &Error{Path: path, Msg: strings.TrimPrefix(msg, "yaml: ")}
}

// maxProbeLines bounds the re-parsing syntaxError does.
const maxProbeLines = 2000

// syntaxError is yamlError with the line the mistake is on. yaml.v3 names
// the line where the enclosing mapping or list starts ("line 1: did not
// find expected key" for a bad indent on line 3); the mistake is on the
// first line whose addition makes the document fail with the same problem,
// which re-parsing growing prefixes finds.
func syntaxError(path string, data []byte, err error) error {
	e, ok := yamlError(path, err).(*Error)
	if !ok || e.Line == 0 {
		return yamlError(path, err)
	}
	lines := bytes.SplitAfter(data, []byte("\n"))
	if len(lines) > maxProbeLines {
		return e
	}
	var probe yaml.Node
	for k := max(1, e.Line); k <= len(lines); k++ {
		perr := yaml.Unmarshal(bytes.Join(lines[:k], nil), &probe)
		if perr == nil {
			continue
		}
		if pe, ok := yamlError(path, perr).(*Error); ok && pe.Msg == e.Msg {
			e.Line = k
			break
		}
	}
	return e
}

// recordLines stores the line of every mapping key as "a.b.c".
func recordLines(n *yaml.Node, lines map[string]int, prefix string) {
	switch n.Kind {
	case yaml.DocumentNode:
		for _, c := range n.Content {
			recordLines(c, lines, prefix)
		}
	case yaml.MappingNode:
		for i := 0; i+1 < len(n.Content); i += 2 {
			key := prefix + n.Content[i].Value
			lines[key] = n.Content[i].Line
			recordLines(n.Content[i+1], lines, key+".")
		}
	case yaml.SequenceNode:
		for i, c := range n.Content {
			key := fmt.Sprintf("%s%d", prefix, i)
			lines[key] = c.Line
			recordLines(c, lines, key+".")
		}
	}
}

func (c *Config) errorAt(key, msg string) error {
	return &Error{Path: c.Path, Line: c.Lines[key], Msg: msg}
}

// Severities are the values a rule may be set to.
var Severities = []string{"error", "warning", "info", "off"}

func (c *Config) validate() error {
	if err := c.validateIn(""); err != nil {
		return err
	}
	for i, g := range append(append([]string{}, c.Include...), c.Exclude...) {
		if !doublestar.ValidatePattern(g) {
			key := fmt.Sprintf("include.%d", i)
			if i >= len(c.Include) {
				key = fmt.Sprintf("exclude.%d", i-len(c.Include))
			}
			return c.errorAt(key, fmt.Sprintf("%q is not a valid glob", g))
		}
	}
	for i, p := range c.Ladders {
		if !doublestar.ValidatePattern(p.File) {
			return c.errorAt(fmt.Sprintf("ladders.%d", i), fmt.Sprintf("ladder file %q is not a valid path or glob", p.File))
		}
	}
	if !ValidFailLevel(c.FailLevel) {
		return c.errorAt("fail-level", fmt.Sprintf("fail-level %q is not one of error, warning, never", c.FailLevel))
	}
	return c.validateOverrides()
}

// ValidFailLevel reports whether s is a fail level: error, warning or never
// (the configuration's fail-level and the -fail-level flag).
func ValidFailLevel(s string) bool { return contains([]string{"error", "warning", "never"}, s) }

// validateIn checks the settings an override may hold too; prefix is
// where they are ("" or "overrides.2.").
func (c *Config) validateIn(prefix string) error {
	for i, p := range c.Levels.Patterns {
		re, err := regexp.Compile(p)
		key := fmt.Sprintf("%slevels.patterns.%d", prefix, i)
		if err != nil {
			return c.errorAt(key, "level pattern is not a valid regular expression: "+err.Error())
		}
		if re.SubexpIndex("rank") < 0 {
			return c.errorAt(key, "level pattern needs the named group (?P<rank>…), and may have (?P<track>…)")
		}
	}
	for name, code := range c.Levels.Names {
		if !levelCode.MatchString(code) {
			return c.errorAt(prefix+"levels.names."+name, fmt.Sprintf("level %q: code %q should be letters followed by a number, like SE2", name, code))
		}
	}
	if c.Levels.Code != "" {
		if _, err := regexp.Compile(c.Levels.Code); err != nil {
			return c.errorAt(prefix+"levels.code", "levels.code is not a valid regular expression: "+err.Error())
		}
	}
	for i, a := range c.Areas {
		key := fmt.Sprintf("%sareas.%d", prefix, i)
		if strings.TrimSpace(a.Name) == "" {
			return c.errorAt(key, "an area needs a name")
		}
		if len(a.Terms) == 0 {
			return c.errorAt(key, fmt.Sprintf("area %q needs at least one term that shows it is covered", a.Name))
		}
	}
	for id, sev := range c.Rules {
		if !contains(Severities, sev) {
			return c.errorAt(prefix+"rules."+id, fmt.Sprintf("rule %q: severity %q is not one of %s", id, sev, strings.Join(Severities, ", ")))
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// SchemaPath is the house schema's path resolved against the configuration file.
func (c *Config) SchemaPath() string {
	if c.Schema == "" || filepath.IsAbs(c.Schema) || c.Path == "" {
		return c.Schema
	}
	return filepath.Join(filepath.Dir(c.Path), c.Schema)
}

// Selects reports whether the slash-separated path rel (relative to the lint
// root) is included and not excluded.
func (c *Config) Selects(rel string) bool {
	in := false
	for _, g := range c.Include {
		if ok, _ := doublestar.Match(g, rel); ok {
			in = true
			break
		}
	}
	if !in {
		return false
	}
	for _, g := range c.Exclude {
		if ok, _ := doublestar.Match(g, rel); ok {
			return false
		}
	}
	return true
}

// maxConfigBytes bounds configuration and schema files.
const maxConfigBytes = 1 << 20

// ReadSmall reads a regular file of at most 1 MiB: a FIFO or a device
// (/dev/zero) given as a configuration would otherwise hang the run.
func ReadSmall(path string) ([]byte, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, &os.PathError{Op: "read", Path: path, Err: errors.New("not a regular file")}
	}
	if info.Size() > maxConfigBytes {
		return nil, &os.PathError{Op: "read", Path: path, Err: fmt.Errorf("larger than %d bytes", maxConfigBytes)}
	}
	return os.ReadFile(path)
}
