package ladder

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/ladderlint/ladderlint/lint/source"
)

// Variant is a category name written differently from the same category
// elsewhere in the ladder or on the page: "High-Impact" for "High Impact",
// "impact" for "Impact", "责任与权力" for "责任与权利". The ladder reads both as
// one category; the spelling is worth fixing.
type Variant struct {
	Name string
	Span source.Span
	// As is the spelling the category was first written with.
	As string
	// AsSpan is where that first spelling is.
	AsSpan source.Span
}

// categoryKey is a category name without case, spaces and punctuation.
func categoryKey(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// sameCategory reports whether a and b name one category: equal without
// case, spaces and punctuation, or (both six letters or more) one letter apart.
func sameCategory(a, b string) bool {
	ka, kb := categoryKey(a), categoryKey(b)
	if ka == kb {
		return ka != "" || strings.EqualFold(a, b)
	}
	ra, rb := []rune(ka), []rune(kb)
	if len(ra) < 6 || len(rb) < 6 || strings.ContainsAny(ka+kb, "0123456789") {
		return false // "… from IC1" and "… from IC2" differ on purpose
	}
	return oneEdit(ra, rb)
}

// oneEdit reports whether a and b differ by exactly one insertion, deletion
// or substitution.
func oneEdit(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return string(a[i+1:]) == string(b[i+1:])
	}
	return string(a[i:]) == string(b[i+1:])
}

// spellingAcrossLadders records, for the ladders of one page, category
// names that another ladder of the page spells differently.
func spellingAcrossLadders(ladders []*Ladder) {
	for i, l := range ladders {
		for _, c := range l.Categories {
			for _, prev := range ladders[:i] {
				if v, ok := variantOf(prev.Categories, c); ok {
					l.Variants = append(l.Variants, v)
					break
				}
			}
		}
	}
}

// variantOf returns c as a variant of the category of cats it spells
// differently, if any.
func variantOf(cats []Category, c Category) (Variant, bool) {
	for _, o := range cats {
		if o.Name == c.Name {
			return Variant{}, false
		}
	}
	for _, o := range cats {
		if c.Name != "" && o.Name != "" && sameCategory(o.Name, c.Name) {
			return Variant{Name: c.Name, Span: c.Span, As: o.Name, AsSpan: o.Span}, true
		}
	}
	return Variant{}, false
}

// levelCode is a level code inside a category name ("Key Shift from IC2").
var levelCode = regexp.MustCompile(`\b[A-Za-z]{1,4}[ -]?\d{1,2}[a-d]?\b`)

// codeless is name without the level codes it mentions: a category named
// after the level before ("Key Shift from IC1", "… from IC2") is one
// category written per level, not several.
func codeless(name string) string {
	if !strings.ContainsAny(name, "0123456789") {
		return name
	}
	return levelCode.ReplaceAllString(name, "#")
}
