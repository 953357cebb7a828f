package config

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/bmatcuk/doublestar/v4"
)

// Override holds settings for the pages matched by Files, the way
// ESLint's and markdownlint-cli2's overrides scope settings to paths. A key
// that is set replaces the top-level value (categories, areas, levels.patterns,
// levels.code), or is merged with it (rules and levels.names per key,
// placeholders added to the list unless placeholders-replace is true).
type Override struct {
	// Files are doublestar globs on slash-separated paths relative to the lint root.
	Files               []string          `yaml:"files"`
	Levels              *Levels           `yaml:"levels,omitempty"`
	Categories          *Categories       `yaml:"categories,omitempty"`
	Areas               *[]Area           `yaml:"areas,omitempty"`
	Placeholders        []string          `yaml:"placeholders,omitempty"`
	PlaceholdersReplace *bool             `yaml:"placeholders-replace,omitempty"`
	Rules               map[string]string `yaml:"rules,omitempty"`
}

// Matches reports whether the override applies to rel (slash-separated,
// relative to the lint root).
func (o *Override) Matches(rel string) bool {
	for _, g := range o.Files {
		if ok, _ := doublestar.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// For returns the configuration in effect for the page rel (relative to the
// lint root, slash-separated) and a key naming it: pages with the same key
// have the same configuration. Without a matching override it is c itself
// and the key "".
func (c *Config) For(rel string) (*Config, string) {
	return c.WithOverrides(c.Matching(rel)...)
}

// Matching returns the indexes of the overrides whose globs match rel.
func (c *Config) Matching(rel string) []int {
	var idx []int
	for i := range c.Overrides {
		if c.Overrides[i].Matches(rel) {
			idx = append(idx, i)
		}
	}
	return idx
}

// OverrideKey names a set of overrides (as For's key does).
func OverrideKey(idx []int) string {
	parts := make([]string, len(idx))
	for i, n := range idx {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, ",")
}

// WithOverrides returns c with the overrides idx applied in order, and
// their key; with none, c itself and "".
func (c *Config) WithOverrides(idx ...int) (*Config, string) {
	if len(idx) == 0 {
		return c, ""
	}
	eff := *c
	eff.Overrides = nil
	eff.Rules = maps.Clone(c.Rules)
	eff.Levels.Names = maps.Clone(c.Levels.Names)
	eff.Placeholders = slices.Clone(c.Placeholders)
	for _, i := range idx {
		eff.apply(&c.Overrides[i])
	}
	return &eff, OverrideKey(idx)
}

func (c *Config) apply(o *Override) {
	if o.Levels != nil {
		if o.Levels.Patterns != nil {
			c.Levels.Patterns = o.Levels.Patterns
		}
		if o.Levels.Code != "" {
			c.Levels.Code = o.Levels.Code
		}
		for k, v := range o.Levels.Names {
			if c.Levels.Names == nil {
				c.Levels.Names = map[string]string{}
			}
			c.Levels.Names[k] = v
		}
	}
	if o.Categories != nil {
		c.Categories = *o.Categories
	}
	if o.Areas != nil {
		c.Areas = *o.Areas
	}
	if o.PlaceholdersReplace != nil {
		c.PlaceholdersReplace = *o.PlaceholdersReplace
		if *o.PlaceholdersReplace {
			c.Placeholders = nil // the override's own list only
		}
	}
	c.Placeholders = append(c.Placeholders, o.Placeholders...)
	for k, v := range o.Rules {
		if c.Rules == nil {
			c.Rules = map[string]string{}
		}
		c.Rules[k] = v
	}
}

// PlaceholderWords is the placeholder list in effect: builtin plus
// placeholders, or placeholders alone with placeholders-replace.
func (c *Config) PlaceholderWords(builtin []string) []string {
	if c.PlaceholdersReplace {
		return slices.Clone(c.Placeholders)
	}
	return append(slices.Clone(builtin), c.Placeholders...)
}

func (c *Config) validateOverrides() error {
	for i, o := range c.Overrides {
		key := fmt.Sprintf("overrides.%d", i)
		for j, g := range o.Files {
			if !doublestar.ValidatePattern(g) {
				return c.errorAt(fmt.Sprintf("%s.files.%d", key, j), fmt.Sprintf("%q is not a valid glob", g))
			}
		}
		sub := &Config{Path: c.Path, Lines: c.Lines, FailLevel: "error", Rules: o.Rules}
		if o.Levels != nil {
			sub.Levels = *o.Levels
		}
		if o.Areas != nil {
			sub.Areas = *o.Areas
		}
		if err := sub.validateIn(key + "."); err != nil {
			return err
		}
	}
	return nil
}
