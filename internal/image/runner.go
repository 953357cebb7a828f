// Package image holds what internal/image's test needs to read a Docker
// action's step the way GitHub's runner reads it
// (../shared/spec/github-actions-contract.md §2 and §3): stdout and stderr
// split into lines, workflow commands parsed (V2, then legacy, honouring
// stop-commands), and the GITHUB_OUTPUT file parsed. It is the same oracle
// as the fake runner's in lint/cli/runner_test.go, importable so that both
// harnesses can share it.
package image

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// Command is one workflow command as the runner parsed it.
type Command struct {
	Name   string
	Props  map[string]string
	Data   string
	Legacy bool
}

// registered are the runner's command names (§2.2).
var registered = map[string]bool{"stop-commands": true, "set-env": true, "set-output": true, "save-state": true,
	"add-mask": true, "add-path": true, "add-matcher": true, "remove-matcher": true, "debug": true, "warning": true,
	"error": true, "notice": true, "group": true, "endgroup": true, "echo": true}

// Lines splits a stream the way StreamReader.ReadLine does: at "\r\n",
// "\r" or "\n".
func Lines(b []byte) []string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = strings.TrimSuffix(s, "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// ParseCommands applies the runner's per-line parsing and, for every line,
// the conservative invariants of §7.4: with Cc and Cf runes deleted and
// white space trimmed, a line that is not a V2 command must not start with
// "::" nor contain "##[", and a V2 command must parse the same way.
// Violations are passed to flag.
func ParseCommands(b []byte, flag func(format string, args ...any)) []Command {
	var out []Command
	stopToken := ""
	for _, line := range Lines(b) {
		c, v2 := parseV2(line)
		if stopToken != "" {
			if v2 && c.Name == stopToken {
				stopToken = ""
			}
			continue
		}
		ok := v2 && registered[c.Name]
		if cons := conservative(line); ok {
			if c2, ok2 := parseV2(cons); !ok2 || c2.Name != c.Name || c2.Data != c.Data || fmt.Sprint(c2.Props) != fmt.Sprint(c.Props) {
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
		if c.Name == "stop-commands" {
			stopToken = strings.ToLower(c.Data)
		}
		out = append(out, c)
	}
	return out
}

// Annotations returns the annotation commands of type kind ("" = all) that
// GitHub keeps: the first 10 of each type (§2.4).
func Annotations(cmds []Command, kind string) []Command {
	var out []Command
	count := map[string]int{}
	for _, c := range cmds {
		if c.Name != "error" && c.Name != "warning" && c.Name != "notice" {
			continue
		}
		count[c.Name]++
		if count[c.Name] <= 10 && (kind == "" || c.Name == kind) {
			out = append(out, c)
		}
	}
	return out
}

// conservative deletes Cc (except tab) and Cf runes and trims Unicode
// space, to model ICU's ignorable code points.
func conservative(line string) string {
	s := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Cc, r) && r != '\t' || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, line)
	return strings.TrimFunc(s, unicode.IsSpace)
}

// parseV2 reads "::name k=v,k=v::data" (§2.2).
func parseV2(line string) (Command, bool) {
	m := strings.TrimLeftFunc(line, unicode.IsSpace)
	if !strings.HasPrefix(m, "::") {
		return Command{}, false
	}
	end := strings.Index(m[2:], "::")
	if end < 0 {
		return Command{}, false
	}
	name, rest, _ := strings.Cut(m[2:2+end], " ")
	c := Command{Name: strings.ToLower(name), Props: map[string]string{}, Data: unescapeData(m[2+end+2:])}
	for _, kv := range strings.Split(strings.TrimSpace(rest), ",") {
		k, v, _ := strings.Cut(kv, "=")
		if k != "" && v != "" {
			c.Props[strings.ToLower(k)] = unescapeProp(v)
		}
	}
	return c, true
}

// parseLegacy reads "##[name k=v;k=v]data" anywhere in the line.
func parseLegacy(line string) (Command, bool) {
	i := strings.Index(line, "##[")
	if i < 0 {
		return Command{}, false
	}
	m := line[i+3:]
	j := strings.Index(m, "]")
	if j < 0 {
		return Command{}, false
	}
	name, rest, _ := strings.Cut(m[:j], " ")
	c := Command{Name: strings.ToLower(name), Props: map[string]string{}, Data: m[j+1:], Legacy: true}
	for _, kv := range strings.Split(rest, ";") {
		k, v, _ := strings.Cut(kv, "=")
		if k != "" && v != "" {
			c.Props[strings.ToLower(k)] = v
		}
	}
	return c, registered[c.Name]
}

func unescapeData(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%25", "%").Replace(s)
}

func unescapeProp(s string) string {
	return strings.NewReplacer("%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%").Replace(s)
}

// ParseEnvFile reads GITHUB_OUTPUT with the runner's grammar (§3.2); pairs
// before an error still count.
func ParseEnvFile(b []byte) (map[string]string, error) {
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
				//lint:ignore ST1005 the runner's own wording, kept verbatim
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
					//lint:ignore ST1005 the runner's own wording, kept verbatim
					return out, errors.New("Invalid value. EOF marker missing new line.")
				}
				value = append(value, lines[i])
			}
			if !found {
				//lint:ignore ST1005 the runner's own wording, kept verbatim
				return out, fmt.Errorf("Invalid value. Matching delimiter not found '%s'", delim)
			}
			out[name] = strings.Join(value, "\n")
		default:
			//lint:ignore ST1005 the runner's own wording, kept verbatim
			return out, fmt.Errorf("Invalid format '%s'", line)
		}
	}
	return out, nil
}
