package config

import (
	"encoding/json"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/ladderlint/ladderlint/schema"
)

// Suggest returns the candidate closest to word ("area" → "areas",
// "level-gaps" → "level-gap"), or "" when none is close: at most a third
// of the word's letters (and at least one) differ.
func Suggest(word string, candidates []string) string {
	best, bestD := "", -1
	limit := max(1, len([]rune(word))/3)
	for _, c := range candidates {
		d := distance(strings.ToLower(word), strings.ToLower(c))
		if d <= limit && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

// DidYouMean is " (did you mean "x"?)" for Suggest's answer, else "".
func DidYouMean(word string, candidates []string) string {
	if s := Suggest(word, candidates); s != "" {
		return " (did you mean " + strconv.Quote(s) + "?)"
	}
	return ""
}

// distance is the Levenshtein distance between a and b, in code points.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 100 || len(rb) > 100 {
		return max(len(ra), len(rb)) // untrusted keys: no quadratic work on long ones
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

var (
	schemaTree     map[string]any
	schemaTreeOnce sync.Once
)

// KeysAt lists the keys the configuration schema allows in the mapping at
// field ("" for the top level, "overrides.0.levels"), sorted.
func KeysAt(field string) []string {
	schemaTreeOnce.Do(func() { _ = json.Unmarshal(schema.Config, &schemaTree) })
	node := schemaTree
	if field != "" {
		for _, part := range strings.Split(field, ".") {
			if _, err := strconv.Atoi(part); err == nil {
				node, _ = node["items"].(map[string]any)
			} else if props, ok := node["properties"].(map[string]any); ok {
				node, _ = props[part].(map[string]any)
			} else {
				node = nil
			}
			if node == nil {
				return nil
			}
		}
	}
	props, _ := node["properties"].(map[string]any)
	keys := make([]string, 0, len(props))
	for k := range props {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
